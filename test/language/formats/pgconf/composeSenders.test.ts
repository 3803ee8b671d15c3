import * as assert from 'assert';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { CODES } from '../../../../language/formats/pgconf/codes';
import { getLanguageService } from '../../../../language/service/languageService';
import { tinyCatalog } from './fixtures';
import { fileUri, memoryFs } from './memoryFs';

const COMPOSE = `services:
  primary:
    image: postgres:17
    command: ["postgres", "-c", "config_file=/etc/postgresql/postgresql.conf"]
    volumes:
      - ./postgresql.conf:/etc/postgresql/postgresql.conf:ro
  replica1:
    image: postgres:17
    command: bash -c "pg_basebackup -h primary -D /var/lib/postgresql/data -R; exec postgres"
  replica2:
    image: postgres:17
    command: bash -c "pg_basebackup -h primary -D /var/lib/postgresql/data -R; exec postgres"
`;

function diagnose(conf: string, compose = COMPOSE) {
  const file = '/p/postgresql.conf';
  const service = getLanguageService({ catalog: tinyCatalog(), fs: memoryFs({ [file]: conf, '/p/compose.yaml': compose }), settings: () => ({ defaultMajor: 17 }) });
  return service.getDiagnostics(TextDocument.create(fileUri(file), 'pgconf', 1, conf)).filter((d) => d.code === CODES.sendersForReplicas);
}

describe('pgconf: max_wal_senders for the replicas of the compose service that mounts the file', () => {
  it('reports 0 as an error on the value, naming the service and its replicas, with a fix', () => {
    const [d, ...rest] = diagnose('max_wal_senders = 0\n');
    assert.strictEqual(rest.length, 0);
    assert.strictEqual(d.severity, 1);
    assert.match(d.message, /^max_wal_senders = 0 in the config file of "primary" \(compose\.yaml\), which has 2 replicas: no replica can connect/);
    assert.strictEqual(d.range.start.character, 'max_wal_senders = '.length);
  });

  it('warns below the replica count; silent with room, without replicas, or when the file is not the config file', () => {
    assert.strictEqual(diagnose('max_wal_senders = 1\n')[0]?.severity, 2);
    assert.deepStrictEqual(diagnose('max_wal_senders = 5\n'), []);
    assert.deepStrictEqual(diagnose('max_wal_senders = 0\n', COMPOSE.replace(/ {2}replica[\s\S]*/, '')), []);
    assert.deepStrictEqual(diagnose('max_wal_senders = 0\n', COMPOSE.replace('    command: ["postgres", "-c", "config_file=/etc/postgresql/postgresql.conf"]\n', '')), []);
  });
});

describe('pgconf: a config file mounted into the data directory of the image it runs in', () => {
  const mountedInData = (image: string, target: string, extra = '') => `services:
  primary:
    image: ${image}
${extra}    volumes:
      - ./postgresql.conf:${target}:ro
  replica1:
    image: ${image}
    command: bash -c "pg_basebackup -h primary -D /tmp/x -R; exec postgres"
`;

  it('finds the config file in the data directory of 18 images (/var/lib/postgresql/18/docker), not the pre-18 path', () => {
    assert.strictEqual(diagnose('max_wal_senders = 0\n', mountedInData('postgres:18', '/var/lib/postgresql/18/docker/postgresql.conf')).length, 1);
    assert.deepStrictEqual(diagnose('max_wal_senders = 0\n', mountedInData('postgres:18', '/var/lib/postgresql/data/postgresql.conf')), []);
    assert.strictEqual(diagnose('max_wal_senders = 0\n', mountedInData('postgres:17', '/var/lib/postgresql/data/postgresql.conf')).length, 1);
  });

  it('follows PGDATA when the service sets it', () => {
    const pgdata = '    environment:\n      PGDATA: /data/pg\n';
    assert.strictEqual(diagnose('max_wal_senders = 0\n', mountedInData('postgres:17', '/data/pg/postgresql.conf', pgdata)).length, 1);
  });
});

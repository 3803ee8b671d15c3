import * as assert from 'assert';
import { memoryFs, service, textDoc } from '../helpers';

const compose = (command = '["postgres", "-c", "config_file=/etc/postgresql/postgresql.conf"]', replicas = 2) => `services:
  primary:
    image: postgres:17
    environment: { POSTGRES_PASSWORD_FILE: /run/secrets/pw }
    command: ${command}
    volumes:
      - ./postgresql.conf:/etc/postgresql/postgresql.conf:ro
${Array.from({ length: replicas }, (_, i) => `  replica${i + 1}:
    image: postgres:17
    depends_on: [primary]
    command: bash -c "test -s /var/lib/postgresql/data/PG_VERSION || pg_basebackup -h primary -U rep -D /var/lib/postgresql/data -R; exec postgres"
`).join('')}`;

const senders = (conf: string, text = compose()) =>
  service(memoryFs({ '/work/project/postgresql.conf': conf }))
    .getDiagnostics(textDoc(text))
    .filter((d) => /^compose\/max-wal-senders/.test(String(d.code)));

describe('compose: max_wal_senders in the mounted postgresql.conf', () => {
  it('reports 0 on the mount line, naming the file and line', () => {
    const [d, ...rest] = senders('listen_addresses = \'*\'\nmax_wal_senders = 0\n');
    assert.strictEqual(rest.length, 0);
    assert.strictEqual(d.code, 'compose/max-wal-senders-zero');
    assert.strictEqual(d.range.start.line, 6);
    assert.match(d.message, /^max_wal_senders = 0 in \.\/postgresql\.conf \(line 2\), the config file of "primary": no replica can connect \(2 configured\)/);
  });

  it('warns when it is fewer than the replicas, and is silent when there is room', () => {
    assert.deepStrictEqual(senders('max_wal_senders = 1\n').map((d) => d.code), ['compose/max-wal-senders-too-small']);
    assert.deepStrictEqual(senders('max_wal_senders = 10\n'), []);
    assert.deepStrictEqual(senders('# nothing set: the default 10\n'), []);
  });

  it('leaves the value to the command line when it sets one, and ignores a file that is not the config file', () => {
    assert.deepStrictEqual(senders('max_wal_senders = 0\n', compose('["postgres", "-c", "config_file=/etc/postgresql/postgresql.conf", "-c", "max_wal_senders=10"]')), []);
    assert.deepStrictEqual(senders('max_wal_senders = 0\n', compose('["postgres"]')), []);
  });
});

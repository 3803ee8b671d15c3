import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { nodeFileSystem } from '../../../../core/nodeFileSystem';
import { repointPgbouncer, pgbouncerRoutes } from '../../../../language/formats/pgbouncer/routes';
import { getLanguageService } from '../../../../language/service/languageService';
import { tinyCatalog } from '../pgconf/fixtures';
import { memoryFs } from '../pgconf/memoryFs';

const DIR = path.resolve(__dirname, '../../../../examples/pgbouncer');
const open = (name: string, languageId: string) => TextDocument.create(`file://${DIR}/${name}`, languageId, 1, fs.readFileSync(path.join(DIR, name), 'utf8'));

describe('examples/pgbouncer', function () {
  it('is clean, and its pooler sends every database to the primary', function () {
    const ls = getLanguageService({ catalog: tinyCatalog(), fs: nodeFileSystem });
    const ini = open('pgbouncer.ini', 'pgbouncer');
    assert.deepStrictEqual(ls.getDiagnostics(ini), []);
    const compose = open('compose.yaml', 'yaml');
    const pooler = ls.getTopology(compose)!.services.find((s) => s.name === 'pgbouncer')!;
    assert.strictEqual(pooler.role, 'pooler');
    assert.strictEqual(pooler.upstream, 'primary');
    assert.strictEqual(pooler.poolerConfig?.path, path.join(DIR, 'pgbouncer.ini'));
    assert.deepStrictEqual(pooler.poolerConfig.routes.map((r) => `${r.database}→${r.host}:${r.port}`), ['postgres→primary:5432', 'appdb→primary:5432']);
  });
});

describe('pgbouncer.ini routes and re-pointing', function () {
  const text = "[databases]\n; main\napp = host=primary port=5432 dbname=app\nro = host=replica1 port=5432\nother = host='primary' user=x\n[pgbouncer]\nlisten_port = 6432\n";

  it('reads the [databases] entries as routes (with the login user an entry forces)', function () {
    assert.deepStrictEqual(pgbouncerRoutes(text), [
      { database: 'app', host: 'primary', port: 5432, dbname: 'app' },
      { database: 'ro', host: 'replica1', port: 5432, dbname: undefined },
      { database: 'other', host: 'primary', port: undefined, dbname: undefined, user: 'x' },
    ]);
  });

  it('points the entries of the old primary at the new one and leaves the rest alone', function () {
    const moved = repointPgbouncer(text, ['primary'], { host: 'replica1', port: 5433 })!;
    assert.strictEqual(moved, "[databases]\n; main\napp = host=replica1 port=5433 dbname=app\nro = host=replica1 port=5432\nother = host='replica1' user=x\n[pgbouncer]\nlisten_port = 6432\n");
    assert.strictEqual(repointPgbouncer(text, ['nowhere'], { host: 'x' }), undefined);
  });
});

describe('the PgBouncer version a pgbouncer.ini is judged as', function () {
  const compose = (image: string) => `services:\n  pgbouncer:\n    image: ${image}\n    volumes:\n      - ./pgbouncer.ini:/etc/pgbouncer/pgbouncer.ini:ro\n`;
  const judged = (image: string | undefined) => {
    const files: Record<string, string> = { '/stack/pgbouncer.ini': '[pgbouncer]\nmax_prepared_statements = 10\n' };
    if (image) files['/stack/compose.yaml'] = compose(image);
    const ls = getLanguageService({ catalog: tinyCatalog(), fs: memoryFs(files) });
    return ls.getDiagnostics(TextDocument.create('file:///stack/pgbouncer.ini', 'pgbouncer', 1, files['/stack/pgbouncer.ini'])).map((d) => d.code);
  };

  it('comes from the image tag of the service that mounts it, else the newest line', function () {
    assert.deepStrictEqual(judged('edoburu/pgbouncer:v1.18.0-p0'), ['pgbouncer/added-later-parameter']);
    assert.deepStrictEqual(judged('bitnami/pgbouncer:1.24.1-debian-12-r3'), []);
    assert.deepStrictEqual(judged('edoburu/pgbouncer:latest'), []);
    assert.deepStrictEqual(judged(undefined), []);
  });
});

describe('pool sizes against the server they go to', function () {
  const files = (maxConnections: string, pool: string): Record<string, string> => ({
    '/stack/compose.yaml': `services:\n  primary:\n    image: postgres:17\n    command: postgres -c max_connections=${maxConnections}\n  pgbouncer:\n    image: edoburu/pgbouncer:1.24\n    volumes:\n      - ./pgbouncer.ini:/etc/pgbouncer/pgbouncer.ini:ro\n`,
    '/stack/pgbouncer.ini': `[databases]\na = host=primary\nb = host=primary pool_size=${pool}\n[pgbouncer]\ndefault_pool_size = 20\nreserve_pool_size = 5\n`,
  });
  const found = (given: Record<string, string>) => {
    const ls = getLanguageService({ catalog: tinyCatalog(), fs: memoryFs(given) });
    return ls.getDiagnostics(TextDocument.create('file:///stack/pgbouncer.ini', 'pgbouncer', 1, given['/stack/pgbouncer.ini']));
  };

  it('warns when the pools can open more connections than max_connections minus the reserved ones', function () {
    const [d] = found(files('40', '10'));
    assert.strictEqual(d?.code, 'pgbouncer/pools-exceed-server');
    assert.match(d.message, /^the pools sent to primary may open 40 server connections \(one user per database\), more than the 37 it allows \(max_connections 40 − superuser_reserved_connections 3\)/);
    assert.deepStrictEqual(found(files('100', '10')), []);
  });
});

describe('a database reached only through a replica', function () {
  const found = (databases: string) => {
    const given: Record<string, string> = {
      '/stack/compose.yaml': 'services:\n  primary:\n    image: postgres:17\n  replica1:\n    image: postgres:17\n    command: bash -c "pg_basebackup -h primary -D /var/lib/postgresql/data -R; exec postgres"\n  pgbouncer:\n    image: edoburu/pgbouncer:1.24\n    volumes:\n      - ./pgbouncer.ini:/etc/pgbouncer/pgbouncer.ini:ro\n',
      '/stack/pgbouncer.ini': `[databases]\n${databases}\n[pgbouncer]\nlisten_port = 6432\n`,
    };
    const ls = getLanguageService({ catalog: tinyCatalog(), fs: memoryFs(given) });
    return ls.getDiagnostics(TextDocument.create('file:///stack/pgbouncer.ini', 'pgbouncer', 1, given['/stack/pgbouncer.ini'])).filter((d) => d.code === 'pgbouncer/only-on-replica');
  };

  it('says writes through it fail (information), naming entry, replica and database', function () {
    const [d, ...rest] = found('reports = host=replica1 dbname=app');
    assert.strictEqual(rest.length, 0);
    assert.strictEqual(d.severity, 3);
    assert.match(d.message, /^reports goes to replica1, a replica of the stack, and no entry sends database app to the primary: writes through it fail with "cannot execute … in a read-only transaction"/);
  });

  it('stays quiet for the usual read path beside a primary entry, and for hosts outside the stack', function () {
    assert.deepStrictEqual(found('app = host=primary dbname=app\napp_ro = host=replica1 dbname=app'), []);
    assert.deepStrictEqual(found('app = host=db.example.com dbname=app'), []);
  });
});

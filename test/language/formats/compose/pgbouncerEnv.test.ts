import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import type { MarkupContent } from 'vscode-languageserver-types';
import { expandItemDefaults } from '../../../../language/service/completionList';
import { PGBOUNCER_ENV_SETTINGS } from '../../../../language/formats/compose/pgbouncerEnv';
import { memoryFs, positionOf, service, textDoc } from './helpers';

const ENTRYPOINT = path.resolve(__dirname, '../../../../scripts/images/pgbouncer-entrypoint.sh');
const STACK = 'services:\n  primary:\n    image: postgres:17\n    environment:\n      POSTGRES_PASSWORD: secret\n  replica:\n    image: postgres:17\n';

describe('compose: PgBouncer images configured through their environment', () => {
  const ls = service(memoryFs({}));
  const check = (pooler: string) => ls.getDiagnostics(textDoc(STACK + pooler)).filter((d) => String(d.code).startsWith('compose/pgbouncer'));
  const codes = (pooler: string) => check(pooler).map((d) => `${d.code} ${textDoc(STACK + pooler).getText(d.range)}`);

  it("knows every setting variable the entrypoint passes through (its SETTINGS list, word for word)", () => {
    const shell = /SETTINGS=\(([^)]*)\)/.exec(fs.readFileSync(ENTRYPOINT, 'utf8'))![1].split(/\s+/).filter(Boolean);
    assert.deepStrictEqual([...PGBOUNCER_ENV_SETTINGS], shell);
  });

  it('a clean edoburu service has no findings; its database goes to DB_HOST in the topology', () => {
    const pooler = '  pgbouncer:\n    image: edoburu/pgbouncer:v1.24.1-p1\n    environment:\n      DB_HOST: primary\n      DB_USER: postgres\n      DB_PASSWORD: secret\n      POOL_MODE: transaction\n      MAX_PREPARED_STATEMENTS: "100"\n';
    assert.deepStrictEqual(codes(pooler), []);
    const topology = ls.getTopology(textDoc(STACK + pooler))!;
    assert.deepStrictEqual(topology.services.find((s) => s.name === 'pgbouncer')!.routes, [{ database: '*', host: 'primary', port: 5432 }]);
    assert.deepStrictEqual(topology.poolerEdges, [{ pooler: 'pgbouncer', backend: 'primary', databases: ['*'] }]);
  });

  it('bitnami: PGBOUNCER_DATABASE and PGBOUNCER_DSN_<n> say which node each database goes to', () => {
    const pooler = '  pgbouncer:\n    image: bitnami/pgbouncer:1.24.1\n    environment:\n      POSTGRESQL_HOST: primary\n      POSTGRESQL_PASSWORD: secret\n      PGBOUNCER_DATABASE: app\n      PGBOUNCER_DSN_0: "reports=host=replica dbname=app"\n';
    assert.deepStrictEqual(codes(pooler), []);
    const topology = ls.getTopology(textDoc(STACK + pooler))!;
    assert.deepStrictEqual(topology.services.find((s) => s.name === 'pgbouncer')!.routes, [
      { database: 'app', host: 'primary', port: 5432, dbname: 'postgres' },
      { database: 'reports', host: 'replica', port: undefined, dbname: 'app' },
    ]);
    assert.deepStrictEqual(topology.poolerEdges, [
      { pooler: 'pgbouncer', backend: 'primary', databases: ['app'] },
      { pooler: 'pgbouncer', backend: 'replica', databases: ['reports'] },
    ]);
  });

  it('values PgBouncer of the image version refuses in the generated file, with its words and a fix', () => {
    const pooler = '  pgbouncer:\n    image: edoburu/pgbouncer:1.18.0\n    environment:\n      DB_HOST: primary\n      POOL_MODE: transacton\n      MAX_CLIENT_CONN: 10k\n      SERVER_LIFETIME: 5min\n      MAX_PREPARED_STATEMENTS: "10"\n';
    const found = check(pooler);
    assert.deepStrictEqual(found.map((d) => `${d.code} ${textDoc(STACK + pooler).getText(d.range)}`), [
      'compose/pgbouncer-env-invalid transacton',
      'compose/pgbouncer-env-invalid 10k',
      'compose/pgbouncer-env-invalid 5min',
      'compose/pgbouncer-env-invalid MAX_PREPARED_STATEMENTS',
    ]);
    assert.match(found[0].message, /^invalid value "transacton" for parameter pool_mode in configuration — PgBouncer 1\.18 /);
    assert.match(found[3].message, /^unknown parameter: pgbouncer\/max_prepared_statements — PgBouncer 1\.18 .*exists in PgBouncer 1\.24/);
    const actions = ls.getCodeActions(textDoc(STACK + pooler), found[0].range, { diagnostics: [found[0]] });
    assert.deepStrictEqual(actions.map((a) => a.title), ['Change to transaction']);
  });

  it("variables of the other contract, typos, and what a mounted pgbouncer.ini makes unread", () => {
    const typo = '  pgbouncer:\n    image: bitnami/pgbouncer:1.24.1\n    environment:\n      POSTGRESQL_HOST: primary\n      POSTGRESQL_PASSWORD: x\n      PGBOUNCER_POOL_MOD: session\n      POOL_MODE: session\n';
    assert.deepStrictEqual(codes(typo), ['compose/pgbouncer-env-unknown PGBOUNCER_POOL_MOD', 'compose/pgbouncer-env-ignored POOL_MODE']);
    assert.match(check(typo)[1].message, /Its variable for pool_mode is PGBOUNCER_POOL_MODE/);
    const files = { '/work/project/pgbouncer.ini': '[databases]\n* = host=primary\n[pgbouncer]\nlisten_port = 6432\n' };
    const mounted = '  pgbouncer:\n    image: edoburu/pgbouncer:1.24.1\n    volumes:\n      - ./pgbouncer.ini:/etc/pgbouncer/pgbouncer.ini:ro\n    environment:\n      POOL_MODE: session\n';
    const mountedFindings = service(memoryFs(files)).getDiagnostics(textDoc(STACK + mounted)).filter((d) => String(d.code).startsWith('compose/pgbouncer'));
    assert.deepStrictEqual(mountedFindings.map((d) => [d.code, d.severity]), [['compose/pgbouncer-env-ignored', 3]]);
  });

  it('what stops the entrypoint: no backend (edoburu), no password (bitnami); a host that is not a service', () => {
    assert.deepStrictEqual(codes('  pgbouncer:\n    image: edoburu/pgbouncer:1.24.1\n    environment:\n      POOL_MODE: session\n'), ['compose/pgbouncer-no-backend pgbouncer']);
    assert.deepStrictEqual(codes('  pgbouncer:\n    image: bitnami/pgbouncer:1.24.1\n    environment:\n      POSTGRESQL_HOST: primary\n'), ['compose/pgbouncer-no-backend pgbouncer']);
    const unknown = check('  pgbouncer:\n    image: edoburu/pgbouncer:1.24.1\n    environment:\n      DATABASE_URL: postgres://app:pw@primry:5432/app\n');
    assert.deepStrictEqual(unknown.map((d) => d.code), ['compose/pgbouncer-host-unknown']);
    assert.match(unknown[0].message, /Database app goes to host "primry".*Did you mean primary\?/);
  });

  it('an image whose contract we do not know is left alone', () => {
    assert.deepStrictEqual(codes('  pgbouncer:\n    image: example/pgbouncer:1\n    environment:\n      POOL_MOD: x\n'), []);
  });

  it('completion offers both contracts and the catalog enum values; hover names the contract', () => {
    const doc = textDoc(`${STACK}  pgbouncer:\n    image: edoburu/pgbouncer:1.24.1\n    environment:\n      POOL_MODE: tr\n      PGBOUNCER_AUTH\n`);
    const names = ls.getCompletions(doc, positionOf(doc, 'PGBOUNCER_AUTH', 14)).items.map((i) => i.label);
    for (const name of ['DB_HOST', 'POOL_MODE', 'MAX_PREPARED_STATEMENTS', 'PGBOUNCER_AUTH_TYPE', 'PGBOUNCER_DSN_0', 'POSTGRESQL_PASSWORD_FILE']) assert.ok(names.includes(name), name);
    const values = expandItemDefaults(ls.getCompletions(doc, positionOf(doc, 'POOL_MODE: tr', 13))).items.map((i) => i.label);
    assert.deepStrictEqual(values, ['session', 'transaction', 'statement']);
    const hover = (ls.getHover(doc, positionOf(doc, 'POOL_MODE', 2))?.contents as MarkupContent).value;
    assert.match(hover, /\*\*POOL_MODE\*\* \(edoburu\/pgbouncer\)/);
    assert.match(hover, /Writes `pool_mode` into the generated pgbouncer\.ini/);
  });
});

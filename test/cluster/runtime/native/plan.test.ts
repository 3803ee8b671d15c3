import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { loadTopology } from '../../../../cluster/runtime/topologySource';
import { planNative } from '../../../../cluster/runtime/native/plan';
import { serviceArgs, shellWords, toArgs } from '../../../../cluster/runtime/native/serviceArgs';
import { mapSqlPaths } from '../../../../cluster/runtime/native/entrypoint';
import { copyExample, tempDir } from './nativeSupport';

function writeCompose(dir: string, yaml: string): string {
  const file = path.join(dir, 'compose.yaml');
  fs.writeFileSync(file, yaml);
  return file;
}

describe('native runtime: plan from the compose model', () => {
  let dir = '';
  beforeEach(() => {
    dir = tempDir('plan');
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('turns the example stack into a primary and two replicas with mapped files and the model logins', () => {
    const plan = planNative(loadTopology(copyExample(dir, 16, 24000)));
    assert.deepStrictEqual(plan.problems, []);
    assert.deepStrictEqual(plan.skipped, []);
    assert.deepStrictEqual(plan.warnings, []);
    assert.deepStrictEqual(plan.nodes.map((n) => [n.service, n.role, n.major, n.port, n.upstream, n.slot]), [
      ['primary', 'primary', 16, 24000, undefined, undefined],
      ['replica1', 'replica', 16, 24001, 'primary', 'replica1'],
      ['replica2', 'replica', 16, 24002, 'primary', 'replica2'],
    ]);
    assert.deepStrictEqual(plan.nodes[1].args.settings, [['config_file', path.join(dir, 'postgresql.conf')], ['hba_file', path.join(dir, 'pg_hba.conf')], ['cluster_name', 'replica1']]);
    assert.deepStrictEqual(plan.nodes[1].replication, { user: 'replicator', password: 'ha-demo-replication-change-me' });
    assert.deepStrictEqual(plan.nodes[2].login, { user: 'postgres', password: 'ha-demo-superuser-change-me', database: 'postgres' });
    const init = plan.nodes[0].init!;
    assert.deepStrictEqual([init.user, init.password, init.database, init.initdbArgs], ['postgres', 'ha-demo-superuser-change-me', 'postgres', ['--auth-local=peer', '--auth-host=scram-sha-256', '--no-sync']]);
    assert.deepStrictEqual(init.scripts.map((s) => [s.name, s.kind]), [['01-replication.sql', 'sql'], ['02-replication-password.sql', 'sql']]);
    assert.strictEqual(init.hostPath('/run/secrets/replication_pgpass'), path.join(dir, 'secrets/replication.pgpass'));
  });

  it('refuses shell init scripts unless allowed, and names the way out', () => {
    const file = copyExample(dir, 17, 24000);
    fs.writeFileSync(path.join(dir, 'init', '03-more.sh'), 'echo hi\n');
    const refused = planNative(loadTopology(file));
    assert.deepStrictEqual(refused.problems, [
      'primary: init script 03-more.sh is a shell script, which the native runtime would run on this machine rather than in a container; turn it into .sql, use the Docker backend, or allow shell init scripts for this project (pgha up --allow-init-sh, setting pgha.native.allowInitShell)',
    ]);
    assert.deepStrictEqual(planNative(loadTopology(file), { allowShellInit: true }).problems, []);
  });

  it('reports poolers and apps as needing the Docker backend, and a primary without a password like the image', () => {
    const file = writeCompose(
      dir,
      [
        'services:',
        '  db:',
        '    image: postgres:15',
        '    ports: ["127.0.0.1:24010:5432"]',
        '  pool:',
        '    image: edoburu/pgbouncer:1.24',
        '    environment: { DB_HOST: db }',
        '  web:',
        '    image: nginx:1',
        '',
      ].join('\n'),
    );
    const plan = planNative(loadTopology(file));
    assert.deepStrictEqual(plan.skipped, [
      { service: 'pool', reason: 'pgbouncer pooler: needs the Docker backend' },
      { service: 'web', reason: 'not a PostgreSQL server (nginx:1): needs the Docker backend' },
    ]);
    assert.deepStrictEqual(plan.problems, [
      'db: the postgres image refuses to initialise a database without a superuser password; set POSTGRES_PASSWORD or POSTGRES_PASSWORD_FILE (or POSTGRES_HOST_AUTH_METHOD=trust to allow connections without a password)',
    ]);
  });

  it('passes command options through and keeps data folder, port, socket and listen address for itself', () => {
    const file = writeCompose(
      dir,
      [
        'services:',
        '  db:',
        '    image: postgres:17',
        '    environment: { POSTGRES_PASSWORD: pw, POSTGRES_DB: app, POSTGRES_INITDB_ARGS: "--data-checksums -E \'UTF8\'" }',
        '    command: ["postgres", "-c", "max_connections=50", "-N", "40", "--work_mem=8MB", "-p", "5433", "-c", "data_directory=/x", "-i", "-c", "hba_file=/nowhere/pg_hba.conf"]',
        '    ports: ["127.0.0.1:24020:5433"]',
        '',
      ].join('\n'),
    );
    const topology = loadTopology(file);
    const args = serviceArgs(topology, topology.services[0]);
    assert.deepStrictEqual(args.settings, [['max_connections', '50'], ['work_mem', '8MB']]);
    assert.deepStrictEqual(args.options, ['-N', '40']);
    assert.deepStrictEqual(args.problems, ['db: hba_file=/nowhere/pg_hba.conf names a file inside the container that no bind mount or secret of the service provides']);
    assert.deepStrictEqual(toArgs(args, [['port', '24020']]), ['-N', '40', '-c', 'max_connections=50', '-c', 'work_mem=8MB', '-c', 'port=24020']);
    const plan = planNative(topology);
    assert.strictEqual(plan.nodes[0].port, 24020);
    assert.deepStrictEqual([plan.nodes[0].init?.database, plan.nodes[0].init?.initdbArgs], ['app', ['--data-checksums', '-E', 'UTF8']]);
  });

  it('splits POSTGRES_INITDB_ARGS like a shell and maps container paths quoted in init SQL', () => {
    assert.deepStrictEqual(shellWords(`--locale="en US" -E 'UTF8'  --x=a\\ b`), ['--locale=en US', '-E', 'UTF8', '--x=a b']);
    const map = (p: string) => (p === '/run/secrets/pw' ? "/host/it's/pw" : undefined);
    assert.strictEqual(mapSqlPaths(`SELECT pg_read_file('/run/secrets/pw'), '/other', 'text'`, map), `SELECT pg_read_file('/host/it''s/pw'), '/other', 'text'`);
  });
});

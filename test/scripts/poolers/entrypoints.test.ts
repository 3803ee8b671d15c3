/** The pooler test images honour the environment contracts of edoburu/pgbouncer, bitnami/pgbouncer and bitnami/pgpool. */
import * as assert from 'node:assert/strict';
import { consoleQuery, containerLogs, docker, removeContainers, runContainer, uniqueName, type ConsoleTarget } from '../../../scripts/catalog/poolers/containers';
import { judgeWhy } from '../../../scripts/differential/poolers/oracle';
import { requirePart } from '../../support/parts';
import { waitFor } from '../../support/waitFor';

describe('pooler test image entrypoints', function () {
  this.timeout(240_000);
  const containers: string[] = [];
  const networks: string[] = [];
  after(async () => {
    await removeContainers(containers);
    for (const network of networks) await docker(['network', 'rm', network]).catch(() => undefined);
  });

  async function start(image: string, env: Record<string, string>, publish?: number, network?: string, alias?: string) {
    const container = await runContainer({ image, env, publish, network, alias });
    containers.push(container.name);
    return container;
  }

  const query = (target: ConsoleTarget, sql: string) => waitFor(() => consoleQuery(target, sql), `${sql} on port ${target.port}`, 90_000, 250);
  const byKey = (rows: Record<string, string | null>[]) => new Map(rows.map((row) => [row.key, row.value]));
  const processUser = async (name: string) => (await docker(['exec', name, 'stat', '-c', '%U', '/proc/1'])).trim();

  it('PgBouncer, edoburu contract: DB_* variables, credentials in userlist.txt, port 5432, runs as postgres', async function () {
    requirePart(this, 'PgBouncer test image', await judgeWhy('pgbouncer', '1.18'));
    const env = { DB_HOST: 'db.invalid', DB_USER: 'app', DB_PASSWORD: 'secret', DB_NAME: 'appdb', ADMIN_USERS: 'app', POOL_MODE: 'transaction', MAX_CLIENT_CONN: '50' };
    const { name, hostPort } = await start('pgha-test/pgbouncer:1.18', env, 5432);
    const target = { port: hostPort!, user: 'app', password: 'secret', database: 'pgbouncer' };
    const config = byKey(await query(target, 'SHOW CONFIG'));
    assert.equal(config.get('listen_port'), '5432');
    assert.equal(config.get('pool_mode'), 'transaction');
    assert.equal(config.get('max_client_conn'), '50');
    const databases = await query(target, 'SHOW DATABASES');
    assert.ok(databases.some((row) => row.name === 'appdb' && row.host === 'db.invalid'), JSON.stringify(databases));
    assert.equal(await processUser(name), 'postgres');
  });

  it('PgBouncer, bitnami contract: POSTGRESQL_* and PGBOUNCER_* variables, port 6432', async function () {
    requirePart(this, 'PgBouncer test image', await judgeWhy('pgbouncer', '1.24'));
    const env = { POSTGRESQL_HOST: 'db.invalid', POSTGRESQL_PASSWORD: 'secret', PGBOUNCER_DATABASE: 'app', PGBOUNCER_POOL_MODE: 'statement' };
    const { hostPort } = await start('pgha-test/pgbouncer:1.24', env, 6432);
    const target = { port: hostPort!, user: 'postgres', password: 'secret', database: 'pgbouncer' };
    const config = byKey(await query(target, 'SHOW CONFIG'));
    assert.equal(config.get('listen_port'), '6432');
    assert.equal(config.get('pool_mode'), 'statement');
    const databases = await query(target, 'SHOW DATABASES');
    assert.ok(databases.some((row) => row.name === 'app' && row.host === 'db.invalid' && row.database === 'postgres'), JSON.stringify(databases));
  });

  it('PgBouncer without a backend or a config says what to set', async function () {
    requirePart(this, 'PgBouncer test image', await judgeWhy('pgbouncer', '1.24'));
    const { name } = await start('pgha-test/pgbouncer:1.24', {});
    const exit = await docker(['wait', name]);
    assert.notEqual(exit.trim(), '0');
    assert.match(await containerLogs(name), /no backend: set DATABASE_URL or DB_HOST/);
  });

  it('pgpool-II, bitnami contract: PGPOOL_BACKEND_NODES and credentials, serving queries from a real backend', async function () {
    requirePart(this, 'pgpool-II test image', await judgeWhy('pgpool', '4.3'));
    requirePart(this, 'PostgreSQL test image', (await docker(['image', 'inspect', 'pgha-test/postgres:15']).then(() => undefined, () => 'pgha-test/postgres:15 is not built; run npm run test:images')));
    const network = uniqueName('pgha-test-net');
    await docker(['network', 'create', '--label', 'pgha.test=entrypoint', network]);
    networks.push(network);
    const backend = await start('pgha-test/postgres:15', { POSTGRES_PASSWORD: 'secret' }, undefined, network, 'pg-0');
    await waitFor(() => docker(['exec', backend.name, 'pg_isready', '-q', '-h', '127.0.0.1']).then(() => true), 'the backend', 120_000, 500);
    const env = {
      PGPOOL_BACKEND_NODES: '0:pg-0:5432', PGPOOL_SR_CHECK_USER: 'postgres', PGPOOL_SR_CHECK_PASSWORD: 'secret', PGPOOL_POSTGRES_USERNAME: 'postgres',
      PGPOOL_POSTGRES_PASSWORD: 'secret', PGPOOL_ADMIN_USERNAME: 'admin', PGPOOL_ADMIN_PASSWORD: 'adminpw', PGPOOL_ENABLE_LOAD_BALANCING: 'no',
    };
    const { name, hostPort } = await start('pgha-test/pgpool:4.3', env, 5432, network);
    const target = { port: hostPort!, user: 'postgres', password: 'secret', database: 'postgres' };
    const [row] = await query(target, 'SELECT current_user AS who, inet_server_port() AS port');
    assert.deepEqual(row, { who: 'postgres', port: 5432 });
    const [balance] = await query(target, 'PGPOOL SHOW load_balance_mode');
    assert.equal(balance.load_balance_mode, 'off');
    assert.equal(await processUser(name), 'postgres');
  });
});

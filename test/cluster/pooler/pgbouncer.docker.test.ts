import * as assert from 'assert';
import { execFile } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { promisify } from 'util';
import { ActionLog, type ActionContext } from '../../../cluster/failover/context';
import { followPoolers, formerHostsOf, type PoolerFollower } from '../../../cluster/failover/poolers';
import { evaluatePools, formatPoolerStatus, poolerToJson, poolRows, probePooler, type PoolerTarget } from '../../../cluster/monitor/pooler';
import { judgeWhy } from '../../../scripts/differential/poolers/oracle';
import { freePorts, tempDir } from '../runtime/docker/dockerSupport';
import { requirePart } from '../../support/parts';
import { waitFor } from '../../support/waitFor';

const exec = promisify(execFile);
const INI = '[databases]\nappdb = host=old-primary port=5432 dbname=app\nro = host=replica1 port=5432\n[pgbouncer]\nlisten_addr = 0.0.0.0\nlisten_port = 6432\nauth_type = trust\nauth_file = /etc/pgbouncer/userlist.txt\nadmin_users = pgha\n';

describe('PgBouncer admin console (real PgBouncer 1.24 in a container)', function () {
  this.timeout(120_000);
  let container: string | undefined;
  let dir: string;
  let admin: PoolerTarget;

  before(async function () {
    requirePart(this, 'PgBouncer 1.24 image', await judgeWhy('pgbouncer', '1.24'));
    dir = tempDir('pgbouncer-admin');
    fs.writeFileSync(path.join(dir, 'pgbouncer.ini'), INI, { mode: 0o644 });
    fs.writeFileSync(path.join(dir, 'userlist.txt'), '"pgha" ""\n', { mode: 0o644 });
    const port = await freePorts(1);
    const { stdout } = await exec('docker', ['run', '-d', '--rm', '-p', `127.0.0.1:${port}:6432`, '-v', `${dir}/pgbouncer.ini:/etc/pgbouncer/pgbouncer.ini`, '-v', `${dir}/userlist.txt:/etc/pgbouncer/userlist.txt:ro`, 'pgha-test/pgbouncer:1.24']);
    container = stdout.trim();
    admin = { service: 'pgbouncer', host: '127.0.0.1', port, user: 'pgha' };
    await waitFor(async () => (await probePooler(admin)).state === 'up', 'PgBouncer admin console', 60_000, 200);
  });

  after(async function () {
    if (container) await exec('docker', ['rm', '-f', container]).catch(() => undefined);
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('reads SHOW POOLS / SHOW DATABASES / SHOW STATS', async function () {
    const status = await probePooler(admin);
    assert.strictEqual(status.state, 'up');
    assert.deepStrictEqual(status.databases.filter((d) => d.name !== 'pgbouncer').map((d) => `${d.name}→${d.host}:${d.port}/${d.database}`), ['appdb→old-primary:5432/app', 'ro→replica1:5432/ro']);
    assert.ok(status.pools.some((p) => p.database === 'pgbouncer'));
    assert.strictEqual(status.health, 'ok');
    assert.match(formatPoolerStatus(status), /^pgbouncer {4}pooler {3}up {3}ok {3}appdb→old-primary:5432, ro→replica1:5432\n/);
    assert.strictEqual(poolerToJson(status).role, 'pooler');
  });

  it('follows a promotion: the old primary\'s entries point at the new one after RELOAD, replica entries stay', async function () {
    const poolers: PoolerFollower[] = [{ service: 'pgbouncer', configPath: path.join(dir, 'pgbouncer.ini'), admin }];
    const target = (service: string, expectedRole: 'primary' | 'replica') => ({ service, host: '127.0.0.1', port: 1, user: 'x', database: 'postgres', aliases: [], expectedRole });
    const ctx = { targets: [target('old-primary', 'primary'), target('replica1', 'replica'), target('replica2', 'replica')], poolers } as unknown as ActionContext;
    const log = new ActionLog('promote replica2', ctx);
    await followPoolers(ctx, log, 'replica2', formerHostsOf(ctx, 'replica2'));
    assert.deepStrictEqual(log.warnings, []);
    const status = await probePooler(admin);
    assert.deepStrictEqual(status.databases.filter((d) => d.name !== 'pgbouncer').map((d) => `${d.name}→${d.host}`), ['appdb→replica2', 'ro→replica1']);
  });
});

describe('pool health', function () {
  it('warns about waiting clients and long waits, critical above the upper thresholds', function () {
    const rows = (waiting: string, maxwait: string) => poolRows([{ database: 'app', user: 'u', cl_active: '1', cl_waiting: waiting, sv_active: '1', sv_idle: '0', maxwait, maxwait_us: '500000', pool_mode: 'transaction' }]);
    assert.strictEqual(evaluatePools(rows('0', '0')).health, 'ok');
    assert.strictEqual(evaluatePools(rows('2', '0')).health, 'warning');
    assert.strictEqual(evaluatePools(rows('0', '30')).health, 'critical');
    assert.strictEqual(rows('0', '2')[0].maxWaitSeconds, 2.5);
  });
});

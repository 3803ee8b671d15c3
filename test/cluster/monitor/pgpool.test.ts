import * as assert from 'assert';
import { evaluatePgpool, formatPgpoolStatus, pgpoolTargetsOf, pgpoolToJson, processSummaryOf, serviceResolver, withPgpoolFindings, type PgpoolStatus } from '../../../cluster/monitor/pgpool';
import { poolNodeOf } from '../../../cluster/monitor/pgpoolNodes';
import type { NodeStatus } from '../../../cluster/monitor/types';
import type { ServiceModel, Topology } from '../../../core/model/topology';

const row = (id: number, host: string, status: string, role: string, selects = 0) => ({ node_id: String(id), hostname: host, port: '5432', status, role, lb_weight: '0.5', select_cnt: String(selects), load_balance_node: String(id === 1), replication_delay: '0' });
const status = (service: string, state: NodeStatus['state'], role: NodeStatus['role']) => ({ service, host: '127.0.0.1', port: 1, state, role, replication: [], slots: [], publications: [], subscriptions: [], probeMs: 1 }) as NodeStatus;
const resolve = serviceResolver([
  { service: 'primary', aliases: ['pg-0'] },
  { service: 'replica1', aliases: [] },
]);

describe('pgpool-II in the monitor: its view next to the servers', () => {
  it('is ok when pgpool and the servers agree on the primary and the nodes', () => {
    const nodes = [row(0, 'pg-0', 'up', 'primary'), row(1, 'replica1', 'up', 'standby')].map(poolNodeOf);
    assert.deepStrictEqual(evaluatePgpool(nodes, [status('primary', 'up', 'primary'), status('replica1', 'up', 'replica')], resolve), { pgpoolPrimary: 'primary', realPrimary: 'primary', health: 'ok', findings: [] });
  });

  it('is critical when pgpool names another primary than the real one (after a promotion it did not see)', () => {
    const nodes = [row(0, 'primary', 'up', 'primary'), row(1, 'replica1', 'up', 'standby')].map(poolNodeOf);
    const result = evaluatePgpool(nodes, [status('primary', 'unreachable', 'unknown'), status('replica1', 'up', 'primary')], resolve);
    assert.strictEqual(result.health, 'critical');
    assert.strictEqual(result.pgpoolPrimary, 'primary');
    assert.strictEqual(result.realPrimary, 'replica1');
    assert.deepStrictEqual(result.findings, ['pgpool sends writes to primary as primary, but the primary is replica1', 'pgpool still counts primary as up, but it does not answer']);
  });

  it('is critical when pgpool knows no primary while one runs; a primary it has down does not count', () => {
    const nodes = [row(0, 'primary', 'down', 'primary'), row(1, 'replica1', 'up', 'standby')].map(poolNodeOf);
    const result = evaluatePgpool(nodes, [status('primary', 'up', 'primary'), status('replica1', 'up', 'replica')], resolve);
    assert.strictEqual(result.health, 'critical');
    assert.strictEqual(result.pgpoolPrimary, undefined);
  });

  it('is a warning when only a standby is down in pgpool although it runs', () => {
    const nodes = [row(0, 'primary', 'up', 'primary'), row(1, 'replica1', 'down', 'standby')].map(poolNodeOf);
    const result = evaluatePgpool(nodes, [status('primary', 'up', 'primary'), status('replica1', 'up', 'replica')], resolve);
    assert.strictEqual(result.health, 'warning');
    assert.deepStrictEqual(result.findings, ['pgpool has replica1 down (detached) although it runs: attach it again (pcp_attach_node 1)']);
  });

  it('sums up SHOW POOL_PROCESSES: children with a client are busy, a cached connection waiting is idle', () => {
    const rows = [
      { pool_pid: '10', database: 'postgres', status: 'Execute command' },
      { pool_pid: '11', database: 'postgres', status: 'Wait for connection' },
      { pool_pid: '12', database: '', status: 'Wait for connection' },
      { pool_pid: '13', database: 'app', status: 'Idle' },
    ];
    assert.deepStrictEqual(processSummaryOf(rows), { total: 4, busy: 2, idle: 2 });
    assert.deepStrictEqual(processSummaryOf([{ pool_pid: '1', database: 'x' }, { pool_pid: '2', database: '' }]), { total: 2, busy: 1, idle: 1 });
  });

  it('folds the findings into the snapshot (the worst health wins) and prints them under the pgpool row', () => {
    const nodes = [row(0, 'primary', 'up', 'primary', 0), row(1, 'replica1', 'up', 'standby', 12)].map(poolNodeOf);
    const pgpool: PgpoolStatus = { service: 'pgpool', state: 'up', nodes, processes: { total: 16, busy: 1, idle: 15 }, pgpoolPrimary: 'primary', realPrimary: 'replica1', health: 'critical', findings: ['pgpool sends writes to primary as primary, but the primary is replica1'] };
    assert.deepStrictEqual(withPgpoolFindings('ok', ['x'], [pgpool]), { health: 'critical', problems: ['x', 'pgpool: pgpool sends writes to primary as primary, but the primary is replica1'] });
    const text = formatPgpoolStatus(pgpool);
    assert.match(text, /^pgpool {7}pooler {3}up {3}critical {3}pgpool-II: primary primary \(real: replica1\), children 16 \(1 busy, 15 idle\)\n/);
    assert.match(text, /\n {2}node 1 replica1:5432 +up +standby +weight 0\.500 +select_cnt 12 +lb-node +delay 0\n/);
    assert.match(text, /\n {2}! pgpool sends writes to primary/);
    assert.strictEqual(pgpoolToJson(pgpool).role, 'pooler');
  });

  it('finds the pgpool services a stack publishes on this machine', () => {
    const service = (name: string, flavor: ServiceModel['flavor'], hostPort?: number) => ({ name, role: flavor === 'official' ? 'primary' : 'pooler', flavor, ports: hostPort ? [{ hostIp: '127.0.0.1', hostPort, containerPort: 9999, protocol: 'tcp' }] : [] }) as unknown as ServiceModel;
    const topology = { services: [service('primary', 'official', 5432), service('pgpool', 'pgpool', 19999), service('quiet', 'pgpool')] } as unknown as Topology;
    assert.deepStrictEqual(pgpoolTargetsOf(topology, () => ({ user: 'postgres', password: 'pw' })), [{ service: 'pgpool', host: '127.0.0.1', port: 19999, database: 'postgres', user: 'postgres', password: 'pw', pcpWhy: 'its PCP port 9898 is not published on 127.0.0.1' }]);
  });
});

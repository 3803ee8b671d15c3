import * as assert from 'assert';
import { poolDisagreements, poolNodeOf } from '../../../cluster/monitor/pgpoolNodes';
import type { NodeStatus } from '../../../cluster/monitor/types';

const row = (id: number, host: string, status: string, role: string) => ({ node_id: String(id), hostname: host, port: '5432', status, role, lb_weight: '0.5', select_cnt: '7', load_balance_node: 'false', replication_delay: '0' });
const status = (service: string, state: NodeStatus['state'], role: NodeStatus['role']) => ({ service, host: '127.0.0.1', port: 1, state, role, replication: [], slots: [], publications: [], subscriptions: [], probeMs: 1 }) as NodeStatus;

describe("pgpool-II's view of its backends (SHOW POOL_NODES)", () => {
  it('reads a row of pgpool 4.3/4.6', () => {
    assert.deepStrictEqual(poolNodeOf(row(1, 'replica1', 'up', 'standby')), { id: 1, host: 'replica1', port: 5432, status: 'up', role: 'standby', weight: 0.5, selectCount: 7, loadBalanceNode: false, replicationDelay: 0 });
  });

  it('says loudly where pgpool and the servers disagree', () => {
    const nodes = [row(0, 'primary', 'up', 'primary'), row(1, 'replica1', 'down', 'standby')].map(poolNodeOf);
    assert.deepStrictEqual(poolDisagreements(nodes, [status('primary', 'up', 'primary'), status('replica1', 'up', 'replica')]), ['pgpool has replica1 down (detached) although it runs: attach it again (pcp_attach_node 1)']);
    const afterPromote = [status('primary', 'unreachable', 'unknown'), status('replica1', 'up', 'primary')];
    assert.deepStrictEqual(poolDisagreements(nodes, afterPromote), [
      'pgpool sends writes to primary as primary, but the primary is replica1',
      'pgpool still counts primary as up, but it does not answer',
      'pgpool has replica1 down (detached) although it runs: attach it again (pcp_attach_node 1)',
    ]);
    assert.deepStrictEqual(poolDisagreements(nodes.slice(0, 1), [status('primary', 'up', 'primary')]), []);
  });
});

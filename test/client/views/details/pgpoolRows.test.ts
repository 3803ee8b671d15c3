import * as assert from 'assert';
import type { PgpoolStatus } from '../../../../cluster/monitor/pgpool';
import { poolNodeOf } from '../../../../cluster/monitor/pgpoolNodes';
import { pgpoolDetailRows, pgpoolStatusOf } from '../../../../client/src/views/details/pgpoolRows';
import type { ClusterSnapshot } from '../../../../cluster/monitor/types';

const node = (id: number, host: string, status: string, role: string) => poolNodeOf({ node_id: String(id), hostname: host, port: '5432', status, role, lb_weight: '0.5', select_cnt: '3', load_balance_node: 'false', replication_delay: '0' });
const pgpool = (pgpoolPrimary: string | undefined, realPrimary: string | undefined, findings: string[] = []): PgpoolStatus => ({
  service: 'pgpool',
  state: 'up',
  nodes: [node(0, 'primary', 'down', 'standby'), node(1, 'replica1', 'up', 'primary')],
  processes: { total: 16, busy: 2, idle: 14 },
  pgpoolPrimary,
  realPrimary,
  health: findings.length ? 'critical' : 'ok',
  findings,
});

describe('tree: the details under a pgpool-II node', () => {
  it("shows where pgpool sends writes, its children and each backend as pgpool sees it", () => {
    const rows = pgpoolDetailRows(pgpool('replica1', 'replica1'));
    assert.deepStrictEqual(rows.map((r) => [r.label, r.description, r.tone]), [
      ['Writes go to', 'replica1', 'ok'],
      ['Children', '16 · 2 busy · 14 idle', undefined],
      ['Backend 0 primary:5432', 'down · standby · weight 0.5 · select_cnt 3 · delay 0', 'warning'],
      ['Backend 1 replica1:5432', 'up · primary · weight 0.5 · select_cnt 3 · delay 0', 'ok'],
    ]);
  });

  it('says loudly when pgpool and the servers disagree on the primary', () => {
    const rows = pgpoolDetailRows(pgpool('primary', 'replica1', ['pgpool sends writes to primary as primary, but the primary is replica1']));
    assert.deepStrictEqual([rows[0].description, rows[0].tone], ['primary — but the primary is replica1', 'critical']);
    assert.deepStrictEqual(rows.at(-1), { id: 'pgpool:finding:0', label: 'Problem', description: 'pgpool sends writes to primary as primary, but the primary is replica1', tooltip: 'pgpool sends writes to primary as primary, but the primary is replica1', tone: 'critical', icon: 'warning' });
  });

  it('finds the status of a service in the snapshot; a pgpool that does not answer is one critical row', () => {
    const down: PgpoolStatus = { ...pgpool(undefined, undefined), state: 'unreachable', error: 'connect ECONNREFUSED' };
    const snapshot = { pgpool: [down] } as unknown as ClusterSnapshot;
    assert.strictEqual(pgpoolStatusOf(snapshot, 'pgpool'), down);
    assert.strictEqual(pgpoolStatusOf(snapshot, 'primary'), undefined);
    assert.deepStrictEqual(pgpoolDetailRows(down).map((r) => [r.description, r.tone]), [['unreachable · connect ECONNREFUSED', 'critical']]);
  });
});

import * as assert from 'assert';
import { evaluateCluster } from '../../../cluster/monitor/evaluate';
import { nodeActivity, snapshotToJson, statusRows } from '../../../cluster/monitor/format';
import { DEFAULT_THRESHOLDS, type NodeStatus, type NodeTarget } from '../../../cluster/monitor/types';

const target = (service: string, extra: Partial<NodeTarget> = {}): NodeTarget => ({
  service, host: '127.0.0.1', port: 5432, user: 'postgres', password: 'x', database: 'postgres', aliases: [service], ...extra,
});
const node = (service: string, extra: Partial<NodeStatus>): NodeStatus => ({
  service, host: '127.0.0.1', port: 5432, state: 'up', role: 'replica', replication: [], slots: [], publications: [], subscriptions: [], probeMs: 1, ...extra,
});

describe('monitor/format: status table columns', () => {
  const primary = node('primary', { role: 'primary', timeline: 1, lsn: '0/9000000' });
  const replica = node('replica1', {
    timeline: 1, lsn: '0/8000000', receiveLsn: '0/8800000', replayLsn: '0/8000000',
    walReceiver: { status: 'streaming', senderHost: 'primary', senderPort: 5432, slotName: null, receivedTimeline: 1, flushedLsn: '0/8800000', lastMessageReceiptTime: null },
  });
  const snapshot = evaluateCluster([primary, replica], [target('primary', { expectedRole: 'primary' }), target('replica1', { upstream: 'primary' })], DEFAULT_THRESHOLDS, Date.parse('2026-01-01T00:00:10Z'), 1);
  const [header, primaryRow, replicaRow] = statusRows(snapshot);
  const cell = (row: string[], column: string): string => row[header.indexOf(column)];

  it('shows the primary’s current WAL LSN under LSN, not under RECEIVE LSN', () => {
    assert.deepStrictEqual(header.slice(4, 9), ['LSN', 'RECEIVE LSN', 'RECEIVE LAG', 'REPLAY LSN', 'REPLAY LAG']);
    assert.strictEqual(cell(primaryRow, 'LSN'), '0/9000000');
    for (const column of ['RECEIVE LSN', 'RECEIVE LAG', 'REPLAY LSN', 'REPLAY LAG']) assert.strictEqual(cell(primaryRow, column), '–', column);
  });

  it('gives replicas their own position plus receive and replay columns', () => {
    assert.deepStrictEqual([cell(replicaRow, 'LSN'), cell(replicaRow, 'RECEIVE LSN'), cell(replicaRow, 'REPLAY LSN')], ['0/8000000', '0/8800000', '0/8000000']);
    assert.match(cell(replicaRow, 'REPLAY LAG'), / · /);
  });

  it('says the same STATE in the table and in --json, for every kind of node', () => {
    const receiver = (status: string) => ({ ...replica.walReceiver!, status });
    const nodes = [
      primary,
      replica,
      node('paused', { ...replica, service: 'paused', replayPaused: true }),
      node('waiting', { walReceiver: receiver('waiting') }),
      node('orphan', { walReceiver: null }),
      node('down', { state: 'starting up', role: 'unknown' }),
    ];
    const targets = nodes.map((n) => target(n.service, n.role === 'replica' ? { upstream: 'primary' } : {}));
    const all = evaluateCluster(nodes, targets, DEFAULT_THRESHOLDS, Date.parse('2026-01-01T00:00:10Z'), 1);
    const words = ['running', 'streaming', 'replay paused', 'waiting', 'no receiver', 'starting up'];
    assert.deepStrictEqual(all.nodes.map(nodeActivity), words);
    assert.deepStrictEqual(snapshotToJson(all).nodes.map((n) => n.state), words);
    const rows = statusRows(all).slice(1);
    assert.deepStrictEqual(rows.map((row) => cell(row, 'STATE').replace(/ \(!+\)$/, '')), words);
  });

  it('keeps the --json fields unchanged', () => {
    const json = snapshotToJson(snapshot);
    assert.deepStrictEqual(Object.keys(json.nodes[0]), ['service', 'role', 'state', 'timeline', 'lsn', 'receiveLsn', 'replayLsn', 'lagBytes', 'lagSeconds', 'slot', 'upstream', 'streaming', 'health', 'subscriptions']);
    assert.deepStrictEqual([json.nodes[0].lsn, json.nodes[0].receiveLsn, json.nodes[0].replayLsn], ['0/9000000', null, null]);
  });
});

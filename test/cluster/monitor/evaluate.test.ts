import * as assert from 'assert';
import { evaluateCluster } from '../../../cluster/monitor/evaluate';
import { renderStatusMarkdown, renderStatusText, snapshotToJson } from '../../../cluster/monitor/format';
import { DEFAULT_THRESHOLDS, type NodeStatus, type NodeTarget } from '../../../cluster/monitor/types';

const target = (service: string, extra: Partial<NodeTarget> = {}): NodeTarget => ({
  service, host: '127.0.0.1', port: 5432, user: 'postgres', password: 'x', database: 'postgres', aliases: [service, `proj-${service}-1`], ...extra,
});

const base = (service: string, extra: Partial<NodeStatus>): NodeStatus => ({
  service, host: '127.0.0.1', port: 5432, state: 'up', role: 'replica', replication: [], slots: [], publications: [], subscriptions: [], probeMs: 1, ...extra,
});

const primary = base('primary', {
  role: 'primary', timeline: 1, lsn: '0/5000000',
  replication: [
    { pid: 11, applicationName: 'walreceiver', clientAddr: '172.18.0.3', state: 'streaming', syncState: 'async', sentLsn: '0/5000000', writeLsn: '0/5000000', flushLsn: '0/5000000', replayLsn: '0/5000000', writeLagSeconds: null, flushLagSeconds: null, replayLagSeconds: null, replayLagBytes: 0 },
    { pid: 12, applicationName: 'replica2', clientAddr: '172.18.0.4', state: 'streaming', syncState: 'async', sentLsn: '0/5000000', writeLsn: '0/4F00000', flushLsn: '0/4F00000', replayLsn: '0/4000000', writeLagSeconds: 0.2, flushLagSeconds: 0.3, replayLagSeconds: 12.5, replayLagBytes: 0x1000000 },
  ],
  slots: [
    { name: 'replica1', type: 'physical', active: true, activePid: 11, restartLsn: '0/5000000', walStatus: 'reserved', retainedBytes: 0, safeWalSize: null, inactiveSince: null },
    { name: 'replica2', type: 'physical', active: true, activePid: 12, restartLsn: '0/4000000', walStatus: 'reserved', retainedBytes: 0x1000000, safeWalSize: null, inactiveSince: null },
    { name: 'old', type: 'physical', active: false, activePid: null, restartLsn: '0/1000000', walStatus: 'extended', retainedBytes: 0x4000000, safeWalSize: null, inactiveSince: '2026-01-01 00:00:00+00' },
  ],
});
const receiver = (slot: string) => ({ status: 'streaming', senderHost: 'primary', senderPort: 5432, slotName: slot, receivedTimeline: 1, flushedLsn: '0/5000000', lastMessageReceiptTime: null });
const replica1 = base('replica1', { timeline: 1, lsn: '0/5000000', receiveLsn: '0/5000000', replayLsn: '0/5000000', walReceiver: receiver('replica1') });
const replica2 = base('replica2', { timeline: 1, lsn: '0/4000000', receiveLsn: '0/4F00000', replayLsn: '0/4000000', walReceiver: receiver('replica2') });
const targets = [target('primary', { expectedRole: 'primary' }), target('replica1', { upstream: 'primary' }), target('replica2', { upstream: 'primary' })];

describe('monitor/evaluate: cluster view of node statuses', () => {
  const snapshot = evaluateCluster([primary, replica1, replica2], targets, DEFAULT_THRESHOLDS, Date.parse('2026-01-01T00:00:10Z'), 3.2);

  it('finds each replica’s upstream and slot and measures receive and replay lag apart', () => {
    const r1 = snapshot.nodes[1];
    assert.strictEqual(r1.upstream, 'primary');
    assert.deepStrictEqual(r1.lag, { receiveBytes: 0, replayBytes: 0, receiveSeconds: 0, replaySeconds: 0, secondsSource: 'upstream', upstreamPid: 11 });
    const r2 = snapshot.nodes[2];
    assert.strictEqual(r2.slot, 'replica2');
    assert.deepStrictEqual(r2.lag, { receiveBytes: 0x100000, replayBytes: 0x1000000, receiveSeconds: 0.3, replaySeconds: 12.5, secondsSource: 'upstream', upstreamPid: 12 });
    assert.strictEqual(r2.health, 'warning');
    assert.deepStrictEqual(r2.problems, ['lag 16 MB · 12.5 s']);
  });

  it('keeps time lag growing while replay is paused: the replica\'s own clock, not the upstream\'s last feedback', () => {
    const paused = { ...replica2, replayPaused: true, lastReplayTimestamp: '2026-01-01T00:00:00Z' };
    const lagAt = (seconds: number) => evaluateCluster([primary, replica1, paused], targets, DEFAULT_THRESHOLDS, Date.parse(`2026-01-01T00:00:${seconds}Z`), 1).nodes[2].lag;
    assert.deepStrictEqual([lagAt(20)?.replaySeconds, lagAt(20)?.secondsSource], [20, 'paused']);
    assert.deepStrictEqual([lagAt(40)?.replaySeconds, lagAt(40)?.replayBytes], [40, 0x1000000]);
    // Caught up while paused: nothing waits, so nothing grows.
    const caughtUp = { ...replica1, replayPaused: true, lastReplayTimestamp: '2026-01-01T00:00:00Z' };
    const lag = evaluateCluster([primary, caughtUp, replica2], targets, DEFAULT_THRESHOLDS, Date.parse('2026-01-01T00:00:40Z'), 1).nodes[1].lag;
    assert.deepStrictEqual([lag?.replaySeconds, lag?.secondsSource], [0, 'upstream']);
  });

  it('flags inactive slots that hold WAL, and sums up the cluster', () => {
    assert.strictEqual(snapshot.nodes[0].health, 'warning');
    assert.deepStrictEqual(snapshot.nodes[0].problems, ['slot old inactive, holding 64 MB']);
    assert.strictEqual(snapshot.summary, '1 primary · 2 replicas · max lag 16 MB');
    assert.strictEqual(snapshot.maxLagBytes, 0x1000000);
    assert.strictEqual(snapshot.maxLagSeconds, 12.5);
    assert.strictEqual(snapshot.health, 'warning');
  });

  it('critical: a node down, a replica without WAL receiver, no primary, split brain', () => {
    const down = base('primary', { state: 'unreachable', role: 'unknown', detail: 'connect ECONNREFUSED' });
    const orphan = { ...replica1, walReceiver: null };
    const s = evaluateCluster([down, orphan], targets, DEFAULT_THRESHOLDS, 0, 1);
    assert.strictEqual(s.health, 'critical');
    assert.deepStrictEqual(s.problems, ['no primary accepts writes', 'primary: unreachable: connect ECONNREFUSED', 'replica1: no WAL receiver: not streaming from any primary']);
    assert.strictEqual(s.nodes[1].streaming, false);
    // --json says what the table says ("no receiver (!!)"), not "up".
    const json = snapshotToJson(s);
    assert.deepStrictEqual([json.nodes[1].state, json.nodes[1].streaming, json.nodes[1].health, json.health], ['no receiver', false, 'critical', 'critical']);
    assert.match(renderStatusText(s), /^replica1\s+replica\s+no receiver \(!!\)/m);
    assert.deepStrictEqual(json.problems, s.problems);
    assert.strictEqual(s.summary, '0 primaries · 1 replica · 1 down · max lag –');
    const split = evaluateCluster([primary, { ...replica1, role: 'primary', walReceiver: undefined }], targets, DEFAULT_THRESHOLDS, 0, 1);
    assert.ok(split.problems.includes('split brain: primary and replica1 all accept writes'));
    const logical = evaluateCluster([{ ...primary, systemIdentifier: '1' }, { ...replica1, role: 'primary', walReceiver: undefined, systemIdentifier: '2' }], targets, DEFAULT_THRESHOLDS, 0, 1);
    assert.ok(!logical.problems.some((p) => p.startsWith('split brain')), logical.problems.join('; '));
  });

  it('shows no replica slot on a promoted replica, though the compose file names one for it', () => {
    const down = base('primary', { state: 'unreachable', role: 'unknown', detail: 'connect ECONNREFUSED' });
    const promoted = { ...replica1, role: 'primary' as const, timeline: 2, walReceiver: undefined, receiveLsn: undefined, replayLsn: undefined };
    const s = evaluateCluster([down, promoted, replica2], [targets[0], target('replica1', { upstream: 'primary', slot: 'replica1' }), targets[2]], DEFAULT_THRESHOLDS, 0, 1);
    assert.deepStrictEqual(s.nodes.map((n) => n.slot), [null, null, 'replica2']);
    const downReplica = evaluateCluster([primary, base('replica1', { state: 'unreachable', role: 'unknown' })], [targets[0], target('replica1', { slot: 'replica1' })], DEFAULT_THRESHOLDS, 0, 1);
    assert.strictEqual(downReplica.nodes[1].slot, 'replica1');
  });

  it('falls back to the last replayed commit for time lag (and says so)', () => {
    const idle = { ...replica2, lastReplayTimestamp: '2026-01-01T00:00:00Z' };
    const quiet = { ...primary, replication: [] };
    const s = evaluateCluster([quiet, replica1, idle], targets, DEFAULT_THRESHOLDS, Date.parse('2026-01-01T00:00:30Z'), 1);
    assert.deepStrictEqual([s.nodes[2].lag?.replaySeconds, s.nodes[2].lag?.secondsSource], [30, 'last-replay']);
    assert.match(renderStatusText(s), /note: Time lag counts from the last transaction the replica replayed/);
  });

  it('renders JSON in the documented shape, text and Markdown', () => {
    const json = snapshotToJson(snapshot);
    assert.deepStrictEqual(json.nodes[2], {
      service: 'replica2', role: 'replica', state: 'streaming', timeline: 1, lsn: '0/4000000', receiveLsn: '0/4F00000', replayLsn: '0/4000000', lagBytes: 0x1000000, lagSeconds: 12.5, slot: 'replica2', upstream: 'primary',
      streaming: true, health: 'warning', subscriptions: [],
    });
    assert.deepStrictEqual(json.nodes[0].lagBytes, 0);
    assert.deepStrictEqual([json.nodes[0].state, json.nodes[0].streaming, json.health, json.problems], ['running', null, snapshot.health, snapshot.problems]);
    const text = renderStatusText(snapshot);
    assert.match(text, /^replica2\s+replica\s+streaming \(!\)\s+1\s+0\/4000000\s+0\/4F00000\s+1\.0 MB · 300 ms\s+0\/4000000\s+16 MB · 12\.5 s\s+replica2\s+primary$/m);
    const markdown = renderStatusMarkdown(snapshot);
    assert.match(markdown, /^\| MEMBER \| ROLE \|/m);
    assert.match(markdown, /^\| primary \| old \| no \| extended \| 64 MB \| unlimited \|$/m);
  });
});

/** The last seen LSNs per node: bounded, never throws, keeps what a dead node last showed. */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { LastSeenStore, lastSeenPath } from '../../../cluster/history/lastSeen';
import type { ClusterSnapshot, NodeView } from '../../../cluster/monitor/types';

const node = (service: string, role: string, state: string, lsn?: string): NodeView => ({ service, role, state, lsn, receiveLsn: null }) as unknown as NodeView;
const snapshot = (takenAt: string, nodes: NodeView[]): ClusterSnapshot => ({ takenAt, nodes }) as unknown as ClusterSnapshot;

describe('last seen LSNs', () => {
  let dir = '';
  beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pgha-lastseen-'))));
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('lives beside the history and keeps a dead primary’s last LSN while the others move on', () => {
    const file = path.join(dir, 'compose.yaml');
    assert.equal(lastSeenPath('demo', file), path.join(dir, '.pgha', 'demo.lastseen.json'));
    const store = LastSeenStore.forProject('demo', file);
    store.record(snapshot('2026-01-01T00:00:00.000Z', [node('primary', 'primary', 'up', '0/3000100'), node('replica1', 'replica', 'up', '0/3000000')]));
    store.record(snapshot('2026-01-01T00:00:05.000Z', [node('primary', 'unknown', 'unreachable'), node('replica1', 'replica', 'up', '0/3000060')]));
    const seen = store.read();
    assert.deepEqual([seen.primary.lsn, seen.primary.at, seen.replica1.lsn, seen.replica1.at], ['0/3000100', '2026-01-01T00:00:00.000Z', '0/3000060', '2026-01-01T00:00:05.000Z']);
    assert.deepEqual(fs.readdirSync(path.join(dir, '.pgha')), ['demo.lastseen.json'], 'no temporary file is left');
  });

  it('reads a broken, oversized or non-regular file as nothing seen, and drops malformed entries', () => {
    const location = path.join(dir, 'x.lastseen.json');
    const store = new LastSeenStore(location);
    fs.writeFileSync(location, '{"nodes":');
    assert.deepEqual(store.read(), {});
    fs.writeFileSync(location, JSON.stringify({ nodes: { a: { role: 'primary', lsn: 'zz', at: '2026-01-01T00:00:00Z' }, b: { role: 1 } } }));
    assert.deepEqual(store.read(), { a: { role: 'primary', lsn: undefined, receiveLsn: undefined, timeline: undefined, at: '2026-01-01T00:00:00Z' } });
    fs.writeFileSync(location, JSON.stringify({ nodes: {}, pad: 'x'.repeat(40 * 1024) }));
    assert.deepEqual(store.read(), {});
  });

  it('keeps at most 64 nodes, the most recently seen', () => {
    const store = new LastSeenStore(path.join(dir, 'many.lastseen.json'));
    const nodes = Array.from({ length: 80 }, (_, i) => node(`n${i}`, 'replica', 'up', `0/${(i + 1).toString(16)}`));
    store.record(snapshot('2026-01-01T00:00:00.000Z', nodes));
    assert.equal(Object.keys(store.read()).length, 64);
    assert.ok(fs.statSync(store.location).size < 32 * 1024);
  });
});

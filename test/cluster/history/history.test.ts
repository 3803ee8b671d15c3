import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { pathToFileURL } from 'url';
import type { Topology } from '../../../core/model/topology';
import { assertMayStart, composeFileOf, FencedStartError, planStart } from '../../../cluster/history/guard';
import { currentRoles, recordPromotion, recordRejoin } from '../../../cluster/history/record';
import { detectSplitBrain } from '../../../cluster/history/splitBrain';
import { emptyHistory, FileHistoryStore, historyPath, MemoryHistoryStore } from '../../../cluster/history/store';
import type { ClusterSnapshot } from '../../../cluster/monitor/types';

const hint = (service: string) => `pgha rejoin compose.yaml ${service}`;

function topologyOf(file: string): Topology {
  const service = (name: string, role: string) => ({ name, role }) as unknown as Topology['services'][number];
  return { uri: pathToFileURL(file).toString(), project: 'demo', services: [service('primary', 'primary'), service('replica1', 'replica'), service('replica2', 'replica')], edges: [], volumes: [], networks: [], secrets: {} };
}

describe('cluster history', () => {
  let dir: string;
  beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pgha-history-'))));
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('lives in the .pgha folder beside the compose file and survives a new store (a restart)', () => {
    const file = path.join(dir, 'compose.yaml');
    assert.strictEqual(historyPath('demo', file), path.join(dir, '.pgha', 'demo.history.json'));
    assert.strictEqual(composeFileOf(topologyOf(file)), file);
    recordPromotion(FileHistoryStore.forProject('demo', file), { kind: 'promote', primary: 'replica1', timeline: 2, fenced: ['primary'], replicas: [] });
    const again = FileHistoryStore.forProject('demo', file).read();
    assert.strictEqual(again.primary, 'replica1');
    assert.deepStrictEqual(again.fenced.map((f) => [f.service, f.supersededBy, f.timeline]), [['primary', 'replica1', 2]]);
    assert.deepStrictEqual(again.events.map((e) => e.kind), ['promote', 'fence']);
  });

  it('reads a missing, broken, oversized or non-regular record as an empty history', () => {
    const at = (name: string) => new FileHistoryStore('demo', path.join(dir, name));
    fs.writeFileSync(path.join(dir, 'broken.json'), '{ not json');
    fs.writeFileSync(path.join(dir, 'big.json'), `{"primary":"x","pad":"${'x'.repeat(300 * 1024)}"}`);
    fs.mkdirSync(path.join(dir, 'folder.json'));
    for (const name of ['missing.json', 'broken.json', 'big.json', 'folder.json']) assert.deepStrictEqual(at(name).read(), emptyHistory('demo'), name);
  });

  it('reports, instead of throwing, when the record cannot be written', () => {
    fs.writeFileSync(path.join(dir, 'file'), '');
    const store = new FileHistoryStore('demo', path.join(dir, 'file', 'sub', 'h.json'));
    assert.match(recordPromotion(store, { kind: 'promote', primary: 'replica1', fenced: [], replicas: [] }) ?? '', /could not record the cluster history/);
  });

  it('knows the current roles and unfences a rejoined node', () => {
    const store = new MemoryHistoryStore('demo');
    const compose = { primary: 'primary', replica1: 'replica', replica2: 'replica' };
    assert.deepStrictEqual(currentRoles(store.read(), compose), compose);
    recordPromotion(store, { kind: 'promote', primary: 'replica1', timeline: 2, fenced: ['primary'], replicas: [] });
    assert.deepStrictEqual(currentRoles(store.read(), compose), { primary: 'replica', replica1: 'primary', replica2: 'replica' });
    assert.throws(() => assertMayStart(store, ['replica2', 'primary'], hint), FencedStartError);
    assert.doesNotThrow(() => assertMayStart(store, ['replica2'], hint));
    recordRejoin(store, 'primary', 'replica1');
    assert.doesNotThrow(() => assertMayStart(store, ['primary'], hint));
    assert.deepStrictEqual(store.read().replicas, ['primary']);
  });

  it('plans a start: refuses a fenced primary at once, with the reason and the repair', () => {
    const file = path.join(dir, 'compose.yaml');
    const store = FileHistoryStore.forProject('demo', file);
    recordPromotion(store, { kind: 'switchover', primary: 'replica2', timeline: 3, fenced: ['primary'], replicas: ['replica1'] });
    const plan = planStart(topologyOf(file), store, hint);
    assert.strictEqual(
      plan.refusal,
      'primary is a former primary: replica2 was promoted (timeline 3) while it was away, so starting it as it is would make two primaries (split brain). Rejoin it as a replica first: pgha rejoin compose.yaml primary',
    );
    assert.deepStrictEqual(plan.currentRoles, { primary: 'replica', replica1: 'replica', replica2: 'primary' });
    assert.strictEqual(planStart(topologyOf(file), store, hint, ['replica1']).refusal, undefined);
  });

  it('detects split brain and keeps the node pgha promoted last, else the highest timeline', () => {
    const node = (service: string, timeline: number) => ({ service, timeline }) as unknown as ClusterSnapshot['nodes'][number];
    const snapshot = { primaries: ['primary', 'replica1'], nodes: [node('primary', 1), node('replica1', 2)] } as unknown as ClusterSnapshot;
    assert.strictEqual(detectSplitBrain({ ...snapshot, primaries: ['primary'] }), undefined);
    assert.deepStrictEqual(detectSplitBrain(snapshot)?.rejoin, ['primary']);
    assert.match(detectSplitBrain(snapshot)?.message ?? '', /keep replica1 \(highest timeline \(2\)\)/);
    const history = { ...emptyHistory('demo'), primary: 'primary' };
    assert.deepStrictEqual(detectSplitBrain(snapshot, history)?.rejoin, ['replica1']);
  });
});

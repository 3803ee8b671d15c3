import * as assert from 'assert';
import { detailRows } from '../../../../client/src/views/details/detailRows';
import { DEFAULT_THRESHOLDS } from '../../../../cluster/monitor/types';
import { snapshot } from '../fixtures';

describe('detail rows', () => {
  it('shows a primary’s timeline, LSN, standbys and slots', () => {
    const primary = snapshot().nodes.find((n) => n.service === 'primary');
    const rows = detailRows(primary, DEFAULT_THRESHOLDS);
    assert.deepStrictEqual(
      rows.map((r) => `${r.label}: ${r.description}`),
      [
        'Timeline: 1',
        'Current LSN: 0/3000000',
        '→ replica1: streaming · async · replay 0 B · –',
        '→ replica2: streaming · async · replay 0 B · –',
        'Slot replica1: active · reserved · holds 0 B',
        'Slot replica2: active · reserved · holds 0 B',
      ],
    );
  });

  it('shows a replica’s LSNs, lag receive and replay apart, and its WAL receiver', () => {
    const replica = snapshot({ lagBytes: 300 * 1024 * 1024 }).nodes.find((n) => n.service === 'replica2');
    const rows = detailRows(replica, DEFAULT_THRESHOLDS);
    const byId = new Map(rows.map((r) => [r.id, r]));
    assert.strictEqual(byId.get('lag:replay')?.description, '300 MB · –');
    assert.strictEqual(byId.get('lag:replay')?.tone, 'critical');
    assert.strictEqual(byId.get('lag:receive')?.tone, 'critical');
    assert.strictEqual(byId.get('receiver')?.description, 'streaming from primary via slot replica2');
    assert.ok(rows.some((r) => r.id.startsWith('problem:') && /lag 300 MB/.test(r.description)));
  });

  it('shows a node that does not answer as one critical state row', () => {
    const down = snapshot({ replica2Down: true }).nodes.find((n) => n.service === 'replica2');
    assert.deepStrictEqual(detailRows(down, DEFAULT_THRESHOLDS).map((r) => [r.description, r.tone]), [['unreachable', 'critical']]);
    assert.strictEqual(detailRows(undefined, DEFAULT_THRESHOLDS)[0].description, 'waiting for the first refresh');
  });
});

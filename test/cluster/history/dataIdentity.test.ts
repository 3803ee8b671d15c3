/** Which data a cluster history describes: stale histories are retired, matching ones kept, unknown data never retires. */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { retireStaleHistory, staleHistoryReason, stampHistory, systemIdentifierOf } from '../../../cluster/history/dataIdentity';
import { recordPromotion } from '../../../cluster/history/record';
import { emptyHistory, FileHistoryStore, MemoryHistoryStore, type ClusterHistory } from '../../../cluster/history/store';
import type { NodeControl } from '../../../cluster/runtime/types';
import { fakeDataFolder } from './dataFolder';

const promoted = (data?: Record<string, string>): ClusterHistory => ({ ...emptyHistory('p'), primary: 'replica1', replicas: ['primary'], data });

describe('cluster history and the data it describes', () => {
  it('a history without roles is never stale', () => {
    assert.equal(staleHistoryReason(emptyHistory('p'), { primary: null, replica1: null }), undefined);
  });

  it('no node has data: stale, with or without a recorded identity (an older history)', () => {
    assert.equal(staleHistoryReason(promoted(), { primary: null, replica1: null }), 'no node has data any more (fresh data)');
    assert.equal(staleHistoryReason(promoted({ replica1: 'system 1' }), { primary: null, replica1: null }), 'no node has data any more (fresh data)');
  });

  it('a recorded node whose data is gone or other: stale; the same data: kept', () => {
    const history = promoted({ primary: 'system 1', replica1: 'system 1' });
    assert.equal(staleHistoryReason(history, { primary: 'system 1', replica1: null }), "replica1's data is gone (recorded: system 1)");
    assert.equal(staleHistoryReason(history, { primary: 'system 2', replica1: 'system 2' }), "primary's data is other data (recorded: system 1; now: system 2)");
    assert.equal(staleHistoryReason(history, { primary: 'system 1', replica1: 'system 1' }), undefined);
  });

  it('data the runtime cannot tell (left out) never retires a history; an older history with data is kept', () => {
    assert.equal(staleHistoryReason(promoted({ primary: 'system 1' }), {}), undefined);
    assert.equal(staleHistoryReason(promoted(), { primary: 'volume x created t', replica1: null }), undefined);
  });

  it('retiring keeps the old record aside and leaves the compose roles', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pgha-identity-'));
    try {
      const store = FileHistoryStore.forProject('p', path.join(dir, 'compose.yaml'));
      recordPromotion(store, { kind: 'promote', primary: 'replica1', fenced: ['primary'], replicas: [] });
      const said = retireStaleHistory(store, { primary: null, replica1: null });
      assert.equal(said, "the recorded cluster history (replica1 primary) describes data that is no longer here: no node has data any more (fresh data); it was retired and the compose file's roles hold");
      assert.deepEqual(store.read(), emptyHistory('p'));
      assert.equal(JSON.parse(fs.readFileSync(path.join(dir, '.pgha', 'p.history.retired.json'), 'utf8')).primary, 'replica1');
      assert.equal(retireStaleHistory(store, { primary: null }), undefined, 'nothing left to retire');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('stamps what the runtime reports, dropping nodes without data and leaving out the ones it cannot tell', async () => {
    const store = new MemoryHistoryStore('p');
    store.write(promoted({ gone: 'system 9' }));
    const identities: Record<string, string | null | Error> = { primary: 'system 5', replica1: 'system 5', gone: null, odd: new Error('unreadable') };
    const control = {
      dataIdentity: async (service: string) => {
        const value = identities[service];
        if (value instanceof Error) throw value;
        return value;
      },
    } as unknown as NodeControl;
    assert.equal(await stampHistory(store, control, Object.keys(identities)), undefined);
    assert.deepEqual(store.read().data, { primary: 'system 5', replica1: 'system 5' });
  });

  it('reads the system identifier from pg_control; anything else is unknown', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pgha-identity-'));
    try {
      fakeDataFolder(path.join(dir, 'data'), 7300934562412345678n);
      assert.equal(systemIdentifierOf(path.join(dir, 'data')), '7300934562412345678');
      assert.equal(systemIdentifierOf(path.join(dir, 'none')), undefined);
      fs.mkdirSync(path.join(dir, 'dir', 'global', 'pg_control'), { recursive: true });
      assert.equal(systemIdentifierOf(path.join(dir, 'dir')), undefined);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

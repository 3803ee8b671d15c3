import * as assert from 'node:assert/strict';
import { pollUntil } from '../../core/poll';

describe('core/poll', () => {
  it('returns the first answer, retrying errors and pending values (undefined, null, false)', async () => {
    const answers: unknown[] = [undefined, null, false, new Error('not yet'), 0];
    const value = await pollUntil(() => {
      const next = answers.shift();
      if (next instanceof Error) throw next;
      return next as number | undefined | null | false;
    }, { what: 'zero', timeoutMs: 5000, intervalMs: 1 });
    assert.equal(value, 0);
  });

  it('times out naming what it waited for and the last error', async () => {
    await assert.rejects(pollUntil(() => Promise.reject(new Error('refused')), { what: 'the server', timeoutMs: 20, intervalMs: 5 }), /^Error: timed out after 20 ms waiting for the server \(refused\)$/);
    await assert.rejects(pollUntil(() => false, { what: 'x', timeoutMs: 0, timeoutError: () => new Error('custom') }), /custom/);
  });

  it('stops at once on a fatal error or an abort', async () => {
    await assert.rejects(pollUntil(() => Promise.reject(new RangeError('crashed')), { what: 'x', timeoutMs: 60_000, isFatal: (e) => e instanceof RangeError }), /crashed/);
    const controller = new AbortController();
    const waiting = pollUntil(() => false, { what: 'nothing', timeoutMs: 60_000, intervalMs: 60_000, signal: controller.signal });
    controller.abort();
    await assert.rejects(waiting, /cancelled while waiting for nothing|aborted/);
    await assert.rejects(pollUntil(() => false, { what: 'x', timeoutMs: 60_000, signal: AbortSignal.abort(), abortError: () => new Error('stopped') }), /stopped/);
  });
});

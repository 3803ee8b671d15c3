import * as assert from 'assert';
import { RefreshScheduler, type SchedulerClock } from '../../../../client/src/views/refresh/scheduler';

/** A manual clock: timers fire only when the test advances time. */
class FakeClock implements SchedulerClock {
  now = 0;
  private timers = new Map<number, { at: number; callback: () => void }>();
  private nextId = 1;
  setTimeout(callback: () => void, ms: number): unknown {
    const id = this.nextId++;
    this.timers.set(id, { at: this.now + ms, callback });
    return id;
  }
  clearTimeout(handle: unknown): void {
    this.timers.delete(handle as number);
  }
  get pending(): number {
    return this.timers.size;
  }
  async advance(ms: number): Promise<void> {
    const until = this.now + ms;
    for (;;) {
      const due = [...this.timers.entries()].filter(([, t]) => t.at <= until).sort((a, b) => a[1].at - b[1].at)[0];
      if (!due) break;
      this.timers.delete(due[0]);
      this.now = due[1].at;
      due[1].callback();
      await flush();
    }
    this.now = until;
    await flush();
  }
}

const flush = async () => {
  for (let i = 0; i < 5; i++) await Promise.resolve();
};

function counting() {
  const calls = { count: 0, concurrent: 0, maxConcurrent: 0 };
  let release: (() => void) | undefined;
  const work = async () => {
    calls.count++;
    calls.concurrent++;
    calls.maxConcurrent = Math.max(calls.maxConcurrent, calls.concurrent);
    if (holding) await new Promise<void>((resolve) => (release = resolve));
    calls.concurrent--;
  };
  let holding = false;
  return {
    calls,
    work,
    hold: () => (holding = true),
    release: () => {
      holding = false;
      release?.();
    },
  };
}

describe('RefreshScheduler', () => {
  it('does nothing while the view is hidden, and refreshes once when it becomes visible', async () => {
    const clock = new FakeClock();
    const w = counting();
    const scheduler = new RefreshScheduler(w.work, { clock, debounceMs: 300, pollMs: 10_000 });
    scheduler.notify();
    scheduler.notify();
    await clock.advance(60_000);
    assert.strictEqual(w.calls.count, 0);
    scheduler.setActive(true);
    await flush();
    assert.strictEqual(w.calls.count, 1);
    scheduler.dispose();
  });

  it('debounces a burst of events into one refresh', async () => {
    const clock = new FakeClock();
    const w = counting();
    const scheduler = new RefreshScheduler(w.work, { clock, debounceMs: 300, pollMs: 10_000 });
    scheduler.setActive(true);
    await flush();
    assert.strictEqual(w.calls.count, 1);
    for (let i = 0; i < 10; i++) {
      scheduler.notify();
      await clock.advance(100);
    }
    assert.strictEqual(w.calls.count, 1, 'still within the debounce window');
    await clock.advance(300);
    assert.strictEqual(w.calls.count, 2);
    scheduler.dispose();
  });

  it('polls slowly as a fallback while visible and stops when hidden', async () => {
    const clock = new FakeClock();
    const w = counting();
    const scheduler = new RefreshScheduler(w.work, { clock, pollMs: 5000 });
    scheduler.setActive(true);
    await flush();
    await clock.advance(15_000);
    assert.strictEqual(w.calls.count, 4);
    scheduler.setActive(false);
    assert.strictEqual(clock.pending, 0);
    await clock.advance(60_000);
    assert.strictEqual(w.calls.count, 4);
    scheduler.setActive(true);
    await flush();
    assert.strictEqual(w.calls.count, 4, 'nothing happened while hidden: no refresh needed on show');
    scheduler.dispose();
  });

  it('never overlaps refreshes: requests during one fold into a single follow-up', async () => {
    const clock = new FakeClock();
    const w = counting();
    const scheduler = new RefreshScheduler(w.work, { clock, pollMs: 60_000 });
    w.hold();
    scheduler.setActive(true);
    await flush();
    const a = scheduler.refreshNow();
    const b = scheduler.refreshNow();
    const c = scheduler.refreshNow();
    assert.strictEqual(a, b);
    assert.strictEqual(b, c);
    w.release();
    await a;
    assert.strictEqual(w.calls.count, 2);
    assert.strictEqual(w.calls.maxConcurrent, 1);
    scheduler.dispose();
  });

  it('keeps going after a refresh that throws', async () => {
    const clock = new FakeClock();
    let calls = 0;
    const scheduler = new RefreshScheduler(
      async () => {
        calls++;
        throw new Error('engine gone');
      },
      { clock, pollMs: 1000 },
    );
    scheduler.setActive(true);
    await flush();
    await clock.advance(2000);
    assert.strictEqual(calls, 3);
    scheduler.dispose();
    await clock.advance(5000);
    assert.strictEqual(calls, 3, 'no refresh after dispose');
  });
});

describe('RefreshScheduler with event refreshes while inactive', () => {
  it('refreshes on events (debounced) while hidden, but does not poll', async () => {
    const clock = new FakeClock();
    let calls = 0;
    const scheduler = new RefreshScheduler(
      async () => {
        calls++;
      },
      { clock, debounceMs: 200, pollMs: 1000, eventsWhileInactive: true },
    );
    scheduler.notify();
    scheduler.notify();
    await clock.advance(200);
    assert.strictEqual(calls, 1);
    await clock.advance(10_000);
    assert.strictEqual(calls, 1, 'no poll while inactive');
    scheduler.dispose();
  });
});

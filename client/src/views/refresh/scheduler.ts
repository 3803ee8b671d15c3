/**
 * When the Clusters view refreshes: Docker events (debounced, so a `down` of five containers costs one refresh),
 * a slow poll as a fallback for missed events, and only while someone looks (the view is visible).
 * Refreshes never overlap: a request during one is folded into a single follow-up.
 * vscode-free so unit tests drive it with a fake clock.
 */
export interface SchedulerClock {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const realClock: SchedulerClock = {
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

export interface SchedulerOptions {
  /** Quiet time after the last event before refreshing (default 300 ms). */
  debounceMs?: number;
  /** Fallback poll period while active (default 15 s). */
  pollMs?: number;
  clock?: SchedulerClock;
  /** Events refresh (debounced) even while inactive; only the poll waits for visibility (default false). */
  eventsWhileInactive?: boolean;
}

export class RefreshScheduler {
  private active = false;
  private dirty = true;
  private running: Promise<void> | undefined;
  private followUp: Promise<void> | undefined;
  private debounceTimer: unknown;
  private pollTimer: unknown;
  private disposed = false;
  private readonly clock: SchedulerClock;
  private readonly debounceMs: number;
  private pollMs: number;
  private readonly eventsWhileInactive: boolean;

  constructor(
    private readonly work: () => Promise<void>,
    options: SchedulerOptions = {},
  ) {
    this.clock = options.clock ?? realClock;
    this.debounceMs = options.debounceMs ?? 300;
    this.pollMs = options.pollMs ?? 15_000;
    this.eventsWhileInactive = options.eventsWhileInactive ?? false;
  }

  get isActive(): boolean {
    return this.active;
  }

  /** Visible: refresh at once if anything happened while hidden, then poll. Hidden: stop timers. */
  setActive(active: boolean): void {
    if (this.disposed || active === this.active) return;
    this.active = active;
    if (active) {
      if (this.dirty) void this.refreshNow();
      else this.schedulePoll();
    } else {
      if (this.pollTimer !== undefined) this.clock.clearTimeout(this.pollTimer);
      this.pollTimer = undefined;
      // Without event refreshes while inactive, a pending one is dropped (dirty stays set for the next show).
      if (!this.eventsWhileInactive) this.clearTimers();
    }
  }

  setPollMs(ms: number): void {
    this.pollMs = Math.max(1000, ms);
  }

  /** Something changed (a Docker event): refresh after the debounce while active, else remember it. */
  notify(): void {
    if (this.disposed) return;
    this.dirty = true;
    if (!this.active && !this.eventsWhileInactive) return;
    if (this.debounceTimer !== undefined) this.clock.clearTimeout(this.debounceTimer);
    this.debounceTimer = this.clock.setTimeout(() => {
      this.debounceTimer = undefined;
      void this.refreshNow();
    }, this.debounceMs);
  }

  /** Refresh now (or once right after the running refresh). Errors are the work's business: it must not throw. */
  refreshNow(): Promise<void> {
    if (this.disposed) return Promise.resolve();
    if (!this.running) {
      this.dirty = false;
      this.running = this.work()
        .catch(() => undefined)
        .finally(() => {
          this.running = undefined;
          this.schedulePoll();
        });
      return this.running;
    }
    if (!this.followUp) {
      this.followUp = this.running.then(() => {
        this.followUp = undefined;
        return this.refreshNow();
      });
    }
    return this.followUp;
  }

  dispose(): void {
    this.disposed = true;
    this.active = false;
    this.clearTimers();
  }

  private schedulePoll(): void {
    if (this.pollTimer !== undefined) this.clock.clearTimeout(this.pollTimer);
    this.pollTimer = undefined;
    if (!this.active || this.disposed) return;
    this.pollTimer = this.clock.setTimeout(() => {
      this.pollTimer = undefined;
      void this.refreshNow();
    }, this.pollMs);
  }

  private clearTimers(): void {
    if (this.debounceTimer !== undefined) this.clock.clearTimeout(this.debounceTimer);
    if (this.pollTimer !== undefined) this.clock.clearTimeout(this.pollTimer);
    this.debounceTimer = undefined;
    this.pollTimer = undefined;
  }
}

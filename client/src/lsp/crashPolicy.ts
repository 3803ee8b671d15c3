/**
 * When the language server dies: restart it quietly, restart it with a visible notice once crashes
 * repeat, and give up (leaving a "Restart" button) when it keeps crashing. Pure, so it is unit-tested.
 */
export type CrashDecision = 'restart' | 'restart-and-notify' | 'give-up';

export interface CrashPolicyOptions {
  /** Crashes are counted inside this sliding window. */
  windowMs: number;
  /** From this many crashes in the window on, the user is told. */
  notifyFrom: number;
  /** At this many crashes in the window the client stops restarting. */
  giveUpAt: number;
}

export const DEFAULT_CRASH_POLICY: CrashPolicyOptions = { windowMs: 3 * 60_000, notifyFrom: 2, giveUpAt: 5 };

export class CrashPolicy {
  private crashes: number[] = [];

  constructor(private readonly options: CrashPolicyOptions = DEFAULT_CRASH_POLICY) {}

  /** Records one crash at `now` and decides what to do. */
  onCrash(now: number): CrashDecision {
    this.crashes = this.crashes.filter((t) => now - t < this.options.windowMs);
    this.crashes.push(now);
    if (this.crashes.length >= this.options.giveUpAt) return 'give-up';
    if (this.crashes.length >= this.options.notifyFrom) return 'restart-and-notify';
    return 'restart';
  }

  /** Crashes inside the current window (for messages). */
  get recentCrashes(): number {
    return this.crashes.length;
  }

  /** A restart the user asked for starts a fresh count. */
  reset(): void {
    this.crashes = [];
  }
}

/**
 * The last error of each subscription whose worker fails or has failed. The monitor's SQL sees only that a worker is
 * missing and how many errors it had; PostgreSQL writes the text to the subscriber's log. Read from the log once per
 * change of the subscription's state (not every refresh), and put on the snapshot's rows
 * (`lastError`) by those who can read logs: the extension's tree, `pgha status`.
 */
import type { ClusterSnapshot, SubscriptionRow } from '../monitor/types';
import { failingTransaction } from './subscriptions';

/** Log lines read per subscriber whose subscription needs its error. */
export const ERROR_TAIL_LINES = 400;

const failing = (sub: SubscriptionRow) => (sub.enabled && sub.pid === null) || (sub.applyErrors ?? 0) + (sub.syncErrors ?? 0) > 0;
/** Read again when the subscription stops or starts, or first counts errors (a worker retrying raises the count each time). */
const stampOf = (sub: SubscriptionRow) => `${sub.enabled}|${sub.pid === null}|${(sub.applyErrors ?? 0) + (sub.syncErrors ?? 0) > 0}`;

/** The last error of the subscription in a log: the failing transaction's (15+), else the last ERROR line beside its name. */
export function lastSubscriptionError(log: string, name: string): string | undefined {
  const transaction = failingTransaction(log, name)?.error;
  if (transaction) return transaction;
  const lines = log.split('\n');
  for (let i = lines.length - 1; i >= 0; i--) {
    if (!/\bERROR:/.test(lines[i])) continue;
    if (lines.slice(Math.max(0, i - 2), i + 3).some((line) => line.includes(`"${name}"`))) return lines[i].replace(/^.*?\bERROR:\s*/, '');
  }
  return undefined;
}

export class SubscriptionErrors {
  /** `service/name` → the state it was read for and the error found. */
  private readonly known = new Map<string, { stamp: string; error?: string }>();

  constructor(private readonly readLog: (service: string) => Promise<string>) {}

  /** Puts the known errors on the snapshot's rows; true when some subscription's error is still to be read (call read()). */
  apply(snapshot: ClusterSnapshot): boolean {
    let unread = false;
    for (const node of snapshot.nodes) {
      for (const sub of node.subscriptions ?? []) {
        if (!failing(sub)) continue;
        const known = this.known.get(`${node.service}/${sub.name}`);
        if (known?.stamp === stampOf(sub)) sub.lastError = known.error;
        else unread = true;
      }
    }
    return unread;
  }

  /** Reads the logs of subscribers whose subscriptions changed state (one read per node), then applies. */
  async read(snapshot: ClusterSnapshot): Promise<void> {
    await Promise.all(
      snapshot.nodes.map(async (node) => {
        const stale = (node.subscriptions ?? []).filter((sub) => failing(sub) && this.known.get(`${node.service}/${sub.name}`)?.stamp !== stampOf(sub));
        if (!stale.length) return;
        const log = await this.readLog(node.service).catch(() => '');
        for (const sub of stale) this.known.set(`${node.service}/${sub.name}`, { stamp: stampOf(sub), error: lastSubscriptionError(log, sub.name) });
      }),
    );
    this.apply(snapshot);
  }
}

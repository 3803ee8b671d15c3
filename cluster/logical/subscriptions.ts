/**
 * Acting on a logical subscription (on the subscriber): enable, disable, refresh its publication (pick up tables
 * added there), and skip the remote transaction that keeps failing (15+), at the LSN PostgreSQL logged for it.
 */
import type { Client } from 'pg';
import { quoteIdentifier, quoteLiteral } from '../../core/sql';

export type SubscriptionAction = 'enable' | 'disable' | 'refresh' | 'skip';

export const SUBSCRIPTION_ACTIONS: readonly SubscriptionAction[] = ['enable', 'disable', 'refresh', 'skip'];

const LSN = /^[0-9A-F]{1,8}\/[0-9A-F]{1,8}$/i;

/** The statement for an action; `skip` needs the finish LSN of the failing transaction. */
export function subscriptionStatement(name: string, action: SubscriptionAction, lsn?: string): string {
  const subscription = quoteIdentifier(name);
  switch (action) {
    case 'enable':
      return `ALTER SUBSCRIPTION ${subscription} ENABLE`;
    case 'disable':
      return `ALTER SUBSCRIPTION ${subscription} DISABLE`;
    case 'refresh':
      return `ALTER SUBSCRIPTION ${subscription} REFRESH PUBLICATION`;
    case 'skip':
      if (!lsn || !LSN.test(lsn)) throw new Error(`skipping a transaction needs its finish LSN (like 0/14C0378), got ${lsn ?? 'none'}`);
      return `ALTER SUBSCRIPTION ${subscription} SKIP (lsn = ${quoteLiteral(lsn)})`;
  }
}

/**
 * The failing remote transaction of a subscription, from the subscriber's log: PostgreSQL 15+ writes
 * `… for replication target relation "public.t" in transaction 748, finished at 0/1545A10` in the error's context.
 * The last such line wins (the worker retries and logs it again).
 */
export function failingTransaction(log: string, subscription: string): { lsn: string; error?: string; relation?: string } | undefined {
  const lines = log.split('\n');
  for (let i = lines.length - 1; i >= 0; i--) {
    const context = /replication target relation "([^"]+)".* finished at ([0-9A-F]+\/[0-9A-F]+)/i.exec(lines[i]);
    if (!context) continue;
    // The worker names its subscription when it starts and when it is disabled: a failure whose process (the log
    // line's [pid]) names only other subscriptions is theirs.
    const pid = /\[(\d+)\]/.exec(lines[i])?.[0];
    const named = lines.slice(Math.max(0, i - 10), i + 4).filter((l) => /subscription "[^"]*"/.test(l) && (!pid || l.includes(pid)));
    if (named.length && !named.some((l) => l.includes(`subscription "${subscription}"`))) continue;
    const worker = lines.slice(Math.max(0, i - 3), i + 1).find((l) => l.includes(`"${subscription}"`) || /logical replication (apply )?worker/.test(l));
    const error = lines.slice(Math.max(0, i - 3), i).reverse().find((l) => /ERROR:/.test(l));
    if (worker || error) return { lsn: context[2], relation: context[1], error: error?.replace(/^.*ERROR:\s*/, '') };
  }
  return undefined;
}

/** Runs an action on the subscriber; skip refuses before 15 with what to do instead. */
export async function actOnSubscription(client: Client, name: string, action: SubscriptionAction, options: { lsn?: string; major: number }): Promise<void> {
  if (action === 'skip' && options.major < 15) {
    throw new Error(`ALTER SUBSCRIPTION … SKIP exists from PostgreSQL 15 on; on ${options.major}, advance the origin with pg_replication_origin_advance() or remove the conflicting row on the subscriber`);
  }
  await client.query(subscriptionStatement(name, action, options.lsn));
}

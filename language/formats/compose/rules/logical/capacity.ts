/**
 * Room for logical replication's processes, counted from the stack: on the publisher a replication slot per
 * subscription (plus the slots its init SQL makes) and a WAL sender per running apply worker; on the subscriber a
 * logical replication worker (and a background worker) per enabled subscription; and, while tables are copied, one
 * more of each per table-sync worker (up to max_sync_workers_per_subscription per subscription). Checked on real
 * servers (test/cluster/logical/limits.test.ts): one short of the apply workers fails CREATE SUBSCRIPTION or leaves
 * an apply worker out; exactly the apply workers leaves every table in its first state for ever; fewer than the
 * sync workers still finishes, slower, with an error in the log per refused worker.
 */
import { publishedTables, type SqlSubscription } from '../../../../sql/logicalFacts';
import type { Major } from '../../../../catalog/types';
import type { RuleContext } from '../context';
import { intValue } from '../effective';
import type { ComposeCode } from '../../codes';
import { settingValue, type Side } from './side';

/** A subscription of the stack with the service it connects to, when that is a service with init SQL. */
export interface SubscriptionLink {
  subscriber: Side;
  subscription: SqlSubscription;
  publisher?: Side;
}

export type Limit = 'max_replication_slots' | 'max_wal_senders' | 'max_logical_replication_workers' | 'max_worker_processes';

/** Setting names in messages: 17 started writing them in double quotes. */
const named = (name: string, major: Major) => (major >= 17 ? `"${name}"` : name);

/** What the server logs when it runs out: the message and its hint (the test finds both in real servers' logs). */
export function capacityServerMessage(limit: Limit, major: Major, value: number): { message: string; hint?: string } {
  switch (limit) {
    case 'max_replication_slots':
      return { message: 'all replication slots are in use', hint: `Free one or increase ${named(limit, major)}.` };
    case 'max_wal_senders':
      return { message: `number of requested standby connections exceeds ${named(limit, major)} (currently ${value})` };
    case 'max_logical_replication_workers':
      return { message: 'out of logical replication worker slots', hint: `You might need to increase ${named(limit, major)}.` };
    case 'max_worker_processes':
      return { message: 'out of background worker slots', hint: `You might need to increase ${named(limit, major)}.` };
  }
}

const quoted = ({ message, hint }: { message: string; hint?: string }) => `"${message}"${hint ? ` (hint: "${hint}")` : ''}`;

const CODES: Record<Limit, ComposeCode> = {
  max_replication_slots: 'compose/logical-slots',
  max_wal_senders: 'compose/logical-wal-senders',
  max_logical_replication_workers: 'compose/logical-workers',
  max_worker_processes: 'compose/logical-worker-processes',
};

const option = (s: SqlSubscription, name: string) => (s.options[name] ?? 'true').toLowerCase() !== 'false';
const connects = (s: SqlSubscription) => option(s, 'connect');
const runs = (s: SqlSubscription) => connects(s) && option(s, 'enabled');

/** Sync workers a subscription starts at once: one per table to copy, at most max_sync_workers_per_subscription. */
function syncWorkers(ctx: RuleContext, link: SubscriptionLink): number | undefined {
  const { subscription, subscriber, publisher } = link;
  if (!runs(subscription) || !option(subscription, 'copy_data')) return 0;
  const major = ctx.majorOf(subscriber.service);
  const setting = settingValue(ctx, subscriber, 'max_sync_workers_per_subscription', ctx.catalog.get('max_sync_workers_per_subscription', major)?.bootVal ?? '2');
  const perSubscription = setting && intValue(setting.value.replace(/'/g, ''));
  if (perSubscription === undefined) return undefined;
  if (!publisher || publisher.sql.incomplete) return perSubscription;
  const tables = new Set(subscription.publications.flatMap((name) => {
    const publication = publisher.sql.facts.publications.get(name);
    return publication ? publishedTables(publication, publisher.sql.facts) : [];
  }));
  return Math.min(perSubscription, tables.size);
}

interface Need {
  /** Below this the named consequence happens at once (CREATE SUBSCRIPTION fails, an apply worker never runs). */
  apply: number;
  /** Some table is copied: one more is needed or no table ever leaves its first state. */
  copies: boolean;
  /** Everything at full speed (undefined when the sync workers cannot be counted). */
  full?: number;
  /** What the count is made of, for the message. */
  parts: string;
}

function check(ctx: RuleContext, side: Side, limit: Limit, need: Need, consequence: string): void {
  if (need.apply === 0 && !need.copies) return;
  const major = ctx.majorOf(side.service);
  const setting = settingValue(ctx, side, limit, ctx.catalog.get(limit, major)?.bootVal ?? '');
  const value = setting && intValue(setting.value.replace(/'/g, ''));
  if (!setting || value === undefined) return;
  const minimum = need.apply + (need.copies ? 1 : 0);
  const serverSays = quoted(capacityServerMessage(limit, major, value));
  const fix = `Set ${limit}=${need.full ?? minimum} or more on "${side.service.name}" (a restart is needed).`;
  const head = `"${side.service.name}" runs with ${limit} = ${value} (${setting.where}) but needs ${need.full ?? minimum} for ${need.parts}`;
  if (value < need.apply) {
    ctx.report(setting.span, 'error', CODES[limit], `${head}: ${consequence}, logged as ${serverSays}. ${fix}`, { service: side.service.name });
  } else if (value < minimum) {
    ctx.report(setting.span, 'error', CODES[limit], `${head}: the apply workers take all ${value}, no table-sync worker gets one (${serverSays} in the log, again and again) and the tables never leave their first state. ${fix}`, { service: side.service.name });
  } else if (need.full !== undefined && value < need.full) {
    ctx.report(setting.span, 'warning', CODES[limit], `${head}: the initial copy still finishes, but slower, with ${serverSays} in the log for each table-sync worker refused. ${fix}`, { service: side.service.name });
  }
}

const list = (links: SubscriptionLink[]) => links.map((l) => `"${l.subscription.name}"`).join(', ');

function sum(values: (number | undefined)[]): number | undefined {
  return values.some((v) => v === undefined) ? undefined : values.reduce<number>((a, b) => a + b!, 0);
}

function publisherRules(ctx: RuleContext, publisher: Side, links: SubscriptionLink[]): void {
  const syncs = links.map((l) => syncWorkers(ctx, l));
  const copies = syncs.some((n) => n !== undefined && n > 0);
  const syncTotal = sum(syncs);
  const withSlot = links.filter((l) => connects(l.subscription) && option(l.subscription, 'create_slot'));
  const ownSlots = publisher.sql.facts.logicalSlots.length + publisher.sql.facts.physicalSlots.length;
  const slots = withSlot.length + ownSlots;
  const slotParts = `the slots of subscriptions ${list(withSlot)}${ownSlots ? ` and ${ownSlots} its init SQL creates` : ''}${syncTotal ? ` plus ${syncTotal} table-sync slots` : ''}`;
  check(ctx, publisher, 'max_replication_slots', { apply: slots, copies, full: syncTotal === undefined ? undefined : slots + syncTotal, parts: slotParts }, 'CREATE SUBSCRIPTION fails with "could not create replication slot"');
  const running = links.filter((l) => runs(l.subscription));
  const senderParts = `the apply workers of ${list(running)}${syncTotal ? ` plus ${syncTotal} table-sync connections` : ''}`;
  check(ctx, publisher, 'max_wal_senders', { apply: running.length, copies, full: syncTotal === undefined ? undefined : running.length + syncTotal, parts: senderParts }, 'an apply worker cannot connect ("could not connect to the publisher")');
}

function subscriberRules(ctx: RuleContext, subscriber: Side, links: SubscriptionLink[]): void {
  const running = links.filter((l) => runs(l.subscription));
  const syncs = running.map((l) => syncWorkers(ctx, l));
  const copies = syncs.some((n) => n !== undefined && n > 0);
  const syncTotal = sum(syncs);
  const parts = (extra: string) => `${extra}the apply workers of ${list(running)}${syncTotal ? ` plus ${syncTotal} table-sync workers` : ''}`;
  const workers = { apply: running.length, copies, full: syncTotal === undefined ? undefined : running.length + syncTotal };
  check(ctx, subscriber, 'max_logical_replication_workers', { ...workers, parts: parts('') }, 'an apply worker never starts');
  const launcher = { apply: workers.apply + 1, copies, full: workers.full === undefined ? undefined : workers.full + 1 };
  check(ctx, subscriber, 'max_worker_processes', { ...launcher, parts: parts('the logical replication launcher, ') }, 'an apply worker never starts');
}

/** The four limits, for every publisher and subscriber of the stack's subscriptions. */
export function capacityRules(ctx: RuleContext, links: SubscriptionLink[]): void {
  const by = (key: (l: SubscriptionLink) => Side | undefined) => {
    const groups = new Map<Side, SubscriptionLink[]>();
    for (const link of links) {
      const side = key(link);
      if (side) groups.set(side, [...(groups.get(side) ?? []), link]);
    }
    return groups;
  };
  for (const [publisher, group] of by((l) => l.publisher)) publisherRules(ctx, publisher, group);
  for (const [subscriber, group] of by((l) => l.subscriber)) subscriberRules(ctx, subscriber, group);
}

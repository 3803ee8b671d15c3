/**
 * Logical replication across the services of a stack, from their init SQL (read with PostgreSQL's own parser) and
 * settings: what stops CREATE SUBSCRIPTION or the apply worker, what makes UPDATE/DELETE fail on the publisher,
 * and what logical replication does not carry (sequences). Findings sit on the mount of the script concerned and
 * name the script's line.
 */
import { publishedTables, type SqlPublication, type SqlSubscription } from '../../../../sql/logicalFacts';
import type { ServiceInfo } from '../../model';
import type { RuleContext } from '../context';
import { scriptLabel, serviceSql } from './serviceSql';
import { accessRules } from './access';
import { ddlRule } from './ddl';
import { capacityRules, type SubscriptionLink } from './capacity';
import { publisherOf, scriptName, settingValue, spanOf, type Side } from './side';
import { optionProblems, publicationProblems } from './versions';

function syntaxRule(ctx: RuleContext, side: Side): void {
  for (const error of side.sql.syntaxErrors) {
    const file = scriptLabel(error.script);
    ctx.report(error.script.volume.span, 'error', 'compose/init-sql-syntax', `${file} line ${error.line}, column ${error.column}: ${error.message}. The entrypoint runs init SQL with ON_ERROR_STOP, so "${side.service.name}" stops there on its first start and its data folder is left half set up.`, { service: side.service.name });
  }
}

function walLevelRule(ctx: RuleContext, publisher: Side, subscribers: Side[]): void {
  const wal = settingValue(ctx, publisher, 'wal_level', 'replica');
  if (!wal || wal.value.replace(/'/g, '') === 'logical') return;
  const by = subscribers.map((s) => `"${s.service.name}"`).join(', ');
  ctx.report(wal.span, 'error', 'compose/logical-wal-level', `"${publisher.service.name}" publishes to ${by} but runs with wal_level = ${wal.value} (${wal.where}): CREATE SUBSCRIPTION fails with "logical decoding requires wal_level >= logical". Set wal_level=logical on "${publisher.service.name}" (a restart is needed).`, { service: publisher.service.name });
}

/** PostgreSQL's error for an UPDATE/DELETE of a published table without replica identity (the test compares it with the server's). */
export function noIdentityServerMessage(table: string, operation: 'update' | 'delete'): string {
  return `cannot ${operation} table "${table}" because it does not have a replica identity and publishes ${operation}s`;
}

function identityRule(ctx: RuleContext, publisher: Side, publication: SqlPublication): void {
  const changing = publication.publish.filter((op) => op === 'update' || op === 'delete');
  if (!changing.length) return;
  for (const name of publishedTables(publication, publisher.sql.facts)) {
    const table = publisher.sql.facts.tables.get(name);
    if (!table || table.identity) continue;
    const short = name.replace(/^public\./, '');
    ctx.report(spanOf(publisher, table), 'warning', 'compose/logical-no-replica-identity', `Table ${name} (${scriptName(publisher, table)}) has no primary key or replica identity, and publication "${publication.name}" publishes ${changing.join(' and ')}: on "${publisher.service.name}" every ${changing.join('/').toUpperCase()} of it fails with "${noIdentityServerMessage(short, changing[0] as 'update' | 'delete')}". Add a primary key, or ALTER TABLE ${short} REPLICA IDENTITY FULL.`, { service: publisher.service.name });
  }
}

function sequencesRule(ctx: RuleContext, publisher: Side, publication: SqlPublication): void {
  const sequences = publisher.sql.facts.sequences;
  if (!sequences.length) return;
  ctx.report(spanOf(publisher, publication), 'information', 'compose/logical-sequences', `Logical replication does not carry sequence values (${sequences.slice(0, 3).join(', ')}${sequences.length > 3 ? ', …' : ''} on "${publisher.service.name}"): the subscriber's sequences stay where they start. Before a cut-over, set them with setval() from the publisher's last values.`, { service: publisher.service.name });
}

function missingTablesRule(ctx: RuleContext, subscriber: Side, publisher: Side, subscription: SqlSubscription): void {
  if (subscriber.sql.incomplete) return;
  const at = subscriber.sql.origin.get(subscription)?.order ?? Infinity;
  for (const name of subscription.publications) {
    const publication = publisher.sql.facts.publications.get(name);
    if (!publication) continue;
    for (const table of publishedTables(publication, publisher.sql.facts)) {
      const local = subscriber.sql.facts.tables.get(table);
      if (local && (subscriber.sql.origin.get(local)?.order ?? 0) < at) continue;
      const when = local ? ' before it' : '';
      ctx.report(spanOf(subscriber, subscription), 'error', 'compose/logical-table-missing', `Subscription "${subscription.name}" (${scriptName(subscriber, subscription)}) receives ${table} from "${publisher.service.name}", but "${subscriber.service.name}" does not create that table${when}: CREATE SUBSCRIPTION fails with "relation "${table}" does not exist". Logical replication copies rows, not the schema: create the table on the subscriber first.`, { service: subscriber.service.name }, `${subscription.name}/${table}`);
    }
  }
}

function publicationsRule(ctx: RuleContext, subscriber: Side, publisher: Side, subscription: SqlSubscription): void {
  if (publisher.sql.incomplete) return;
  for (const name of subscription.publications.filter((p) => !publisher.sql.facts.publications.has(p))) {
    ctx.report(spanOf(subscriber, subscription), 'warning', 'compose/logical-publication-missing', `Subscription "${subscription.name}" (${scriptName(subscriber, subscription)}) asks "${publisher.service.name}" for publication "${name}", which its init scripts do not create: replication stops with "publication "${name}" does not exist". Create it on "${publisher.service.name}" or fix the name.`, { service: subscriber.service.name });
  }
}

/** Runs the rules for one subscription; returns its publisher's side when that is a service of this file with init SQL. */
function subscriptionRules(ctx: RuleContext, subscriber: Side, subscription: SqlSubscription, sides: Map<ServiceInfo, Side>): Side | undefined {
  for (const problem of optionProblems(subscription, ctx.majorOf(subscriber.service))) {
    ctx.report(spanOf(subscriber, subscription), 'error', 'compose/logical-option-not-in-major', `Subscription "${subscription.name}" (${scriptName(subscriber, subscription)}): ${problem}`, { service: subscriber.service.name });
  }
  const { host, service } = publisherOf(ctx, subscription);
  if (!host) return undefined;
  if (!service) {
    if (!/[.:]/.test(host) && host !== 'localhost' && !host.startsWith('$') && !host.startsWith('x_')) {
      ctx.report(spanOf(subscriber, subscription), 'warning', 'compose/logical-host-unknown', `Subscription "${subscription.name}" (${scriptName(subscriber, subscription)}) connects to host "${host}", which is no service of this file: CREATE SUBSCRIPTION cannot reach its publisher. Use the publisher's service name.`, { service: subscriber.service.name });
    }
    return undefined;
  }
  const publisher = sides.get(service);
  if (!publisher) return undefined;
  publicationsRule(ctx, subscriber, publisher, subscription);
  missingTablesRule(ctx, subscriber, publisher, subscription);
  accessRules(ctx, subscriber, subscription, publisher);
  ddlRule(ctx, subscriber, publisher, subscription);
  return publisher;
}

/** The logical-replication family: every service's init SQL, each subscription against its publisher. */
export function logicalRules(ctx: RuleContext): void {
  const sides = new Map<ServiceInfo, Side>();
  for (const service of ctx.model.services.filter((s) => s.family === 'official' || s.family === 'none' || s.family === 'bitnami')) {
    const sql = serviceSql(ctx.sql, service);
    if (sql) sides.set(service, { service, sql });
  }
  const subscribersOf = new Map<ServiceInfo, Side[]>();
  const links: SubscriptionLink[] = [];
  for (const side of sides.values()) {
    syntaxRule(ctx, side);
    for (const subscription of side.sql.facts.subscriptions) {
      const publisher = subscriptionRules(ctx, side, subscription, sides);
      links.push({ subscriber: side, subscription, publisher });
      if (publisher) subscribersOf.set(publisher.service, [...(subscribersOf.get(publisher.service) ?? []), side]);
    }
  }
  capacityRules(ctx, links);
  for (const [service, subscribers] of subscribersOf) walLevelRule(ctx, sides.get(service)!, subscribers);
  for (const publisher of sides.values()) {
    for (const publication of publisher.sql.facts.publications.values()) {
      for (const problem of publicationProblems(publication, ctx.majorOf(publisher.service))) {
        ctx.report(spanOf(publisher, publication), 'error', 'compose/logical-option-not-in-major', `Publication "${publication.name}" (${scriptName(publisher, publication)}): ${problem}`, { service: publisher.service.name });
      }
      identityRule(ctx, publisher, publication);
      sequencesRule(ctx, publisher, publication);
    }
  }
}

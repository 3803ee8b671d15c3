/**
 * What the stack around an init script says about a publication or subscription it creates, for hovers: the
 * publisher's wal_level and where it comes from, who subscribes to a publication, which publisher a subscription
 * reaches and whether that publisher's init SQL creates what it asks for.
 */
import * as path from 'path';
import { publishedTables, type SqlPublication, type SqlSubscription } from '../../sql/logicalFacts';
import type { ServiceInfo } from '../compose/model';
import { publisherOf, scriptName, settingValue, type Side } from '../compose/rules/logical/side';
import type { ScriptStack } from './stack';

const major = (service: ServiceInfo) => (service.major ? `PostgreSQL ${service.major}` : 'major unknown');

function walLevelLine(stack: ScriptStack, service: ServiceInfo): string {
  const side = stack.sides.get(service);
  const wal = side && settingValue(stack.ctx, side, 'wal_level', 'replica');
  if (!wal) return `"${service.name}" (${major(service)}): its wal_level cannot be told from the files.`;
  const value = wal.value.replace(/'/g, '');
  const verdict = value === 'logical' ? 'logical decoding works' : 'too low for logical replication: subscriptions to it fail until it is `logical`';
  return `"${service.name}" (${major(service)}) runs with \`wal_level = ${value}\` (${wal.where}): ${verdict}.`;
}

/** The subscriptions of other services that receive `publication` from the script's service. */
function subscribersOf(stack: ScriptStack, publication: string): { side: Side; subscription: SqlSubscription }[] {
  const found: { side: Side; subscription: SqlSubscription }[] = [];
  for (const side of stack.sides.values()) {
    for (const subscription of side.sql.facts.subscriptions) {
      if (subscription.publications.includes(publication) && publisherOf(stack.ctx, subscription).service === stack.service) found.push({ side, subscription });
    }
  }
  return found;
}

/** Facts of the stack about a publication created by the script (`publication` read from the editor's text). */
export function publicationFacts(stack: ScriptStack, publication: SqlPublication): string[] {
  const lines = [walLevelLine(stack, stack.service)];
  const subscribers = subscribersOf(stack, publication.name);
  lines.push(
    subscribers.length
      ? `Received by ${subscribers.map(({ side, subscription }) => `"${side.service.name}" (subscription ${subscription.name}, ${scriptName(side, subscription)})`).join(', ')}.`
      : 'No service of this stack subscribes to it.',
  );
  const facts = stack.sides.get(stack.service)?.sql.facts;
  const changing = publication.publish.some((op) => op === 'update' || op === 'delete');
  const bare = facts && changing ? publishedTables(publication, facts).filter((t) => facts.tables.get(t)?.identity === false) : [];
  if (bare.length) lines.push(`Without primary key or replica identity here: ${bare.join(', ')} — their UPDATE/DELETE fail on "${stack.service.name}".`);
  return lines;
}

/** Facts of the stack about a subscription created by the script. */
export function subscriptionFacts(stack: ScriptStack, subscription: SqlSubscription): string[] {
  const lines = [`Runs on "${stack.service.name}" (${major(stack.service)}).`];
  const { host, service } = publisherOf(stack.ctx, subscription);
  if (!host) return [...lines, 'Its connection names no host: the publisher cannot be told.'];
  if (!service) return [...lines, `Connects to host ${host}, which is not a service of ${path.basename(stack.composeFile)}.`];
  lines.push(`Publisher: ${walLevelLine(stack, service)}`);
  const publisher = stack.sides.get(service);
  if (publisher) {
    const missing = subscription.publications.filter((name) => !publisher.sql.facts.publications.has(name));
    lines.push(missing.length ? `Not created by the init SQL of "${service.name}": ${missing.join(', ')}.` : `"${service.name}" creates ${subscription.publications.map((p) => `\`${p}\``).join(', ')} in its init SQL.`);
  }
  return lines;
}

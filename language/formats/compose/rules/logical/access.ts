/**
 * The role a subscription connects as, on its publisher: it must exist, may start a WAL sender (REPLICATION or
 * superuser), may read every published table for the initial copy, and a line of a mounted pg_hba.conf must let
 * it in from the stack's network (a logical WAL sender is matched by its database name, not by `replication`).
 * Messages are the real servers' (test/cluster/logical/access.test.ts). Quiet whenever the files cannot tell:
 * an image other than the official one, shell init scripts (they may create roles), unreadable or invalid SQL, a
 * role whose rights come from memberships or default privileges, no mounted pg_hba.conf (the image's own lets
 * every user in with a password).
 */
import { ConninfoError, parseConnectionString } from '../../../../../core/conninfo';
import { publishedTables, type SqlSubscription } from '../../../../sql/logicalFacts';
import { maySelect } from '../../../../sql/privileges';
import { connectionRefused } from '../../../pghba/match';
import type { Major } from '../../../../catalog/types';
import { envValue, hasEnv } from '../../model';
import type { RuleContext } from '../context';
import { keptRules } from '../mountedHba';
import { scriptName, spanOf, type Side } from './side';

/** What a publisher says when the role may not start a WAL sender (16 reworded it). */
export function walSenderRefusal(major: Major): string {
  return major >= 16 ? 'permission denied to start WAL sender' : 'must be superuser or replication role to start walsender';
}

/** What the initial copy of a table logs when the role may not read it. */
export const copyRefusal = (table: string) => `could not start initial contents copy for table "${table}": ERROR:  permission denied for table ${table.replace(/^public\./, '')}`;

/** What the publisher answers when no pg_hba.conf line matches (before 14 it spoke of a replication connection, though it matched by database). */
export function noEntryMessage(major: Major, connection: { user: string; database: string }): string {
  return major < 14 ? `no pg_hba.conf entry for replication connection from host …, user "${connection.user}"` : `no pg_hba.conf entry for host …, user "${connection.user}", database "${connection.database}"`;
}

/** The user and database of a subscription's connection (libpq defaults: the subscriber's OS user, database = user). */
function connectionOf(subscriber: Side, subscription: SqlSubscription): { user: string; database: string } | undefined {
  let params: Map<string, string>;
  try {
    params = parseConnectionString(subscription.conninfo);
  } catch (error) {
    if (error instanceof ConninfoError) return undefined;
    throw error;
  }
  // Without a user, libpq takes PGUSER of the subscriber's server, else its OS account (postgres in the image).
  const user = params.get('user') ?? (hasEnv(subscriber.service, 'PGUSER') ? undefined : 'postgres');
  if (!user || /^\$|\$\{/.test(user)) return undefined;
  return { user: user.toLowerCase(), database: params.get('dbname') ?? user };
}

/** Whether the publisher's init scripts say everything about its roles. */
const rolesKnown = (publisher: Side) => !publisher.sql.incomplete && publisher.service.init.scripts.every((s) => !/\.sh$/i.test(s.containerPath));

function rightsRule(ctx: RuleContext, subscriber: Side, subscription: SqlSubscription, publisher: Side, user: string): void {
  const { facts } = publisher.sql;
  const say = (code: 'compose/logical-user-missing' | 'compose/logical-user-no-replication' | 'compose/logical-user-no-select', text: string) =>
    ctx.report(spanOf(subscriber, subscription), 'error', code, `Subscription "${subscription.name}" (${scriptName(subscriber, subscription)}) connects to "${publisher.service.name}" as "${user}", ${text}`, { service: subscriber.service.name }, subscription.name);
  if (!facts.roles.includes(user)) {
    say('compose/logical-user-missing', `a role its init scripts do not create (nor POSTGRES_USER): CREATE SUBSCRIPTION fails with "password authentication failed for user "${user}"" ("role "${user}" does not exist" under trust). Create it on "${publisher.service.name}": CREATE ROLE ${user} LOGIN REPLICATION PASSWORD '…'.`);
    return;
  }
  if (facts.privileges.superusers.has(user)) return;
  if (!facts.replicationRoles.includes(user)) {
    say('compose/logical-user-no-replication', `a role without REPLICATION: CREATE SUBSCRIPTION fails with "${walSenderRefusal(ctx.majorOf(publisher.service))}". Give it the attribute: ALTER ROLE ${user} REPLICATION.`);
  }
  if ((subscription.options.copy_data ?? 'true').toLowerCase() === 'false') return;
  const tables = subscription.publications.flatMap((name) => {
    const publication = facts.publications.get(name);
    return publication ? publishedTables(publication, facts) : [];
  });
  const unreadable = [...new Set(tables)].filter((table) => maySelect(facts.privileges, user, table) === false);
  if (unreadable.length) {
    const list = unreadable.map((t) => t.replace(/^public\./, '')).join(', ');
    say('compose/logical-user-no-select', `which may not read ${list}: the initial copy stops with "${copyRefusal(unreadable[0])}" and retries for ever. GRANT SELECT ON ${list} TO ${user} on "${publisher.service.name}".`);
  }
}

function hbaRule(ctx: RuleContext, subscriber: Side, subscription: SqlSubscription, publisher: Side, connection: { user: string; database: string }): void {
  for (const file of publisher.service.init.hbaFiles ?? []) {
    const rules = keptRules(file, ctx, publisher.service);
    const refused = rules && connectionRefused([...rules.keys()], { ...connection, replication: false, from: 'stack-network' });
    if (!rules || !refused) continue;
    const where = `the pg_hba.conf mounted into "${publisher.service.name}" (${file.volume.source})`;
    const serverSays =
      'rejectedBy' in refused
        ? `line ${rules.get(refused.rejectedBy)} of ${where} rejects it: CREATE SUBSCRIPTION fails with "pg_hba.conf rejects connection for host …, user "${connection.user}", database "${connection.database}"`
        : `no line of ${where} lets it in from the stack's network: CREATE SUBSCRIPTION fails with "${noEntryMessage(ctx.majorOf(publisher.service), connection)}`;
    ctx.report(spanOf(subscriber, subscription), 'error', 'compose/logical-hba', `Subscription "${subscription.name}" (${scriptName(subscriber, subscription)}) connects to "${publisher.service.name}" as "${connection.user}" to database "${connection.database}", and ${serverSays}, …". A logical subscription is matched by its database, not by the "replication" keyword: add "host ${connection.database} ${connection.user} samenet scram-sha-256".`, { service: subscriber.service.name }, `${subscription.name}/${file.hostPath}`);
  }
}

/** The subscription's role and pg_hba line on a publisher of the stack (the official image only). */
export function accessRules(ctx: RuleContext, subscriber: Side, subscription: SqlSubscription, publisher: Side): void {
  if (publisher.service.family !== 'official') return;
  const connection = connectionOf(subscriber, subscription);
  if (!connection) return;
  hbaRule(ctx, subscriber, subscription, publisher, connection);
  if (hasEnv(publisher.service, 'POSTGRES_USER_FILE')) return;
  const superuser = (envValue(publisher.service, 'POSTGRES_USER') ?? 'postgres').toLowerCase();
  if (connection.user === superuser || !rolesKnown(publisher)) return;
  rightsRule(ctx, subscriber, subscription, publisher, connection.user);
}

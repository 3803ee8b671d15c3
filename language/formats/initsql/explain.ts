/**
 * What the logical-replication statements of an SQL script do and need, in our own words, for hovers: streaming
 * replication is named beside logical where the difference matters. Texts only; the stack's facts are added by
 * stackFacts.ts.
 */
import type { SqlStatement } from '../../sql/parser';

type Node = Record<string, unknown>;

const STREAMING_VS_LOGICAL =
  'Streaming replication sends the whole cluster’s WAL to a read-only standby of the same major, block for block. ' +
  'Logical replication decodes the changes of chosen tables into rows and sends them to a subscriber: an ordinary ' +
  'writable server that may run another major (the usual way to upgrade with little downtime). It carries rows only — ' +
  'not the schema (DDL), not sequence values, not large objects.';

const PUBLICATION =
  '**CREATE PUBLICATION** — the tables (or all tables, or the tables of a schema) whose row changes this server hands ' +
  'to logical subscribers.\n\n' +
  `${STREAMING_VS_LOGICAL}\n\n` +
  '**Needs on this server:** `wal_level = logical` (a restart); for UPDATE and DELETE to be published, a primary key or ' +
  '`REPLICA IDENTITY` on every table — without one those statements fail here, not on the subscriber; one replication ' +
  'slot and one WAL sender per subscription, plus temporary ones while the subscriber copies tables ' +
  '(`max_replication_slots`, `max_wal_senders`).';

const SUBSCRIPTION =
  '**CREATE SUBSCRIPTION** — connects this server to a publisher, creates a replication slot there (unless told not to), ' +
  'copies the rows the publications hold now (`copy_data`, one table-sync worker per table), then applies the changes ' +
  'as they come with an apply worker.\n\n' +
  `${STREAMING_VS_LOGICAL}\n\n` +
  '**Needs:** the publisher at `wal_level = logical` with a free slot and WAL sender; a role with REPLICATION (and SELECT ' +
  'on the tables for the first copy) that the publisher’s pg_hba.conf lets in; the tables created here first, with the ' +
  'same names and columns; on this server `max_logical_replication_workers` and `max_worker_processes` for the apply ' +
  'worker plus the sync workers (`max_sync_workers_per_subscription`). Inside a transaction block it is refused unless ' +
  'it creates no slot.';

const ALTER_SUBSCRIPTION: Record<string, string> = {
  ALTER_SUBSCRIPTION_ENABLED: 'starts (ENABLE) or stops (DISABLE) the apply worker. A disabled subscription keeps its slot on the publisher, and that slot keeps every WAL segment written since: the publisher’s disk fills while it stays disabled.',
  ALTER_SUBSCRIPTION_REFRESH: 'asks the publisher which tables its publications hold now: tables added there start to be copied (copy_data) and replicated, dropped ones stop. Adding a table to a publication does nothing for a subscriber until this runs.',
  ALTER_SUBSCRIPTION_SKIP: 'skips the one remote transaction that finishes at the given LSN (read it from the apply worker’s error in the log) — PostgreSQL 15 and later. Its changes are lost on this side: the two servers then differ until you mend them.',
  ALTER_SUBSCRIPTION_OPTIONS: 'changes options of the subscription (which ones exist depends on the major: `disable_on_error` and two-phase from 15, `origin` from 16, `failover` from 17).',
  ALTER_SUBSCRIPTION_CONNECTION: 'changes how the subscription reaches the publisher; the apply worker reconnects with it.',
  ALTER_SUBSCRIPTION_SET_PUBLICATION: 'replaces the publications it receives (and refreshes, unless refresh = false).',
  ALTER_SUBSCRIPTION_ADD_PUBLICATION: 'adds publications to those it receives (and refreshes, unless refresh = false).',
  ALTER_SUBSCRIPTION_DROP_PUBLICATION: 'drops publications from those it receives (and refreshes, unless refresh = false).',
};

const SLOT_FUNCTIONS: Record<string, string> = {
  pg_create_logical_replication_slot: '**pg_create_logical_replication_slot** — a named slot that decodes this server’s changes for one consumer through an output plugin (`pgoutput` for subscriptions, `test_decoding` for reading by hand). Needs `wal_level = logical` and a free `max_replication_slots`. The slot keeps every WAL segment its consumer has not confirmed: an unused slot fills the disk.',
  pg_create_physical_replication_slot: '**pg_create_physical_replication_slot** — a named slot for a streaming standby (or pg_receivewal): it keeps the WAL the standby has not received yet, so the standby never falls behind what the primary still has. Logical subscriptions use logical slots instead. An unused slot fills the disk.',
  pg_drop_replication_slot: '**pg_drop_replication_slot** — removes a slot and releases the WAL it held. A subscription whose slot is dropped stops (DROP SUBSCRIPTION drops its own slot).',
  pg_replication_slot_advance: '**pg_replication_slot_advance** — moves a slot forward without reading the changes in between: they are lost for its consumer.',
};

/** The slot function a statement calls, with the offset of its name in the statement's text. */
export function slotFunctionOf(statement: SqlStatement, text: string): { name: string; offset: number } | undefined {
  const own = text.slice(statement.start, statement.end);
  for (const name of Object.keys(SLOT_FUNCTIONS)) {
    const at = own.toLowerCase().indexOf(name);
    if (at >= 0 && JSON.stringify(statement.node).includes(`"sval":"${name}"`)) return { name, offset: statement.start + at };
  }
  return undefined;
}

/** What a statement does and needs, or undefined for statements that are not about replication. */
export function explain(statement: SqlStatement, slotFunction?: string): string | undefined {
  const node = statement.node as Node;
  switch (statement.kind) {
    case 'CreatePublicationStmt':
      return PUBLICATION;
    case 'AlterPublicationStmt':
      return '**ALTER PUBLICATION** — changes which tables it publishes. Subscribers learn of added tables only when they run `ALTER SUBSCRIPTION … REFRESH PUBLICATION`; the added tables need a primary key or replica identity like the others.';
    case 'CreateSubscriptionStmt':
      return SUBSCRIPTION;
    case 'AlterSubscriptionStmt': {
      const what = ALTER_SUBSCRIPTION[String(node.kind)];
      return what && `**ALTER SUBSCRIPTION** — ${what}`;
    }
    case 'DropSubscriptionStmt':
      return '**DROP SUBSCRIPTION** — stops the workers and drops the subscription’s slot on the publisher (it must be reachable, or detach the slot first with `ALTER SUBSCRIPTION … SET (slot_name = NONE)`); the rows already copied stay.';
    case 'DropPublicationStmt':
      return '**DROP PUBLICATION** — subscribers that still receive it stop with an error until they drop it from their list.';
    default:
      return slotFunction ? SLOT_FUNCTIONS[slotFunction] : undefined;
  }
}

/**
 * The monitor's SQL, chosen by server major (core/majors.ts). One statement per refresh (one round trip); each part
 * works on a primary and on a replica, so the role need not be known first.
 */
import { isMajor, type Major, MAJORS } from '../../core/majors';

const NODE = `SELECT pg_is_in_recovery() AS in_recovery,
  CASE WHEN pg_is_in_recovery() THEN NULL ELSE pg_current_wal_lsn()::text END AS current_lsn,
  CASE WHEN pg_is_in_recovery() THEN NULL ELSE pg_walfile_name(pg_current_wal_lsn()) END AS current_walfile,
  (SELECT timeline_id FROM pg_control_checkpoint()) AS checkpoint_timeline,
  (SELECT system_identifier::text FROM pg_control_system()) AS system_identifier,
  pg_last_wal_receive_lsn()::text AS receive_lsn,
  pg_last_wal_replay_lsn()::text AS replay_lsn,
  CASE WHEN pg_is_in_recovery() THEN pg_is_wal_replay_paused() ELSE false END AS replay_paused,
  pg_last_xact_replay_timestamp()::text AS last_replay,
  current_setting('archive_mode') AS archive_mode`;

/** Lag bytes measured against what this node has: its current LSN (primary) or its replay LSN (cascading). */
const HERE = `CASE WHEN pg_is_in_recovery() THEN pg_last_wal_replay_lsn() ELSE pg_current_wal_lsn() END`;

const REPLICATION = `SELECT pid, application_name, client_addr::text AS client_addr, state, sync_state,
  sent_lsn::text AS sent_lsn, write_lsn::text AS write_lsn, flush_lsn::text AS flush_lsn, replay_lsn::text AS replay_lsn,
  extract(epoch FROM write_lag)::float8 AS write_lag, extract(epoch FROM flush_lag)::float8 AS flush_lag,
  extract(epoch FROM replay_lag)::float8 AS replay_lag,
  pg_wal_lsn_diff(${HERE}, replay_lsn)::float8 AS replay_lag_bytes
FROM pg_stat_replication ORDER BY application_name, pid`;

const slots = (major: number) => `SELECT slot_name, slot_type, active, active_pid, restart_lsn::text AS restart_lsn, wal_status,
  pg_wal_lsn_diff(${HERE}, restart_lsn)::float8 AS retained_bytes, safe_wal_size::float8 AS safe_wal_size,
  ${major >= 17 ? 'inactive_since::text' : 'NULL::text'} AS inactive_since
FROM pg_replication_slots ORDER BY slot_name`;

const WAL_RECEIVER = `SELECT status, sender_host, sender_port, slot_name, received_tli, flushed_lsn::text AS flushed_lsn,
  last_msg_receipt_time::text AS last_msg_receipt_time
FROM pg_stat_wal_receiver`;

const ARCHIVER = `SELECT archived_count, failed_count, last_archived_wal, last_failed_wal, last_failed_time::text AS last_failed_time
FROM pg_stat_archiver`;

const PUBLICATIONS = `SELECT p.pubname, p.puballtables AS all_tables,
  (SELECT count(*) FROM pg_publication_tables t WHERE t.pubname = p.pubname)::int AS tables
FROM pg_publication p ORDER BY p.pubname`;

/** The apply worker of a subscription: not a table-sync worker (relid), not a parallel apply worker (16+: leader_pid). */
const applyWorker = (major: number) =>
  major >= 17 ? `st.worker_type = 'apply'` : major >= 16 ? 'st.relid IS NULL AND st.leader_pid IS NULL' : 'st.relid IS NULL';

/** 18 counts conflicts by kind; their sum is what a user watches. */
const CONFLICTS_18 = ['insert_exists', 'update_origin_differs', 'update_exists', 'update_missing', 'delete_origin_differs', 'delete_missing', 'multiple_unique_conflicts']
  .map((kind) => `ss.confl_${kind}`)
  .join(' + ');

/** Subscriptions of the connected database: the apply worker, its LSNs, per-table sync states and error counters. */
const subscriptions = (major: number) => `SELECT s.subname, s.subenabled AS enabled, w.pid, w.received_lsn::text AS received_lsn,
  w.latest_end_lsn::text AS latest_end_lsn, w.last_msg_receipt_time::text AS last_msg_receipt_time, w.latest_end_time::text AS latest_end_time,
  (SELECT coalesce(json_object_agg(x.srsubstate, x.n), '{}'::json) FROM
    (SELECT r.srsubstate, count(*) AS n FROM pg_subscription_rel r WHERE r.srsubid = s.oid GROUP BY r.srsubstate) x) AS table_states,
  ${major >= 15 ? 'ss.apply_error_count, ss.sync_error_count' : 'NULL::bigint AS apply_error_count, NULL::bigint AS sync_error_count'},
  ${major >= 18 ? `(${CONFLICTS_18})` : 'NULL::bigint'} AS conflicts
FROM pg_subscription s
LEFT JOIN LATERAL (SELECT st.* FROM pg_stat_subscription st WHERE st.subid = s.oid AND ${applyWorker(major)} LIMIT 1) w ON true
${major >= 15 ? 'LEFT JOIN pg_stat_subscription_stats ss ON ss.subid = s.oid' : ''}
WHERE s.subdbid = (SELECT oid FROM pg_database WHERE datname = current_database())
ORDER BY s.subname`;

export const BATCH_PARTS = ['node', 'replication', 'slots', 'walReceiver', 'archiver', 'publications', 'subscriptions'] as const;
export type BatchPart = (typeof BATCH_PARTS)[number];

/**
 * One statement for a whole refresh: each part as a JSON array of rows. Sent as a named prepared statement,
 * PostgreSQL plans it once per connection — planning the replication views costs more than running them.
 */
export function monitorQuery(major: Major): string {
  const parts = [NODE, REPLICATION, slots(major), WAL_RECEIVER, ARCHIVER, PUBLICATIONS, subscriptions(major)];
  const fields = parts.map((sql, i) => `'${BATCH_PARTS[i]}', (SELECT coalesce(json_agg(r), '[]'::json) FROM (${sql}) r)`);
  return `SELECT json_build_object(${fields.join(',\n')}) AS parts`;
}

/** The major of a server from its server_version_num (170004 → 17). */
export function serverMajor(serverVersionNum: number): number {
  return Math.floor(serverVersionNum / 10000);
}

/** The SQL variant for a server: its major within MAJORS; newer servers use the newest SQL (the views only grow). */
export function sqlMajor(serverVersionNum: number): Major {
  const major = serverMajor(serverVersionNum);
  return isMajor(major) ? major : major > MAJORS[MAJORS.length - 1] ? MAJORS[MAJORS.length - 1] : MAJORS[0];
}

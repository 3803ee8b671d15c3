/**
 * What pgpool.conf settings are for, in our own words: a category for every name (by its prefix) and a short
 * note for the settings people get wrong most. The catalog adds type, default, range and versions.
 */
import type { SettingFacts } from '../../../catalog/poolerCatalog';

/** Category by name prefix, first match wins. */
const CATEGORIES: [RegExp, string][] = [
  [/^backend_/, 'Backend nodes'],
  [/^(hostname|wd_|pgpool_port|heartbeat_|other_|delegate_|if_|arping|trusted_servers|ping_path|clear_memqcache_on_escalation|failover_when_quorum|failover_require_consensus|allow_multiple_failover|enable_consensus|use_watchdog)/, 'Watchdog'],
  [/^health_check_/, 'Health check'],
  [/^sr_check_|^delay_threshold|^log_standby_delay|^prefer_lower_delay/, 'Streaming replication check'],
  [/failover|failback|follow_primary|follow_master|search_primary|detach_false_primary|auto_failback/, 'Failover and failback'],
  [/^(load_balance|disable_load_balance|statement_level_load_balance|database_redirect|app_name_redirect|user_redirect|allow_sql_comments|ignore_leading_white_space|read_only_function|write_function|black_|white_|primary_routing|dml_adaptive)/, 'Load balancing'],
  [/^(recovery_|client_idle_limit_in_recovery)/, 'Online recovery'],
  [/^(memqcache|memory_cache|cache_)/, 'In-memory query cache'],
  [/^(ssl|enable_pool_hba|pool_passwd|authentication_timeout|allow_clear_text|pool_passwd)/, 'Authentication and TLS'],
  [/^(log|syslog|client_min_messages|notice_min)/, 'Logging'],
  [/^(listen|port|socket_dir|unix_socket|pcp_|num_init_children|max_pool|child_|connection_|client_idle|reserved_connections|serialize_accept|listen_backlog|process_management|min_spare|max_spare|backend_socket)/, 'Connections and pooling'],
];

/** Notes for the settings that decide whether a pgpool setup works at all. */
const NOTES: Record<string, string> = {
  backend_clustering_mode: 'How pgpool relates its backends: streaming_replication for a primary with streaming standbys (the usual setup), native_replication when pgpool itself writes to every node, raw to only pick a node. Replaced master_slave_mode and replication_mode in 4.3.',
  'backend_hostname<n>': 'Host name or address of backend N (0 is the first). Each backend needs a port too; numbering must have no gaps.',
  'backend_port<n>': 'Port of backend N.',
  'backend_weight<n>': 'Share of read queries sent to backend N when load balancing is on; relative to the other weights. 0 keeps reads off the node.',
  'backend_flag<n>': 'Flags of backend N, joined by |: ALLOW_TO_FAILOVER (the default), DISALLOW_TO_FAILOVER (pgpool never detaches it), ALWAYS_PRIMARY (treat it as primary whatever it says — for managed services).',
  'backend_application_name<n>': "The application_name backend N's walreceiver uses, so pgpool can read its replication state from the primary (replication_state, replication_sync_state in SHOW POOL_NODES).",
  sr_check_user: 'Role pgpool connects as to find out which node is the primary and how far standbys lag. Without it pgpool cannot find the primary ("waiting for finding a primary node").',
  sr_check_period: 'Seconds between replication checks; 0 turns them off, and with them the lag checks.',
  sr_check_password: "Password of sr_check_user; empty means look it up in pool_passwd. A plain or AES-encrypted password lets pgpool answer SCRAM; an md5 hash does not.",
  health_check_period: 'Seconds between health checks of each backend; 0 turns them off, so a dead node is only noticed when a query fails.',
  health_check_user: 'Role pgpool connects as for health checks.',
  failover_command: 'Script pgpool runs when it detaches a node (placeholders such as %d node id, %h host, %m new main node). For a dead primary, it has to promote a standby itself.',
  follow_primary_command: 'Script pgpool runs for each standby after a primary failover, to point it at the new primary. Runs only after failover_command promoted a node, in streaming replication mode. Was follow_master_command before 4.3.',
  search_primary_node_timeout: 'How long pgpool keeps looking for a primary after a failover or at start (0: forever).',
  load_balance_mode: 'Send read-only queries to the standbys by their weights.',
  num_init_children: 'Number of pgpool child processes, i.e. the most clients served at once. Each can keep max_pool connections to every backend: num_init_children × max_pool must stay under the backends\' max_connections (minus superuser_reserved_connections).',
  max_pool: 'Cached backend connections per child process (one per user/database pair).',
  pool_passwd: 'File of user passwords pgpool uses to authenticate clients and itself to the backends; empty turns it off. For SCRAM backends its entries must be plain text or AES-encrypted (with the key in ~/.pgpoolkey), not md5 hashes.',
  enable_pool_hba: "Use pool_hba.conf for client authentication; off lets pgpool pass authentication through (which does not work with SCRAM and load balancing).",
  listen_addresses: "Addresses pgpool listens on ('*' for all). Quote it.",
  port: 'Port pgpool listens on for clients (9999 by default; the bitnami image uses 5432).',
  pcp_port: 'Port of the PCP administration interface (pcp_attach_node, pcp_node_info …).',
  use_watchdog: 'Run several pgpool instances that agree on one leader and a virtual IP.',
  master_slave_mode: 'pgpool 4.1 and earlier: streaming or logical replication mode. In 4.3 and later: backend_clustering_mode.',
  follow_master_command: 'pgpool 4.1 and earlier: see follow_primary_command, its name from 4.3.',
  socket_dir: 'pgpool 4.5 and earlier: folder of the Unix socket. In 4.6: unix_socket_directories.',
  unix_socket_directories: 'Folders of the Unix sockets pgpool listens on.',
};

export function categoryOf(catalogName: string): string {
  return CATEGORIES.find(([pattern]) => pattern.test(catalogName))?.[1] ?? 'Other settings';
}

/** Markdown for a setting: our note, then what the catalog says. */
export function describeSetting(catalogName: string, facts: SettingFacts, versions: readonly string[]): string {
  const lines = [`**${catalogName}** — ${categoryOf(catalogName)}`, ''];
  const note = NOTES[catalogName];
  if (note) lines.push(note, '');
  const type = facts.type === 'int' && facts.unit ? `integer (unit: ${facts.unit})` : facts.type === 'int' ? 'integer' : facts.type;
  const facts1 = [`Type: ${type}`];
  if (facts.values) facts1.push(`values: ${facts.values.join(', ')}`);
  if (facts.min !== undefined && facts.max !== undefined) facts1.push(`range: ${facts.min} .. ${facts.max}`);
  if (facts.default !== undefined) facts1.push(`default: \`${facts.default === '' ? "''" : facts.default}\``);
  lines.push(facts1.join(' · '));
  if (facts.indexed) lines.push('', 'Numbered: one per node, index 0 to 127 (backend_hostname0, backend_hostname1 …).');
  lines.push('', `pgpool-II ${versions.join(', ')}`);
  return lines.join('\n');
}

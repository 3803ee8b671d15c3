import { envEntry, envValue, type ServiceInfo } from '../model';
import type { RuleContext } from './context';
import { effectiveSetting, intValue } from './effective';

/** Rules about the cluster as a whole: replicas that are not, pools over unreplicated servers, synchronous standbys, root. */

const REPLICA_NAME = /(^|[-_])(slave|replica|standby|secondary|follower)s?\d*($|[-_])/i;
const STANDBY_SETUP = /\bpg_basebackup\b|standby\.signal|recovery\.conf|primary_conninfo|pg_rewind|repmgr/;
const STANDBY_ONLY_SETTINGS = ['hot_standby_feedback', 'max_standby_streaming_delay', 'max_standby_archive_delay', 'wal_receiver_timeout', 'wal_receiver_status_interval', 'primary_conninfo', 'primary_slot_name', 'recovery_min_apply_delay'];

/** A server named like a replica that nothing makes a standby: it runs as a second, independent primary. */
function replicaNotStandbyRule(ctx: RuleContext, service: ServiceInfo): void {
  if (service.role !== 'primary' || service.family !== 'official' || service.built || service.startup.opaque || !REPLICA_NAME.test(service.name)) return;
  const texts = [service.startup.text, ...service.startup.scripts.map((s) => s.text ?? 'unreadable pg_basebackup'), ...service.init.scripts.map((s) => s.text ?? 'unreadable pg_basebackup')];
  if (texts.some((t) => STANDBY_SETUP.test(t)) || service.init.unreadable) return;
  const standbyOnly = [...new Set(service.command.settings.map((s) => s.name).filter((n) => STANDBY_ONLY_SETTINGS.includes(n)))];
  const note = standbyOnly.length ? ` Its standby settings (${standbyOnly.join(', ')}) have no effect on a primary.` : '';
  ctx.report(service.nameSpan, 'warning', 'compose/replica-not-standby', `"${service.name}" is named like a replica, but nothing makes it one: no pg_basebackup, no standby.signal, no primary_conninfo. It initialises its own empty cluster and runs as a second, independent primary, and nothing written elsewhere reaches it.${note}`, { service: service.name });
}

/** pgpool-II balancing reads over servers none of which replicates another. */
function poolNotReplicatedRule(ctx: RuleContext, service: ServiceInfo): void {
  const entry = envEntry(service, 'PGPOOL_BACKEND_NODES');
  if (service.family !== 'pooler' || !entry?.resolved) return;
  const hosts = entry.resolved.split(',').map((n) => n.trim().split(':')[1]).filter((h): h is string => !!h);
  const backends = hosts.map((h) => ctx.model.byName.get(h));
  if (backends.length < 2 || backends.some((b) => !b || b.role !== 'primary' || b.family !== 'official' || b.built || b.startup.opaque)) return;
  if (/^(no|false|off)$/i.test(envValue(service, 'PGPOOL_ENABLE_LOAD_BALANCING') ?? envValue(service, 'PGPOOL_LOAD_BALANCE_MODE') ?? 'yes')) return;
  ctx.report(entry.valueSpan ?? entry.keySpan, 'warning', 'compose/pool-not-replicated', `pgpool-II spreads reads over ${hosts.map((h) => `"${h}"`).join(', ')}, but none of them is a replica of another: each is an independent primary with its own data, so a read can miss what a write just stored. Make all but one streaming replicas of the primary.`, { service: service.name });
}

/** How many synchronous standbys a primary waits for, and how many could answer (undefined when commits do not wait). */
function synchronousDemand(service: ServiceInfo, replicas: number): { required: number; candidates: number; span?: { start: number; end: number } } | undefined {
  const commit = effectiveSetting(service, 'synchronous_commit', 'on').value.trim().toLowerCase();
  const bitnamiCommit = envValue(service, 'POSTGRESQL_SYNCHRONOUS_COMMIT_MODE');
  if (/^(off|local)$/.test(commit) || /^(off|local)$/.test(bitnamiCommit ?? '')) return undefined;
  const bitnami = envEntry(service, 'POSTGRESQL_NUM_SYNCHRONOUS_REPLICAS');
  if (service.family === 'bitnami' && bitnami) {
    const n = intValue(bitnami.resolved ?? '');
    // Bitnami replicas share one application_name, so any of them can be a synchronous standby.
    return n && n > 0 ? { required: n, candidates: replicas, span: bitnami.valueSpan ?? bitnami.keySpan } : undefined;
  }
  const names = effectiveSetting(service, 'synchronous_standby_names', '');
  const m = /^\s*(?:(?:FIRST|ANY)\s+)?(?:(\d+)\s*\()?\s*([^)]*)\)?\s*$/i.exec(names.value.replace(/^['"]|['"]$/g, ''));
  if (!names.value.trim() || !m) return undefined;
  const list = m[2].split(',').map((n) => n.trim()).filter(Boolean);
  const candidates = list.includes('*') ? replicas : Math.min(list.length, replicas);
  return { required: Number(m[1] ?? 1), candidates, span: names.valueSpan ?? names.span };
}

function singleSyncStandbyRule(ctx: RuleContext, primary: ServiceInfo): void {
  if (primary.role !== 'primary') return;
  const replicas = ctx.model.services.filter((s) => s.role === 'replica' && s.upstream === primary.name);
  const demand = replicas.length ? synchronousDemand(primary, replicas.length) : undefined;
  if (!demand?.span || demand.candidates > demand.required) return;
  const names = replicas.map((r) => `"${r.name}"`).join(', ');
  ctx.report(demand.span, 'warning', 'compose/sync-standby-no-spare', `"${primary.name}" waits for ${demand.required} synchronous standby${demand.required > 1 ? 's' : ''} to confirm every commit and has no spare (${names}): while ${replicas.length > 1 ? 'one of them' : names} is down or being rebuilt, every commit on "${primary.name}" hangs. Add a replica, or wait for fewer.`, { service: primary.name });
}

/**
 * The official entrypoint switches to the postgres user only for a command that starts with `postgres` (or an
 * option); anything else (`bash -c "… postgres"`) runs as given, as root, and postgres refuses to run as root.
 */
function postgresAsRootRule(ctx: RuleContext, service: ServiceInfo): void {
  if (service.family !== 'official' || service.built || (service.user && !/^(root|0)(:|$)/.test(service.user))) return;
  const first = service.command.firstWord;
  const entrypointHandles = !service.command.entrypoint?.length && (first === 'postgres' || first?.startsWith('-'));
  if (service.command.form === 'none' || entrypointHandles) return;
  const call = service.command.calls.find((c) => c.program === 'postgres' && !c.switchesUser);
  if (!call) return;
  ctx.report(call.span, 'error', 'compose/postgres-as-root', `This starts postgres as root: the entrypoint switches to the postgres user only when the command itself starts with postgres, and runs anything else as given. PostgreSQL then stops with ""root" execution of the PostgreSQL server is not permitted". Start it with gosu postgres postgres …, or set user: postgres.`, { service: service.name });
}

export function clusterRules(ctx: RuleContext): void {
  for (const service of ctx.model.services.filter((s) => s.pgRelated)) {
    replicaNotStandbyRule(ctx, service);
    poolNotReplicatedRule(ctx, service);
    singleSyncStandbyRule(ctx, service);
    postgresAsRootRule(ctx, service);
  }
}

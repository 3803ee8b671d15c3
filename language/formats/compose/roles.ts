import { basebackupOption } from './command';
import { envEntry, envValue, type ServiceInfo } from './model';

/** Where a pooler forwards to, from the conventions of PgBouncer and pgpool-II images. */
function poolerUpstream(s: ServiceInfo): string | undefined {
  const env = (n: string) => envValue(s, n);
  const url = env('DATABASE_URL') ?? env('DATABASES');
  const mounted = s.poolerConfig?.routes.find((route) => route.host && route.database !== '*')?.host;
  return mounted ?? env('DB_HOST') ?? env('POSTGRESQL_HOST') ?? env('DATABASES_HOST') ?? (url ? /@([^:/]+)/.exec(url)?.[1] : undefined);
}

/** pg_basebackup in the compose command, else in a mounted start script. */
function assignReplica(s: ServiceInfo): boolean {
  if (s.command.basebackup) {
    const host = basebackupOption(s.command, 'host');
    const slot = basebackupOption(s.command, 'slot');
    const user = basebackupOption(s.command, 'username');
    s.upstream = host?.value ?? envValue(s, 'PGHOST');
    s.upstreamSpan = host?.valueSpan ?? host?.span;
    s.slot = slot?.value;
    s.slotSpan = slot?.valueSpan ?? slot?.span;
    s.replicationUser = user?.value ?? envValue(s, 'PGUSER') ?? 'postgres';
    return true;
  }
  // A host only known at run time (`-h "$leader"`) means the script decides whether this node is a replica.
  const script = s.startup.basebackup;
  if (!script?.host) return false;
  s.upstream = script.host ?? envValue(s, 'PGHOST');
  s.slot = script.slot;
  s.replicationUser = script.user ?? envValue(s, 'PGUSER') ?? 'postgres';
  return true;
}

function assignBitnami(s: ServiceInfo): void {
  const env = (n: string) => envValue(s, n);
  const mode = env('POSTGRESQL_REPLICATION_MODE');
  const primaryHost = env('REPMGR_PRIMARY_HOST');
  const isReplica = mode === 'slave' || (s.flavor === 'bitnami-repmgr' && !!primaryHost && primaryHost !== env('REPMGR_NODE_NETWORK_NAME') && primaryHost !== s.name);
  s.role = isReplica ? 'replica' : 'primary';
  if (!isReplica) return;
  const hostVar = envEntry(s, 'POSTGRESQL_MASTER_HOST') ?? envEntry(s, 'REPMGR_PRIMARY_HOST');
  s.upstream = hostVar?.resolved;
  s.upstreamSpan = hostVar?.valueSpan;
  s.replicationUser = env('POSTGRESQL_REPLICATION_USER') ?? env('REPMGR_USERNAME');
}

/**
 * Whether an official-entrypoint service ends up running the server: no command (the image's), a command for the
 * entrypoint (`postgres …` or options), or a command or mounted script that starts postgres or docker-entrypoint.sh.
 * An entrypoint of its own that runs something else (psql) or a script we cannot read is not known to.
 */
function runsServer(s: ServiceInfo): boolean {
  const viaScript = s.startup.calls.some((c) => c.program === 'postgres') || /\bdocker-entrypoint\.sh\b/.test(s.startup.text);
  if (s.command.entrypoint?.length && !/docker-entrypoint\.sh$/.test(s.command.entrypoint[s.command.entrypoint.length - 1])) {
    return !s.startup.opaque && (s.command.runsPostgres || viaScript);
  }
  if (s.command.form === 'none') return !s.built;
  return s.command.runsPostgres || s.command.firstWord === undefined || viaScript;
}

/** Decides role, upstream and whether the service gets PostgreSQL features at all. */
export function assignRole(s: ServiceInfo): void {
  s.pgRelated = s.family !== 'none' || s.command.calls.some((c) => c.program === 'postgres' || c.program === 'pg_basebackup');
  if (s.family === 'pooler') {
    s.role = 'pooler';
    const host = poolerUpstream(s);
    if (host) s.upstream = host;
    return;
  }
  if (s.family === 'patroni' || s.family === 'autofailover') return;
  if (assignReplica(s)) {
    s.role = 'replica';
    return;
  }
  if (s.family === 'bitnami') assignBitnami(s);
  else if (s.family === 'official' ? runsServer(s) : s.command.runsPostgres) s.role = 'primary';
}

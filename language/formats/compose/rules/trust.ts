import { networkTrustLines } from '../hbaTrust';
import { INITDB_DIR } from '../initScripts';
import { interpolate } from '../interpolate';
import { configInEffect } from './mountedConfigs';
import { envEntry, hasEnv, type ServiceInfo } from '../model';
import { getEntry, type Span } from '../yaml/nodes';
import type { Fix } from '../../../diagnostics';
import type { RuleContext } from './context';

/** Something that lets clients into a service without a password. */
export interface PasswordlessReason {
  span: Span;
  /** Short: what does it (`POSTGRES_HOST_AUTH_METHOD=trust`). */
  what: string;
  /** Only replication connections are trusted: what it opens is a base backup of the whole cluster. */
  replicationOnly: boolean;
  /** The compose/trust-auth message; undefined for a reason reported on another service (a base backup of it). */
  message?: string;
  fixes?: Fix[];
}

const YES = /^(yes|true|1|on)$/i;
const BITNAMI_PASSWORDS = ['POSTGRESQL_PASSWORD', 'POSTGRESQL_PASSWORD_FILE', 'POSTGRESQL_POSTGRES_PASSWORD', 'POSTGRESQL_POSTGRES_PASSWORD_FILE'];
const ANYONE = 'anyone who reaches the port connects as any user, superuser included, without a password';

/** A variable the container gets, from `environment:` (its value's span) or from an `env_file:` (the env_file key's span). */
interface Setting {
  name: string;
  /** After interpolation; undefined when it depends on a variable nothing here sets. */
  value?: string;
  /** As written in `environment:` (undefined for env_file). */
  written?: string;
  defaulted?: string[];
  span: Span;
  /** Span of the value in this file, when a fix can edit it. */
  valueSpan?: Span;
  /** ` (from env_file)` when the value comes from an env_file. */
  from: string;
}

function setting(service: ServiceInfo, name: string): Setting | undefined {
  const entry = envEntry(service, name);
  if (entry) return { name, value: entry.resolved, written: entry.value, defaulted: entry.defaulted, span: entry.valueSpan ?? entry.keySpan, valueSpan: entry.valueSpan, from: '' };
  const envFile = service.envFileVars.has(name) ? getEntry(service.entries, 'env_file') : undefined;
  return envFile && { name, value: service.envFileVars.get(name), span: envFile.keySpan, from: ' (from env_file)' };
}

function authMethodReason(ctx: RuleContext, service: ServiceInfo): PasswordlessReason | undefined {
  const auth = setting(service, 'POSTGRES_HOST_AUTH_METHOD');
  if (auth?.value?.split('\n')[0].trim() !== 'trust') return undefined;
  const defaulted = auth.defaulted?.length ? ` (${auth.written} with ${auth.defaulted.join(', ')} unset: .env does not set it)` : auth.from;
  const literal = auth.written?.trim() === 'trust';
  const fixed = literal ? 'scram-sha-256' : auth.written && auth.defaulted?.length ? JSON.stringify(auth.written.replace(/:?-trust\}/, ':-scram-sha-256}')) : undefined;
  return {
    span: auth.span,
    what: 'POSTGRES_HOST_AUTH_METHOD=trust',
    replicationOnly: false,
    message: `POSTGRES_HOST_AUTH_METHOD is trust${defaulted}: when the entrypoint initialises the data directory it adds "host all all all trust" to pg_hba.conf, so ${ANYONE}.`,
    fixes: fixed && auth.valueSpan ? [{ title: 'Use scram-sha-256', edits: [ctx.edit(auth.valueSpan, fixed)] }] : undefined,
  };
}

/** Bitnami goes passwordless only when ALLOW_EMPTY_PASSWORD=yes and no password is given at all. */
function emptyPasswordReason(service: ServiceInfo): PasswordlessReason | undefined {
  if (service.family !== 'bitnami') return undefined;
  const allow = setting(service, 'ALLOW_EMPTY_PASSWORD');
  if (!allow || !YES.test(allow.value ?? '') || BITNAMI_PASSWORDS.some((n) => hasEnv(service, n))) return undefined;
  return {
    span: allow.span,
    what: 'ALLOW_EMPTY_PASSWORD=yes without a password',
    replicationOnly: false,
    message: `ALLOW_EMPTY_PASSWORD=yes${allow.from} and no POSTGRESQL_PASSWORD: Bitnami starts PostgreSQL without any password, so ${ANYONE}.`,
  };
}

/** Bitnami repmgr: REPMGR_PGHBA_TRUST_ALL=yes keeps the trust lines of the pg_hba.conf it generates instead of restricting them. */
function repmgrTrustAllReason(service: ServiceInfo): PasswordlessReason | undefined {
  const all = service.family === 'bitnami' ? setting(service, 'REPMGR_PGHBA_TRUST_ALL') : undefined;
  if (!all || !YES.test(all.value ?? '')) return undefined;
  return {
    span: all.span,
    what: 'REPMGR_PGHBA_TRUST_ALL=yes',
    replicationOnly: false,
    message: `REPMGR_PGHBA_TRUST_ALL=yes${all.from}: Bitnami leaves "trust" for every host in the pg_hba.conf it writes (it only restricts it to passwords when this is no), so ${ANYONE}, whatever passwords are set.`,
  };
}

function settingIs(service: ServiceInfo, names: string[], value: string): Setting | undefined {
  return names.map((n) => setting(service, n)).find((e) => e?.value?.trim().toLowerCase() === value);
}

function poolerReason(service: ServiceInfo): PasswordlessReason | undefined {
  if (service.family !== 'pooler') return undefined;
  const bouncer = settingIs(service, ['PGBOUNCER_AUTH_TYPE', 'AUTH_TYPE'], 'trust');
  if (bouncer) {
    return {
      span: bouncer.span,
      what: `${bouncer.name}=trust`,
      replicationOnly: false,
      message: `${bouncer.name}=trust${bouncer.from}: PgBouncer asks clients for no password, so anyone who reaches its port connects as any user it knows, and PgBouncer logs in to PostgreSQL for them.`,
    };
  }
  const pgpool = settingIs(service, ['PGPOOL_AUTHENTICATION_METHOD'], 'trust');
  if (!pgpool || /^(no|false|0|off)$/i.test(setting(service, 'PGPOOL_ENABLE_POOL_HBA')?.value ?? 'yes')) return undefined;
  return {
    span: pgpool.span,
    what: 'PGPOOL_AUTHENTICATION_METHOD=trust',
    replicationOnly: false,
    message: `PGPOOL_AUTHENTICATION_METHOD=trust${pgpool.from}: Bitnami writes "host all all all trust" into pgpool's pool_hba.conf, so anyone who reaches its port connects without a password (recent images keep one for PGPOOL_POSTGRES_USERNAME only), and pgpool-II logs in to PostgreSQL for them.`,
  };
}

/** pg_auto_failover: `--auth trust` on the command line, or PG_AUTOCTL_AUTH_METHOD=trust. */
function autoctlReasons(ctx: RuleContext, service: ServiceInfo): PasswordlessReason[] {
  const reasons: PasswordlessReason[] = [];
  if (service.family !== 'autofailover') return reasons;
  const message = 'pg_auto_failover writes its pg_hba.conf entries with trust: every host it lets in (the other nodes, and the whole local network with --pg-hba-lan) connects as any user without a password.';
  for (const call of service.command.calls.filter((c) => c.program === 'pg_autoctl')) {
    const at = call.words.findIndex((w) => /^--auth(=|$)/.test(w.text));
    const word = call.words[at]?.text === '--auth' ? call.words[at + 1] : call.words[at];
    const method = word && interpolate(word.text.replace(/^--auth=/, ''), ctx.model.variables).value;
    if (word && method === 'trust') reasons.push({ span: { start: call.words[at].start, end: word.end }, what: 'pg_autoctl --auth trust', replicationOnly: false, message });
  }
  const env = settingIs(service, ['PG_AUTOCTL_AUTH_METHOD'], 'trust');
  if (env) reasons.push({ span: env.span, what: 'PG_AUTOCTL_AUTH_METHOD=trust', replicationOnly: false, message });
  return reasons;
}

/** trust for other hosts in a mounted pg_hba.conf, in lines an init script appends, or after a newline in POSTGRES_HOST_AUTH_METHOD. */
function hbaReasons(ctx: RuleContext, service: ServiceInfo): PasswordlessReason[] {
  const inEffect = service.init.trust.filter(({ volume }) => volume.target.startsWith(INITDB_DIR) || configInEffect(ctx, service, volume.target));
  const reasons = inEffect.map(({ volume, file, lines }): PasswordlessReason => {
    const first = lines.find((l) => !l.replicationOnly) ?? lines[0];
    const others = lines.length > 1 ? ` (and ${lines.length - 1} more trust line${lines.length > 2 ? 's' : ''})` : '';
    const opens = first.replicationOnly ? `anyone who reaches the server from ${first.address} can copy the whole cluster with pg_basebackup` : `anyone who reaches the server from ${first.address} connects without a password`;
    return { span: volume.span, what: `"${first.text}" in ${file}`, replicationOnly: lines.every((l) => l.replicationOnly), message: `${file} line ${first.line} is "${first.text}"${others}: ${opens}.` };
  });
  const auth = envEntry(service, 'POSTGRES_HOST_AUTH_METHOD');
  const extra = auth?.resolved?.includes('\n') ? networkTrustLines(auth.resolved.split('\n').slice(1).join('\n')) : [];
  if (auth && extra.length) {
    reasons.push({ span: auth.valueSpan ?? auth.keySpan, what: `"${extra[0].text}" in POSTGRES_HOST_AUTH_METHOD`, replicationOnly: extra.every((l) => l.replicationOnly), message: `POSTGRES_HOST_AUTH_METHOD adds the pg_hba.conf line "${extra[0].text}": clients from ${extra[0].address} connect without a password.` });
  }
  return reasons;
}

/** Variables that can open a service without a password; a service with none of them (and no trust line) has no reason. */
const TRUST_VARIABLES = new Set(['POSTGRES_HOST_AUTH_METHOD', 'ALLOW_EMPTY_PASSWORD', 'REPMGR_PGHBA_TRUST_ALL', 'PGBOUNCER_AUTH_TYPE', 'AUTH_TYPE', 'PGPOOL_AUTHENTICATION_METHOD', 'PG_AUTOCTL_AUTH_METHOD']);
const setsTrustVariable = (s: ServiceInfo) => s.env.some((e) => TRUST_VARIABLES.has(e.name)) || (s.envFileVars.size > 0 && [...s.envFileVars.keys()].some((n) => TRUST_VARIABLES.has(n)));
const NONE: PasswordlessReason[] = [];

/** Why a service accepts connections without a password (its own settings only). */
export function ownPasswordlessReasons(ctx: RuleContext, service: ServiceInfo): PasswordlessReason[] {
  if (!service.init.trust.length && service.family !== 'autofailover' && !setsTrustVariable(service)) return NONE;
  const key = `passwordless\0${service.name}`;
  if (!ctx.memo.has(key)) {
    const env = authMethodReason(ctx, service);
    // POSTGRES_HOST_AUTH_METHOD=trust already says it; a mounted file or script trusting too is the same finding.
    const reasons = [env, emptyPasswordReason(service), repmgrTrustAllReason(service), poolerReason(service), ...autoctlReasons(ctx, service), ...(env ? [] : hbaReasons(ctx, service))];
    ctx.memo.set(key, reasons.filter((r): r is PasswordlessReason => !!r));
  }
  return ctx.memo.get(key) as PasswordlessReason[];
}

/** Own reasons, or those of the primary a replica is a base backup of (its pg_hba.conf is a copy, unless one is mounted). */
export function passwordlessReasons(ctx: RuleContext, service: ServiceInfo): PasswordlessReason[] {
  const own = ownPasswordlessReasons(ctx, service);
  const upstream = service.upstream ? ctx.model.byName.get(service.upstream) : undefined;
  const copy = service.role === 'replica' && service.family === 'official' && !service.init.customHba && upstream && upstream !== service;
  if (own.length || !copy) return own;
  return ownPasswordlessReasons(ctx, upstream).map((r) => ({ ...r, what: `a base backup of "${upstream.name}", whose ${r.what}`, message: undefined, fixes: undefined }));
}

/** compose/trust-auth: every route to passwordless connections, where the file says it. */
export function trustRules(ctx: RuleContext): void {
  for (const service of ctx.model.services.filter((s) => s.pgRelated)) {
    for (const reason of ownPasswordlessReasons(ctx, service)) {
      if (reason.message) ctx.report(reason.span, 'warning', 'compose/trust-auth', reason.message, { service: service.name, fixes: reason.fixes });
    }
  }
}

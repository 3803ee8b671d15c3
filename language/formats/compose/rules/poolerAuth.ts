/**
 * compose/pooler-login-fails: a PgBouncer of the stack that cannot log its clients in to the primary it sends
 * them to, because of the secret it holds for a user against what the server stores and asks for (PgBouncer's
 * auth_type × its auth_file or auth_query × password_encryption × the server's pg_hba.conf method; the outcomes
 * are measured with the real programs, ../../pgbouncer/authOutcome.ts). Only what the files tell is judged: the
 * mounted pgbouncer.ini and the userlist mounted beside it, or the edoburu/pgbouncer environment (it writes an md5
 * secret unless AUTH_TYPE is plain or scram-sha-256); on the server side an official image with a known major,
 * users the files create (POSTGRES_USER, roles of init scripts) and a pg_hba.conf that is the image's default
 * or a mounted one that decides. Anything else stays quiet.
 */
import * as path from 'path';
import type { PoolerRoute } from '../../../../core/model/topology';
import { firstMatch } from '../../pghba/match';
import { authFileUsers } from '../../pgbouncer/authFile';
import { defaultPasswordEncryption, loginFailure, secretKind, storedKind, type LoginFailure, type SecretKind } from '../../pgbouncer/authOutcome';
import { parseIni } from '../../pgbouncer/parser';
import { readSmallFile } from '../files';
import { hostPath } from '../launchFields';
import { envValue, hasEnv, type ServiceInfo } from '../model';
import { pgbouncerEnvRoutes, serviceContract } from '../pgbouncerEnv';
import type { RuleContext } from './context';
import { effectiveSetting } from './effective';
import { judgesMounts, mountedConfigSetting } from './mountedConfigs';
import { keptRules } from './mountedHba';

/** What the pooler's files tell about its logins. */
interface PoolerSide {
  authType: string;
  users: Map<string, SecretKind>;
  routes: PoolerRoute[];
  /** Where the secrets come from, for messages. */
  source: string;
}

/** The [pgbouncer] settings of an ini (last value wins); undefined when an %include may change them. */
function mainSettings(text: string): Map<string, string> | undefined {
  const settings = new Map<string, string>();
  let section = '';
  for (const item of parseIni(text).items) {
    if (item.kind === 'include') return undefined;
    if (item.kind === 'section') section = item.name.text;
    else if (item.kind === 'setting' && section === 'pgbouncer') settings.set(item.key.text.toLowerCase(), item.value.text);
  }
  return settings;
}

/** The host file bind-mounted at `target` in the container (the file itself or a folder holding it). */
function hostFileAt(ctx: RuleContext, service: ServiceInfo, target: string): string | undefined {
  for (const volume of service.volumes) {
    const mounted = volume.target.replace(/\/+$/, '');
    if (volume.type !== 'bind' || !volume.source || !ctx.model.composeDir) continue;
    if (mounted === target) return hostPath(volume.source, ctx.model.composeDir);
    if (target.startsWith(`${mounted}/`)) return path.join(hostPath(volume.source, ctx.model.composeDir), target.slice(mounted.length + 1));
  }
  return undefined;
}

function mountedSide(ctx: RuleContext, pooler: ServiceInfo): PoolerSide | undefined {
  const config = pooler.poolerConfig;
  const text = config && readSmallFile(ctx.fs, config.path);
  const settings = text === undefined ? undefined : mainSettings(text);
  const authFile = settings?.get('auth_file');
  if (!config || !settings || !authFile?.startsWith('/')) return undefined;
  const file = hostFileAt(ctx, pooler, authFile);
  const userlist = file ? readSmallFile(ctx.fs, file) : undefined;
  if (!file || userlist === undefined) return undefined;
  const users = new Map([...authFileUsers(userlist)].map(([user, secret]) => [user, secretKind(secret)]));
  return { authType: settings.get('auth_type') ?? 'md5', users, routes: config.routes, source: path.basename(file) };
}

/** edoburu/pgbouncer from its environment: DB_USER's password goes to userlist.txt, as an md5 secret unless AUTH_TYPE is plain or scram-sha-256. */
function environmentSide(pooler: ServiceInfo): PoolerSide | undefined {
  if (pooler.poolerConfig || serviceContract(pooler) !== 'edoburu' || pooler.command.words.slice(1).some((w) => !w.text.startsWith('-'))) return undefined;
  if (pooler.volumes.some((v) => v.target.startsWith('/etc/pgbouncer'))) return undefined; // a mounted userlist keeps its own secrets
  const env = (name: string) => envValue(pooler, name);
  const url = /^[a-z]+:\/\/([^:@/]*)(?::([^@/]*))?@/i.exec(env('DATABASE_URL') ?? '');
  const user = url?.[1] || env('DB_USER');
  const hasPassword = Boolean(url?.[2] || env('DB_PASSWORD') || hasEnv(pooler, 'DB_PASSWORD_FILE'));
  if (!user || !hasPassword || user.includes('$')) return undefined;
  const authType = env('AUTH_TYPE') || 'md5';
  const secret: SecretKind = ['plain', 'scram-sha-256'].includes(authType) ? 'plain' : 'md5';
  const routes = pgbouncerEnvRoutes(env, [...pooler.env.map((e) => e.name), ...pooler.envFileVars.keys()], 'edoburu');
  return { authType, users: new Map([[user, secret]]), routes, source: 'the userlist.txt edoburu/pgbouncer writes from DB_PASSWORD' };
}

/** password_encryption in effect: the command line, else the mounted postgresql.conf, else the major's default. */
function passwordEncryption(ctx: RuleContext, server: ServiceInfo & { major: number }): string {
  const fallback = mountedConfigSetting(ctx, server, 'password_encryption')?.value ?? defaultPasswordEncryption(server.major);
  return effectiveSetting(server, 'password_encryption', fallback).value;
}

/** What the server stores for `user`: POSTGRES_USER gets initdb's default (the major's), roles of init scripts the setting in effect. */
function storedFor(ctx: RuleContext, server: ServiceInfo & { major: number }, user: string): ReturnType<typeof storedKind> {
  const created = server.init.roles.includes(user.toLowerCase());
  if (created) return storedKind(passwordEncryption(ctx, server));
  if (user !== (envValue(server, 'POSTGRES_USER') || 'postgres') || /password_encryption/.test(envValue(server, 'POSTGRES_INITDB_ARGS') ?? '')) return undefined;
  return storedKind(defaultPasswordEncryption(server.major));
}

/** The pg_hba.conf method for PgBouncer's connection: a mounted file's deciding line, else the image's `host all all all` line. */
function methodFor(ctx: RuleContext, server: ServiceInfo & { major: number }, user: string, database: string | undefined): string | undefined {
  if (server.init.scripts.some((s) => s.text === undefined || s.text.includes('pg_hba'))) return undefined;
  if (!server.init.customHba) return envValue(server, 'POSTGRES_HOST_AUTH_METHOD') || passwordEncryption(ctx, server);
  const files = server.init.hbaFiles ?? [];
  const rules = files.length === 1 ? keptRules(files[0], ctx, server) : undefined;
  return rules && firstMatch([...rules.keys()], { user, database, replication: false, from: 'stack-network' }).decided?.method;
}

function judge(ctx: RuleContext, pooler: ServiceInfo, side: PoolerSide): void {
  for (const route of side.routes) {
    const server = route.host ? ctx.model.byName.get(route.host) : undefined;
    if (!server || server.role !== 'primary' || server.major === undefined || !judgesMounts(server)) continue;
    const known = server as ServiceInfo & { major: number };
    const database = route.dbname ?? (route.database === '*' ? undefined : route.database);
    const users = route.user ? [...side.users].filter(([user]) => user === route.user) : [...side.users];
    const failing = new Map<string, { failure: LoginFailure; users: string[] }>();
    for (const [user, secret] of users) {
      const failure = loginFailure({ authType: side.authType, secret, stored: storedFor(ctx, known, user), method: methodFor(ctx, known, user, database) });
      if (failure) failing.set(failure.message, { failure, users: [...(failing.get(failure.message)?.users ?? []), user] });
    }
    for (const { failure, users: names } of failing.values()) report(ctx, pooler, server, route, side, failure, names);
  }
}

function report(ctx: RuleContext, pooler: ServiceInfo, server: ServiceInfo, route: PoolerRoute, side: PoolerSide, failure: LoginFailure, users: string[]): void {
  const shown = users.slice(0, 3).map((u) => `"${u}"`).join(', ') + (users.length > 3 ? ` and ${users.length - 3} more` : '');
  const said = failure.message.replace('%u', users[0]);
  const who = failure.side === 'pgbouncer' ? `"${pooler.name}" itself refuses` : `"${server.name}" refuses "${pooler.name}"'s login for`;
  const message = `${who} ${shown} (auth_type ${side.authType}, secrets from ${side.source}; entry "${route.database}"): clients get "FATAL:  ${said}". ${failure.why[0].toUpperCase()}${failure.why.slice(1)}. Fix: ${failure.fix}.`;
  ctx.report(pooler.nameSpan, 'warning', 'compose/pooler-login-fails', message, { service: pooler.name }, `${route.database}/${failure.message}`);
}

export function poolerAuthRules(ctx: RuleContext): void {
  for (const pooler of ctx.model.services) {
    if (pooler.flavor !== 'pgbouncer' || pooler.built) continue;
    const side = mountedSide(ctx, pooler) ?? environmentSide(pooler);
    if (side) judge(ctx, pooler, side);
  }
}

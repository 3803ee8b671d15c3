/**
 * Failover follows into the poolers: after a promotion every PgBouncer of the stack whose mounted pgbouncer.ini
 * sends databases to a former primary (or any other node but the new one) gets those entries pointed at the new
 * primary, then RELOAD (PgBouncer reconnects changed databases) and RECONNECT (server connections opened to the
 * old host are closed as soon as they are released). A pooler that cannot be reached is a warning, never a
 * failed promotion.
 */
import * as fs from 'fs';
import type { Topology } from '../../core/model/topology';
import { readBoundedText } from '../../core/nodeFileSystem';
import { repointPgbouncer } from '../../language/formats/pgbouncer/routes';
import { poolerCommands, poolerPort, type PoolerTarget } from '../monitor/pooler';
import type { NodeTarget } from '../monitor/types';
import type { ActionContext, ActionLog } from './context';
import { generatedConfigPath, keptOnRestart, readInContainer, writeInContainer } from './poolerContainer';

/** A pooler failover re-points: its configuration file (on this machine, or inside its container) and its admin console. */
export interface PoolerFollower {
  service: string;
  configPath: string;
  /** The file is the one the image's entrypoint generated inside the container from its environment (./poolerContainer.ts). */
  inContainer?: boolean;
  admin: PoolerTarget;
}

/** Reads and rewrites pooler configuration files. Writes go in place: a single-file bind mount keeps the inode it was given. */
export interface PoolerFiles {
  read(path: string): string | undefined;
  write(path: string, text: string): void;
}

const MAX_CONFIG_BYTES = 1 << 20;

export const nodePoolerFiles: PoolerFiles = {
  read: (path) => readBoundedText(path, MAX_CONFIG_BYTES),
  write: (path, text) => fs.writeFileSync(path, text),
};

/**
 * The poolers of a stack failover can re-point: PgBouncer services with a port published on this machine and a
 * mounted pgbouncer.ini, or one their image generates from its environment (rewritten inside the container);
 * `login` gives the admin console user (one of its admin_users) and password.
 */
export function poolerFollowersOf(topology: Topology, login: (service: string) => { user: string; password?: string }): PoolerFollower[] {
  const followers: PoolerFollower[] = [];
  for (const service of topology.services) {
    const port = poolerPort(service);
    if (port === undefined || (!service.poolerConfig && !service.routes?.length)) continue;
    const admin = { service: service.name, host: '127.0.0.1', port, ...login(service.name) };
    followers.push(service.poolerConfig ? { service: service.name, configPath: service.poolerConfig.path, admin } : { service: service.name, configPath: generatedConfigPath(service), inContainer: true, admin });
  }
  return followers;
}

/** Points every pooler of `ctx.poolers` away from `formerHosts` at `newPrimary`. */
export async function followPoolers(ctx: ActionContext, log: ActionLog, newPrimary: string, formerHosts: readonly string[]): Promise<void> {
  const files = ctx.poolerFiles ?? nodePoolerFiles;
  for (const pooler of ctx.poolers ?? []) {
    const where = pooler.inContainer ? `${pooler.configPath} in its container` : pooler.configPath;
    const text = pooler.inContainer ? await readInContainer(ctx.control, pooler.service, pooler.configPath) : files.read(pooler.configPath);
    if (text === undefined) {
      log.warn(`${pooler.service}: cannot read ${where}; point its databases at ${newPrimary} yourself`);
      continue;
    }
    const next = repointPgbouncer(text, formerHosts, { host: newPrimary });
    if (next === undefined) continue;
    try {
      if (pooler.inContainer) await writeInContainer(ctx.control, pooler.service, pooler.configPath, keptOnRestart(next, newPrimary));
      else files.write(pooler.configPath, next);
    } catch (error) {
      log.warn(`${pooler.service}: cannot rewrite ${where} (${(error as Error).message}); point its databases at ${newPrimary} yourself`);
      continue;
    }
    await reloadPooler(log, pooler, newPrimary, where);
  }
}

async function reloadPooler(log: ActionLog, pooler: PoolerFollower, newPrimary: string, where: string): Promise<void> {
  try {
    await poolerCommands(pooler.admin, ['RELOAD']);
    await poolerCommands(pooler.admin, ['RECONNECT']).catch(() => undefined);
    log.step(`${pooler.service} sends its databases to ${newPrimary} (${where} rewritten, RELOAD)`);
  } catch (error) {
    log.warn(`${pooler.service}: ${where} now names ${newPrimary}, but RELOAD failed (${(error as Error).message}); reload PgBouncer yourself`);
  }
}

/**
 * Every name under which a pooler may reach a former primary (services and their aliases): the given ones, else
 * the nodes the model or the history calls primary; never the new primary. Entries sent to replicas stay.
 */
export function formerHostsOf(ctx: ActionContext, newPrimary: string, formerPrimaries?: readonly string[]): string[] {
  const recorded = ctx.history?.read().primary;
  const former = (service: string) => (formerPrimaries ? formerPrimaries.includes(service) : ctx.targets.find((t) => t.service === service)?.expectedRole === 'primary' || recorded === service);
  return ctx.targets.filter((t) => t.service !== newPrimary && former(t.service)).flatMap((t) => [t.service, ...t.aliases]);
}

/**
 * The admin-console login pgha uses for a stack's poolers: the stack's PostgreSQL login (the primary's, else the
 * first node's), which must be one of the pooler's admin_users with a password in its auth_file.
 */
export function stackAdminLogin(targets: readonly NodeTarget[]): () => { user: string; password?: string } {
  const login = targets.find((t) => t.expectedRole === 'primary') ?? targets[0];
  return () => ({ user: login?.user ?? 'postgres', password: login?.password });
}

/**
 * The roles and physical slots a service's init scripts create, as the replication rules need them. Once
 * PostgreSQL's parser is loaded and every script parsed, they come from the parse (a statement in a comment or a
 * string is not one, `NOREPLICATION` after `REPLICATION` wins), plus what the text scan finds inside DO blocks and
 * function bodies, which the parse does not enter. Before that, or when a script could not be parsed (shell-expanded
 * SQL, an unreadable script), the text scan of the whole scripts.
 */
import { scanSql, type InitFacts } from '../initScripts';
import type { ServiceInfo } from '../model';
import type { RuleContext } from './context';
import { serviceSql } from './logical/serviceSql';

export type InitRoles = Pick<InitFacts, 'roles' | 'replicationRoles' | 'createdSlots'>;

export function initRoles(ctx: RuleContext, service: ServiceInfo): InitRoles {
  const key = `init-roles\0${service.name}`;
  if (!ctx.memo.has(key)) ctx.memo.set(key, readInitRoles(ctx, service));
  return ctx.memo.get(key) as InitRoles;
}

function readInitRoles(ctx: RuleContext, service: ServiceInfo): InitRoles {
  const sql = serviceSql(ctx.sql, service);
  if (!sql || sql.incomplete) return service.init;
  const { facts } = sql;
  const inBodies: InitFacts = { scripts: [], unreadable: false, createdSlots: [], replicationRoles: [], roles: [], hbaReplication: false, customHba: false, hbaReplicationMethods: [], trust: [] };
  for (const body of facts.bodies) scanSql(body, inBodies);
  return {
    roles: [...facts.roles, ...inBodies.roles],
    replicationRoles: [...facts.replicationRoles, ...inBodies.replicationRoles],
    createdSlots: [...facts.physicalSlots, ...inBodies.createdSlots],
  };
}

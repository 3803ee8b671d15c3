/**
 * How a new or rejoining standby logs in for replication: the compose model's replication credentials (pgpass
 * secret, *_FILE, environment), else what an existing standby's primary_conninfo holds, else the superuser's.
 */
import type { NodeTarget } from '../monitor/types';
import { parseConninfo } from '../../core/conninfo';
import type { ActionContext } from './context';

/**
 * Shell lines for helper containers: the password comes only from PGPASSWORD (a stray PGPASSFILE cannot
 * answer instead), and no tool may prompt (pair with -w and </dev/null).
 */
export const NON_INTERACTIVE_LOGIN = String.raw`export PGPASSFILE=/dev/null
unset PGPASSWORD
if [ -n "$PGHA_PASSWORD" ]; then export PGPASSWORD="$PGHA_PASSWORD"; fi`;

export interface ReplicationLogin {
  /** libpq options (user, password when known, others kept from the existing conninfo); host/port are set later. */
  conn: Map<string, string>;
  /** Where the login came from, for progress and error messages (never the password). */
  source: string;
}

export function replicationLogin(ctx: ActionContext, primaryTarget: NodeTarget, existing?: { text: string; from: string }): ReplicationLogin {
  const known = [primaryTarget.replication, ...ctx.targets.map((t) => t.replication)].find((c) => c?.password !== undefined) ?? primaryTarget.replication;
  const conn = existing ? parseConninfo(existing.text) : new Map<string, string>();
  if (known?.password !== undefined) {
    conn.delete('passfile');
    conn.set('user', known.user);
    conn.set('password', known.password);
    return { conn, source: known.source };
  }
  if (existing && conn.has('password')) return { conn, source: `primary_conninfo of ${existing.from}` };
  if (known) {
    conn.set('user', known.user);
    return { conn, source: known.source };
  }
  if (existing && conn.has('user')) return { conn, source: `primary_conninfo of ${existing.from}, which holds no password` };
  return { conn: new Map([['user', primaryTarget.user], ['password', primaryTarget.password ?? '']]), source: `the superuser login of ${primaryTarget.service}` };
}

/** A failed base backup explained: what went wrong and where the credentials came from. */
export function baseBackupError(error: unknown, user: string, hasPassword: boolean, source: string): Error {
  const text = error instanceof Error ? error.message : String(error);
  if (/no password supplied|password authentication failed|authentication failed/i.test(text)) {
    const why = hasPassword ? `the password from ${source} was refused` : `no password was found (${source})`;
    return new Error(
      `pg_basebackup could not log in as '${user}': ${why}. Give the replicas their replication password in the compose file (PGPASSWORD or POSTGRES_REPLICATION_PASSWORD, a *_FILE secret, or a pgpass secret).\n${text}`,
    );
  }
  return error instanceof Error ? error : new Error(text);
}

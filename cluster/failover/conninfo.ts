/** primary_conninfo edits of failover actions; the libpq rules themselves live in core/conninfo.ts. */
import { formatConninfo, parseConninfo } from '../../core/conninfo';
import { gucLine } from '../../core/guc';

/** The replica's conninfo aimed at another upstream: host/port replaced, credentials and options kept. */
export function repointConninfo(current: string, host: string, port: number, applicationName: string): string {
  const values = parseConninfo(current);
  values.set('host', host);
  values.set('port', String(port));
  values.delete('hostaddr');
  if (!values.has('application_name')) values.set('application_name', applicationName);
  return formatConninfo(values);
}

/**
 * Environment of the helper-container scripts that make a data directory a standby of `conn`'s server:
 * PGHA_REPLICATION (conninfo without the password, for pg_basebackup -d), PGHA_PASSWORD (its PGPASSWORD), and
 * the two lines appended to postgresql.auto.conf — the conninfo quoted for libpq, then for the config file.
 */
export function standbyEnvironment(conn: Map<string, string>, slot: string): Record<string, string> {
  return {
    PGHA_REPLICATION: formatConninfo([...conn].filter(([key]) => key !== 'password')),
    PGHA_PASSWORD: conn.get('password') ?? '',
    PGHA_SLOT: slot,
    PGHA_CONNINFO_LINE: gucLine('primary_conninfo', formatConninfo(conn)),
    PGHA_SLOT_LINE: gucLine('primary_slot_name', slot),
  };
}

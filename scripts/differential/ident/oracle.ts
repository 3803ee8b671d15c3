/**
 * Asks a real PostgreSQL what it makes of a pg_ident.conf. 15+: `pg_ident_file_mappings` (re-reads the file on
 * every query). 13/14 have no such view: the file is loaded by a reload, and the server log holds one message per
 * rejected line (with the line in its context where PostgreSQL gives one). A last line that is always wrong makes
 * every reload end with "pg_ident.conf was not reloaded": the sign the reload is done.
 */
import * as path from 'path';
import type { Client } from 'pg';
import { pollUntil } from '../../../core/poll';
import { removeDataDir, type Major, type RunningServer } from '../../pg/embedded';
import { startOracleServer, writeOwned } from '../hba/oracle';

/** One row of pg_ident_file_mappings (15+). */
export interface PostgresMapping {
  file: string;
  line: number;
  error: string | null;
  map: string | null;
  systemUser: string | null;
  databaseUser: string | null;
}

/** One message of a 13/14 reload: the line when its context names one. */
export interface LoggedError {
  message: string;
  line?: number;
}

/** The line appended on 13/14 so that every reload fails (and says so): one field, "missing entry at end of line". */
export const SENTINEL = 'pgha_reload_sentinel';

export interface IdentOracle {
  major: Major;
  dataDir: string;
  identFile: string;
  /** 15+: the view's rows for `files` (names relative to the data directory; `pg_ident.conf` is the main file). */
  mappings(files: Record<string, string>): Promise<PostgresMapping[]>;
  /** 13/14: what a reload logs for `files` (the sentinel's own message removed). */
  reloadErrors(files: Record<string, string>): Promise<LoggedError[]>;
  close(): Promise<void>;
}

/** The LOG/CONTEXT pairs of a piece of server log. */
export function loggedErrors(log: string): LoggedError[] {
  const errors: LoggedError[] = [];
  for (const raw of log.split('\n')) {
    const match = /\b(LOG|CONTEXT): {2}(.*)$/.exec(raw);
    if (!match) continue;
    if (match[1] === 'LOG') errors.push({ message: match[2] });
    else {
      const line = /^line (\d+) of configuration file/.exec(match[2]);
      if (line && errors.length) errors[errors.length - 1].line = Number(line[1]);
    }
  }
  return errors;
}

async function reloadErrors(server: RunningServer, client: Client, identFile: string, counter: { n: number }): Promise<LoggedError[]> {
  const marker = `pgha-ident-marker-${++counter.n}`;
  await client.query(`DO $$ BEGIN RAISE LOG '${marker}'; END $$`);
  await client.query('SELECT pg_reload_conf()');
  const piece = await pollUntil(
    () => {
      const log = server.log();
      const at = log.lastIndexOf(marker);
      const after = at < 0 ? '' : log.slice(at);
      return after.includes('pg_ident.conf was not reloaded') ? after : undefined;
    },
    { what: `the reload of ${identFile}`, timeoutMs: 30_000, intervalMs: 20 },
  );
  const errors = loggedErrors(piece.slice(0, piece.indexOf('pg_ident.conf was not reloaded')));
  return errors.filter((e) => e.message !== '' && !e.message.includes(marker) && !e.message.startsWith('received SIGHUP'));
}

export async function createIdentOracle(major: Major): Promise<IdentOracle> {
  const { dataDir, server: running, client: connected } = await startOracleServer(major, {});
  const identFile = path.join(dataDir, 'pg_ident.conf');
  const counter = { n: 0 };
  const write = (files: Record<string, string>) => {
    for (const [name, text] of Object.entries(files)) writeOwned(path.join(dataDir, name), text);
  };
  return {
    major,
    dataDir,
    identFile,
    async mappings(files) {
      write(files);
      const fileColumn = major >= 16 ? 'file_name' : `'${identFile.replace(/'/g, "''")}'`;
      const result = await connected.query<{ file: string; line: number; error: string | null; map: string | null; sys: string | null; pg: string | null }>(
        `SELECT ${fileColumn} AS file, line_number AS line, error, map_name AS map, sys_name AS sys, pg_username AS pg FROM pg_ident_file_mappings`,
      );
      return result.rows.map((r) => ({ file: r.file, line: Number(r.line), error: r.error, map: r.map, systemUser: r.sys, databaseUser: r.pg }));
    },
    async reloadErrors(files) {
      const main = files['pg_ident.conf'] ?? '';
      write({ ...files, 'pg_ident.conf': `${main}${main.endsWith('\n') || main === '' ? '' : '\n'}${SENTINEL}\n` });
      const errors = await reloadErrors(running, connected, identFile, counter);
      const sentinelLine = main.split('\n').length + (main.endsWith('\n') || main === '' ? 0 : 1);
      return errors.filter((e) => !(e.message.includes('missing entry') && (e.line === sentinelLine || e.message.endsWith(`at end of line ${sentinelLine}`))));
    },
    async close() {
      await connected.end().catch(() => {});
      await running.stop();
      removeDataDir(dataDir);
    },
  };
}

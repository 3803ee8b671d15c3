/**
 * Asks a real PostgreSQL what it makes of a pg_hba.conf: one running server per major, the file rewritten in
 * its data directory, then `pg_hba_file_rules` (which re-reads the file on every query, no reload needed).
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import type { Client } from 'pg';
import { makeDataDir, postgresUser, removeDataDir, startServer, type Major, type RunningServer } from '../../pg/embedded';

/** One row of pg_hba_file_rules. */
export interface PostgresRule {
  /** Absolute path of the file the line is in (16+; the main file before). */
  file: string;
  line: number;
  /** The view's error column (null when the line loaded, or when PostgreSQL rejected it without a message). */
  error: string | null;
  /** False when PostgreSQL could not turn the line into a rule (type column null). */
  parsed: boolean;
  /** What PostgreSQL logged about the line (its DEBUG3 reports while filling the view): the only message when `error` is null. */
  logged: string[];
}

interface Notice {
  message?: string;
  where?: string;
}

const CONTEXT = /^line (\d+) of configuration file "(.*)"$/;

/** The logged reports of the view's read, by `file:line` (from their context). */
function byLine(notices: Notice[]): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const notice of notices) {
    const match = CONTEXT.exec(notice.where?.split('\n')[0] ?? '');
    if (!match || notice.message === undefined) continue;
    const key = `${match[2]}:${match[1]}`;
    map.set(key, [...(map.get(key) ?? []), notice.message]);
  }
  return map;
}

export interface HbaOracle {
  major: Major;
  /** The data directory: the hba file and any file it includes live here. */
  dataDir: string;
  /** Absolute path of the hba file the server reads. */
  hbaFile: string;
  /** Writes `files` (names relative to the data directory; `pg_hba.conf` is the main file) and reads the view. */
  rules(files: Record<string, string>): Promise<PostgresRule[]>;
  /** Removes what `rules` wrote besides the main file. */
  clean(names: string[]): void;
  close(): Promise<void>;
}

/** Writes a file into the oracle's data directory, owned by the server's account. */
export function writeOwned(file: string, text: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
  const user = postgresUser();
  if (user) fs.chownSync(file, user.uid, user.gid);
}

/** A self-signed certificate for `ssl = on` (needs the openssl program); false when it cannot be made. */
function makeCertificate(dataDir: string): boolean {
  const made = spawnSync('openssl', ['req', '-new', '-x509', '-days', '2', '-nodes', '-subj', '/CN=pgha-differential', '-newkey', 'rsa:2048', '-keyout', 'server.key', '-out', 'server.crt'], {
    cwd: dataDir,
    encoding: 'utf8',
  });
  if (made.status !== 0) return false;
  const user = postgresUser();
  for (const name of ['server.key', 'server.crt']) {
    const file = path.join(dataDir, name);
    if (user) fs.chownSync(file, user.uid, user.gid);
    fs.chmodSync(file, 0o600);
  }
  return true;
}

/** Whether the openssl program is there to make the certificate of an `ssl: true` oracle. */
export function opensslMissing(): string | undefined {
  const probe = spawnSync('openssl', ['version'], { encoding: 'utf8' });
  return probe.status === 0 ? undefined : 'the openssl program is not installed (apt-get install openssl)';
}

export interface OracleOptions {
  /** Start the server with ssl = on (a throwaway self-signed certificate). */
  ssl?: boolean;
}

/** A fresh data directory with a running server and a connection; nothing left behind when any step fails. */
export async function startOracleServer(major: Major, settings: Record<string, string>, prepare: (dataDir: string) => void = () => {}): Promise<{ dataDir: string; server: RunningServer; client: Client }> {
  const dataDir = makeDataDir(major);
  let server: RunningServer | undefined;
  try {
    prepare(dataDir);
    server = await startServer(major, dataDir, { settings });
    return { dataDir, server, client: await server.connect() };
  } catch (error) {
    await server?.stop();
    removeDataDir(dataDir);
    throw error;
  }
}

export async function createHbaOracle(major: Major, options: OracleOptions = {}): Promise<HbaOracle> {
  const { dataDir, server: running, client: connected } = await startOracleServer(major, options.ssl ? { ssl: 'on' } : {}, (dir) => {
    if (options.ssl && !makeCertificate(dir)) throw new Error(`could not make a certificate with openssl: ${opensslMissing() ?? 'openssl failed'}`);
  });
  const hbaFile = path.join(dataDir, 'pg_hba.conf');
  const fileColumn = major >= 16 ? 'file_name' : `'${hbaFile.replace(/'/g, "''")}'`;
  return {
    major,
    dataDir,
    hbaFile,
    async rules(files) {
      for (const [name, text] of Object.entries(files)) writeOwned(path.join(dataDir, name), text);
      const notices: Notice[] = [];
      const listen = (notice: Notice) => notices.push(notice);
      connected.on('notice', listen);
      try {
        await connected.query('SET client_min_messages = debug3');
        const result = await connected.query<{ file: string; line: number; error: string | null; parsed: boolean }>(
          `SELECT ${fileColumn} AS file, line_number AS line, error, type IS NOT NULL AS parsed FROM pg_hba_file_rules`,
        );
        await connected.query('RESET client_min_messages');
        const logged = byLine(notices);
        return result.rows.map((row) => ({
          file: row.file,
          line: Number(row.line),
          error: row.error,
          parsed: row.parsed,
          logged: logged.get(`${row.file}:${row.line}`) ?? [],
        }));
      } finally {
        connected.removeListener('notice', listen);
      }
    },
    clean(names) {
      for (const name of names) fs.rmSync(path.join(dataDir, name), { recursive: true, force: true });
    },
    async close() {
      await connected.end().catch(() => {});
      await running.stop();
      removeDataDir(dataDir);
    },
  };
}

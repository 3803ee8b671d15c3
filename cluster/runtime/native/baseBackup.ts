/**
 * A replica's data folder from a low-level base backup of a node on this machine (the packages ship no
 * pg_basebackup): the replica's physical slot on the source, pg_backup_start (13/14: non-exclusive
 * pg_start_backup) on a connection held for the whole copy, a file copy of the source's data folder without
 * what a backup must leave out, pg_backup_stop, then backup_label (and tablespace_map), the timeline history
 * files, standby.signal and primary_conninfo/primary_slot_name. WAL comes by streaming through the slot.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Client } from 'pg';
import { ClusterError, throwIfCancelled } from '../errors';
import { giveTo, ownedDir, type ServerAccount } from './account';
import type { Login } from './plan';
import { type Endpoint, withClient } from './sql';

export interface BaseBackupContext {
  service: string;
  account: ServerAccount;
  /** The new data folder (emptied first). */
  dataDir: string;
  source: { service: string; endpoint: Endpoint; login: Login; dataDir: string };
  /** Physical slot to create on the source (kept when it exists). */
  slot?: string;
  /** Lines appended to postgresql.auto.conf (primary_conninfo, primary_slot_name). */
  standbyConfig: string[];
  signal?: AbortSignal;
  step: (message: string) => void;
}

/** Top-level files a base backup leaves out (the source's own runtime and backup files). */
const SKIPPED_FILES = new Set([
  'postmaster.pid', 'postmaster.opts', 'backup_label', 'backup_label.old', 'tablespace_map', 'tablespace_map.old',
  'standby.signal', 'recovery.signal', 'current_logfiles', 'current_logfiles.tmp', 'postgresql.auto.conf.tmp',
]);
/** Folders copied empty: their contents are recreated or streamed (WAL) by the new server. */
const EMPTIED_DIRS = new Set(['pg_wal', 'pg_replslot', 'pg_dynshmem', 'pg_notify', 'pg_serial', 'pg_snapshots', 'pg_stat_tmp', 'pg_subtrans']);

/** `'value'` as a postgresql.conf string. */
export function confString(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;
}

/** key=value libpq conninfo (values quoted when needed). */
export function conninfo(values: Record<string, string | number | undefined>): string {
  return Object.entries(values)
    .filter(([, v]) => v !== undefined && v !== '')
    .map(([k, v]) => `${k}=${/^[^\s'\\]+$/.test(String(v)) ? String(v) : `'${String(v).replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`}`)
    .join(' ');
}

function skipped(relative: string, name: string): boolean {
  if (name === 'pg_internal.init' || name.startsWith('pgsql_tmp')) return true;
  return !relative.includes(path.sep) && SKIPPED_FILES.has(name);
}

/** The folders and files of the source data folder a base backup copies (relative paths), folders first. */
async function listTree(from: string, relative: string, out: { dirs: string[]; files: string[] }): Promise<void> {
  const entries = await fs.promises.readdir(path.join(from, relative), { withFileTypes: true }).catch(() => [] as fs.Dirent[]);
  for (const entry of entries) {
    const rel = path.join(relative, entry.name);
    if (skipped(rel, entry.name)) continue;
    if (entry.isDirectory() || (entry.isSymbolicLink() && rel === 'pg_wal')) {
      out.dirs.push(rel);
      if (!(relative === '' && EMPTIED_DIRS.has(entry.name))) await listTree(from, rel, out);
    } else if (entry.isFile()) out.files.push(rel);
  }
}

const COPY_CONCURRENCY = 8;

/** Copies the source data folder, a few files at a time; files that vanish meanwhile (dropped relations) are skipped. */
async function copyTree(from: string, to: string, signal: AbortSignal | undefined): Promise<number> {
  const tree = { dirs: [] as string[], files: [] as string[] };
  await listTree(from, '', tree);
  for (const dir of tree.dirs) await fs.promises.mkdir(path.join(to, dir), { mode: 0o700 });
  let bytes = 0;
  let next = 0;
  const worker = async () => {
    while (next < tree.files.length) {
      throwIfCancelled(signal);
      const rel = tree.files[next++];
      try {
        await fs.promises.copyFile(path.join(from, rel), path.join(to, rel));
        bytes += (await fs.promises.stat(path.join(to, rel))).size;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      }
    }
  };
  await Promise.all(Array.from({ length: COPY_CONCURRENCY }, worker));
  return bytes;
}

async function startBackup(client: Client, label: string): Promise<number> {
  const version = (await client.query<{ v: number }>(`SELECT current_setting('server_version_num')::int AS v`)).rows[0].v;
  if (version >= 150000) await client.query('SELECT pg_backup_start($1, true)', [label]);
  else await client.query('SELECT pg_start_backup($1, true, false)', [label]);
  return version;
}

async function stopBackup(client: Client, version: number): Promise<{ lsn: string; labelfile: string; spcmapfile: string | null }> {
  const sql = version >= 150000 ? 'SELECT lsn::text, labelfile, spcmapfile FROM pg_backup_stop(false)' : 'SELECT lsn::text, labelfile, spcmapfile FROM pg_stop_backup(false, false)';
  return (await client.query<{ lsn: string; labelfile: string; spcmapfile: string | null }>(sql)).rows[0];
}

function refuseTablespaces(ctx: BaseBackupContext): void {
  const entries = fs.readdirSync(path.join(ctx.source.dataDir, 'pg_tblspc'));
  if (entries.length) {
    throw new ClusterError('start-failed', `${ctx.source.service} has tablespaces (${entries.join(', ')}); the native base backup copies the data folder only and would share them. Use the Docker backend for this cluster.`);
  }
}

/** Writes what makes the copy a standby of the source. */
function finishStandby(ctx: BaseBackupContext, stop: { labelfile: string; spcmapfile: string | null }): void {
  fs.writeFileSync(path.join(ctx.dataDir, 'backup_label'), stop.labelfile, { mode: 0o600 });
  if (stop.spcmapfile) fs.writeFileSync(path.join(ctx.dataDir, 'tablespace_map'), stop.spcmapfile, { mode: 0o600 });
  const sourceWal = path.join(ctx.source.dataDir, 'pg_wal');
  for (const name of fs.readdirSync(sourceWal).filter((n) => /^[0-9A-F]{8}\.history$/.test(n))) {
    fs.copyFileSync(path.join(sourceWal, name), path.join(ctx.dataDir, 'pg_wal', name));
  }
  fs.mkdirSync(path.join(ctx.dataDir, 'pg_wal', 'archive_status'), { recursive: true, mode: 0o700 });
  fs.writeFileSync(path.join(ctx.dataDir, 'standby.signal'), '', { mode: 0o600 });
  const auto = path.join(ctx.dataDir, 'postgresql.auto.conf');
  fs.appendFileSync(auto, `# written by pgha (native base backup of ${ctx.source.service})\n${ctx.standbyConfig.join('\n')}\n`);
  giveTo(ctx.account, ctx.dataDir, true);
  fs.chmodSync(ctx.dataDir, 0o700);
}

/** Replaces ctx.dataDir with a standby copy of the source. The source must be running. */
export async function baseBackup(ctx: BaseBackupContext): Promise<{ bytes: number; lsn: string }> {
  refuseTablespaces(ctx);
  fs.rmSync(ctx.dataDir, { recursive: true, force: true });
  ownedDir(ctx.account, ctx.dataDir);
  return withClient(ctx.source.endpoint, ctx.source.login, async (client) => {
    if (ctx.slot) {
      const created = await client.query(
        'SELECT pg_create_physical_replication_slot($1, true) WHERE NOT EXISTS (SELECT 1 FROM pg_replication_slots WHERE slot_name = $1)',
        [ctx.slot],
      );
      if (created.rowCount) ctx.step(`created slot ${ctx.slot} on ${ctx.source.service}`);
    }
    ctx.step(`base backup of ${ctx.source.service} for ${ctx.service}`);
    const version = await startBackup(client, `pgha ${ctx.service}`);
    let bytes = 0;
    try {
      bytes = await copyTree(ctx.source.dataDir, ctx.dataDir, ctx.signal);
    } catch (error) {
      await stopBackup(client, version).catch(() => undefined);
      throw error;
    }
    const stop = await stopBackup(client, version);
    finishStandby(ctx, stop);
    return { bytes, lsn: stop.lsn };
  });
}

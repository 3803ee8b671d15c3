/**
 * The account PostgreSQL servers run under. PostgreSQL refuses to run as root: when pgha itself runs as root
 * (CI, containers), servers run as the unprivileged account named by the setting pgha.native.user or
 * PGHA_NATIVE_USER (spawned with its uid/gid) and every folder they write is owned by it. Otherwise servers
 * run as ourselves. Never as root.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ClusterError } from '../errors';

export interface ServerAccount {
  name: string;
  /** Set when servers run under another account than ours (we are root). */
  uid?: number;
  gid?: number;
}

const HOW_TO_CREATE = (name: string) =>
  `create one (as root): useradd --system --create-home --shell /usr/sbin/nologin ${name}, then export PGHA_NATIVE_USER=${name} (or set pgha.native.user)`;

/** The passwd entry of `name` (getent, else /etc/passwd), or undefined. */
function lookupAccount(name: string): { uid: number; gid: number } | undefined {
  const parse = (line: string | undefined) => {
    const fields = line?.split(':');
    if (!fields || fields.length < 4 || fields[0] !== name) return undefined;
    const uid = Number(fields[2]);
    const gid = Number(fields[3]);
    return Number.isInteger(uid) && Number.isInteger(gid) ? { uid, gid } : undefined;
  };
  const getent = spawnSync('getent', ['passwd', name], { encoding: 'utf8', timeout: 5_000 });
  if (getent.status === 0) return parse(getent.stdout.split('\n')[0]);
  try {
    return parse(fs.readFileSync('/etc/passwd', 'utf8').split('\n').find((l) => l.startsWith(`${name}:`)));
  } catch {
    return undefined;
  }
}

/**
 * The account servers run under: ourselves when we are not root, else the configured unprivileged account.
 * Throws a ClusterError saying how to create one when none is configured or it does not exist.
 */
export function resolveServerAccount(options: { user?: string; env?: NodeJS.ProcessEnv; /** Who pgha runs as (default: this process). */ uid?: number } = {}): ServerAccount {
  const env = options.env ?? process.env;
  if ((options.uid ?? process.getuid?.()) !== 0) return { name: os.userInfo().username };
  const name = (options.user || env.PGHA_NATIVE_USER || '').trim();
  if (!name) {
    throw new ClusterError(
      'start-failed',
      `PostgreSQL refuses to run as root, and pgha runs as root here. Name an unprivileged account for the servers with PGHA_NATIVE_USER (or the setting pgha.native.user); to ${HOW_TO_CREATE('pgha')}.`,
    );
  }
  const found = lookupAccount(name);
  if (!found) throw new ClusterError('start-failed', `The account '${name}' (PGHA_NATIVE_USER / pgha.native.user) does not exist on this machine; ${HOW_TO_CREATE(name)}.`);
  if (found.uid === 0) throw new ClusterError('start-failed', `The account '${name}' is root (uid 0); PostgreSQL refuses to run as root. ${HOW_TO_CREATE('pgha')}.`);
  return { name, uid: found.uid, gid: found.gid };
}

/** spawn options that run a program under the account (nothing when it is ourselves). */
export function spawnIdentity(account: ServerAccount): { uid?: number; gid?: number } {
  return account.uid === undefined ? {} : { uid: account.uid, gid: account.gid };
}

/** Hands `target` (and, with recursive, everything below it) to the account. Symlinks are not followed. */
export function giveTo(account: ServerAccount, target: string, recursive = false): void {
  if (account.uid === undefined || account.gid === undefined) return;
  const stat = fs.lstatSync(target);
  if (stat.uid !== account.uid || stat.gid !== account.gid) fs.lchownSync(target, account.uid, account.gid);
  if (recursive && stat.isDirectory()) for (const entry of fs.readdirSync(target)) giveTo(account, path.join(target, entry), true);
}

/** mkdir -p `dir` with `mode`, owned by the account (missing parents: 0755, ours). */
export function ownedDir(account: ServerAccount, dir: string, mode = 0o700): string {
  fs.mkdirSync(path.dirname(dir), { recursive: true, mode: 0o755 });
  fs.mkdirSync(dir, { recursive: true, mode });
  fs.chmodSync(dir, mode);
  giveTo(account, dir);
  return dir;
}

/**
 * The ancestors of `dir` the account cannot traverse (no search permission for it). When we are root and
 * `fix` is set, grants o+x on them instead (search only, never read) and returns what it changed.
 */
export function untraversableAncestors(account: ServerAccount, dir: string, fix: boolean): string[] {
  if (account.uid === undefined) return [];
  const found: string[] = [];
  for (let current = path.dirname(path.resolve(dir)); ; current = path.dirname(current)) {
    const stat = fs.statSync(current);
    const bit = stat.uid === account.uid ? 0o100 : stat.gid === account.gid ? 0o010 : 0o001;
    if ((stat.mode & bit) === 0) {
      if (fix) fs.chmodSync(current, stat.mode | 0o001);
      found.push(current);
    }
    if (current === path.dirname(current)) break;
  }
  return found;
}

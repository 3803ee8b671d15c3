/** What the pg_hba.conf's own server tells about itself: `ssl` and `password_encryption` of the postgresql.conf beside the file. */
import * as path from 'path';
import type { FileSystemHost } from '../../../../core/fileSystem';
import { parseConf } from '../../pgconf/parser';
import { parseBool } from '../../pgconf/values';
import type { HbaServer } from '../types';

/** Remembered postgresql.conf facts are few (one per data directory open); beyond this the oldest go. */
const MAX_REMEMBERED = 64;

interface Remembered {
  stamp: number | string | undefined;
  server: HbaServer;
}

/** Reads (and remembers until it changes) the settings of the postgresql.conf next to a pg_hba.conf that the checks use. */
export class ServerFacts {
  private readonly remembered = new Map<string, Remembered>();

  constructor(private readonly fs: FileSystemHost) {}

  of(hbaFile: string | undefined): HbaServer {
    if (!hbaFile) return {};
    const conf = path.join(path.dirname(hbaFile), 'postgresql.conf');
    const mtime = this.fs.mtime?.(conf);
    const hit = this.remembered.get(conf);
    if (hit && mtime !== undefined && hit.stamp === mtime) return hit.server;
    const text = this.fs.readFile(conf);
    if (hit && mtime === undefined && hit.stamp === text) return hit.server;
    const server = text === undefined ? {} : serverOf(text, conf);
    if (this.remembered.size >= MAX_REMEMBERED) this.remembered.delete(this.remembered.keys().next().value!);
    this.remembered.set(conf, { stamp: mtime ?? text, server });
    return server;
  }
}

function serverOf(text: string, file: string): HbaServer {
  const settings = parseConf(text, file).settings;
  const last = (name: string) => settings.filter((s) => s.name.toLowerCase() === name).pop()?.value;
  const ssl = last('ssl');
  const value = ssl !== undefined ? parseBool(ssl) : undefined;
  const encryption = last('password_encryption')?.toLowerCase();
  return { ...(value === undefined ? {} : { ssl: value }), ...(encryption === 'md5' || encryption === 'scram-sha-256' ? { passwordEncryption: encryption } : {}) };
}

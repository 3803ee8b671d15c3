/** Shared by the native runtime tests: what real parts are missing. */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { QueryResultRow } from 'pg';
import { withNode } from '../../../../cluster/failover/context';
import type { Major } from '../../../../core/majors';
import { packageRoot } from '../../../../core/packageRoot';
import { portFree } from '../../../../cluster/runtime/native/server';
import { resolveServerAccount } from '../../../../cluster/runtime/native/account';
import { binariesMissing } from '../../../../cluster/runtime/native/binaries';

/** Why servers cannot run here (no unprivileged account while we are root), or undefined. */
export function nativeAccountWhy(): string | undefined {
  try {
    resolveServerAccount();
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
}

/** Why the native backend cannot run `major` here, or undefined. */
export function nativeWhy(major: Major): string | undefined {
  return binariesMissing(major) ?? nativeAccountWhy();
}

/** A fresh folder under the system temp folder (reachable by the server account). */
export function tempDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `pgha-native-${prefix}-`));
}

/** Copies examples/ha-stack into `dir` on PostgreSQL `major`, its ports moved to basePort…basePort+2. */
export function copyExample(dir: string, major: Major, basePort: number): string {
  fs.cpSync(path.join(packageRoot(), 'examples/ha-stack'), dir, { recursive: true });
  const file = path.join(dir, 'compose.yaml');
  const text = fs
    .readFileSync(file, 'utf8')
    .replace(/127\.0\.0\.1:1543(\d):5432/g, (_, n: string) => `127.0.0.1:${basePort + Number(n) - 2}:5432`)
    .replace(/image: postgres:17/g, `image: postgres:${major}`);
  fs.writeFileSync(file, text);
  return file;
}

/** `count` consecutive free loopback ports (below the ephemeral range). */
export async function freePorts(count: number): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const base = 20000 + Math.floor(Math.random() * 12000);
    let ok = true;
    for (let i = 0; i < count && ok; i++) ok = await portFree(base + i);
    if (ok) return base;
  }
  throw new Error(`no ${count} consecutive free ports on 127.0.0.1`);
}

/** PIDs of postmasters whose data folder lies under `dir` (from /proc: what `ps` would show). */
export function postmastersUnder(dir: string): number[] {
  const pids: number[] = [];
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let argv: string[];
    try {
      argv = fs.readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0');
    } catch {
      continue;
    }
    const data = argv[argv.indexOf('-D') + 1];
    if (argv.indexOf('-D') > 0 && /postgres$/.test(argv[0]) && data?.startsWith(`${dir}/`)) pids.push(Number(entry));
  }
  return pids;
}

/** Runs one query on a node as the example's superuser. */
export async function query<T extends QueryResultRow>(port: number, sql: string, params: unknown[] = []): Promise<T[]> {
  const target = { service: 'test', host: '127.0.0.1', port, user: 'postgres', password: EXAMPLE_PASSWORD, database: 'postgres', aliases: [] };
  return withNode(target, async (client) => (await client.query<T>(sql, params)).rows);
}

export const EXAMPLE_PASSWORD = 'ha-demo-superuser-change-me';

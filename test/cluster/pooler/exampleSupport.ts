/** examples/pgbouncer for the Docker tests: a port-shifted copy, its image map, clients through PgBouncer. */
import * as fs from 'fs';
import * as path from 'path';
import { Client } from 'pg';
import type { ActionContext } from '../../../cluster/failover/context';
import { promote } from '../../../cluster/failover/promote';
import { waitFor } from '../../support/waitFor';
import { buildImageMap } from '../../../cluster/runtime/docker/imageMap';
import { imageMapValue } from '../../../scripts/images/build';
import { repoRoot } from '../runtime/docker/dockerSupport';
import { queryOnce, RowWriter } from '../../../scripts/soak/rowWriter';

export const PASSWORD = 'ha-demo-superuser-change-me';

/** Copies examples/pgbouncer with its three published ports moved to base…base+2 (and lines added to postgresql.conf). */
export function copyPgbouncerExample(dir: string, base: number, extraConf: string[] = []): string {
  fs.cpSync(path.join(repoRoot, 'examples/pgbouncer'), dir, { recursive: true });
  const file = path.join(dir, 'compose.yaml');
  const ports: Record<string, number> = { '15532': base, '15533': base + 1, '16432': base + 2 };
  fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace(/127\.0\.0\.1:(15532|15533|16432):/g, (_, port: string) => `127.0.0.1:${ports[port]}:`));
  if (extraConf.length) fs.appendFileSync(path.join(dir, 'postgresql.conf'), `${extraConf.join('\n')}\n`);
  return file;
}

/** The example's images on our test images. */
export const exampleImageMap = () => buildImageMap(undefined, { PGHA_IMAGE_MAP: `${imageMapValue([17])},edoburu/pgbouncer:1.24=pgha-test/pgbouncer:1.24` }).map;

/** Whom clients log in as through PgBouncer: the example's appdb, or another stack's database and password. */
export interface PoolerLogin {
  database: string;
  password: string;
}

const EXAMPLE_LOGIN: PoolerLogin = { database: 'appdb', password: PASSWORD };

/** A client through PgBouncer, as postgres (errors on the idle client never crash the test). */
export function poolerClient(port: number, login = EXAMPLE_LOGIN): Client {
  const client = new Client({ host: '127.0.0.1', port, user: 'postgres', ...login, connectionTimeoutMillis: 3000, query_timeout: 3000 });
  client.on('error', () => undefined);
  return client;
}

export async function throughPooler<T>(port: number, sql: string, login = EXAMPLE_LOGIN): Promise<T[]> {
  return queryOnce<T>(poolerClient(port, login), sql);
}

/** Writes ids one after another through PgBouncer, reconnecting after a failure; keeps the ids it saw acknowledged. */
export class Writer extends RowWriter {
  constructor(port: number, login = EXAMPLE_LOGIN) {
    super(async () => {
      const client = poolerClient(port, login);
      await client.connect();
      return client;
    }, 'INSERT INTO writes VALUES ($1)');
  }
}

/** What a failover under writes through PgBouncer showed: when writes resumed, what was acknowledged, what is missing. */
export interface PooledFailover {
  resumedMs: number;
  acknowledged: number;
  lost: number[];
  steps: string[];
}

/**
 * A client keeps writing ids through PgBouncer (table `writes`), `primary` is killed, pgha promotes `replica1`
 * (forced: the dead primary's lag is unknown): writes through the same address must work again within 10 s.
 */
export async function failoverUnderWrites(ctx: Pick<ActionContext, 'targets' | 'control' | 'poolers'>, port: number, login = EXAMPLE_LOGIN): Promise<PooledFailover> {
  const writer = new Writer(port, login);
  writer.start();
  const steps: string[] = [];
  let promoted = 0;
  try {
    await waitFor(async () => writer.acknowledged.length >= 20, '20 acknowledged writes through PgBouncer', 60_000, 50);
    await ctx.control.signal('primary', 'SIGKILL');
    await ctx.control.waitStopped('primary', 30_000);
    promoted = Date.now();
    await promote({ ...ctx, progress: (m) => steps.push(m), stepTimeoutMs: 60_000, force: true }, 'replica1');
    await waitFor(async () => writer.at.some((t) => t > promoted), 'a write through PgBouncer after the promotion', 10_000, 50);
  } finally {
    await writer.stop();
  }
  const present = new Set((await throughPooler<{ id: number }>(port, 'SELECT id FROM writes', login)).map((r) => r.id));
  const resumedMs = writer.at.find((t) => t > promoted)! - promoted;
  return { resumedMs, acknowledged: writer.acknowledged.length, lost: writer.acknowledged.filter((id) => !present.has(id)), steps };
}

/** examples/pgbouncer for the Docker tests: a port-shifted copy, its image map, clients through PgBouncer. */
import * as fs from 'fs';
import * as path from 'path';
import { Client } from 'pg';
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

/** A client of appdb through PgBouncer (errors on the idle client never crash the test). */
export function poolerClient(port: number): Client {
  const client = new Client({ host: '127.0.0.1', port, user: 'postgres', password: PASSWORD, database: 'appdb', connectionTimeoutMillis: 3000, query_timeout: 3000 });
  client.on('error', () => undefined);
  return client;
}

export async function throughPooler<T>(port: number, sql: string): Promise<T[]> {
  return queryOnce<T>(poolerClient(port), sql);
}

/** Writes ids one after another through PgBouncer, reconnecting after a failure; keeps the ids it saw acknowledged. */
export class Writer extends RowWriter {
  constructor(port: number) {
    super(async () => {
      const client = poolerClient(port);
      await client.connect();
      return client;
    }, 'INSERT INTO writes VALUES ($1)');
  }
}

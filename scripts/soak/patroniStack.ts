/** examples/patroni for the container test and soak:patroni: a port-shifted copy with its .env and faster timing, and the images it runs on. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { buildImageMap, type ImageMap } from '../../cluster/runtime/docker/imageMap';
import type { EngineConnection } from '../../cluster/runtime/docker/engine';
import { packageRoot } from '../../core/packageRoot';
import { imageMapOf, IMAGE_SPECS, specTag } from '../images/specs';

export const SUPERUSER_PASSWORD = 'patroni-test-superuser';
export const RESTAPI_PASSWORD = 'patroni-test-restapi';
const HA_PROGRAMS = ['patroni', 'etcd'];

/** The Patroni and etcd test images (and the etcd names the example uses mapped onto them). */
export function patroniImageMap(): ImageMap {
  return buildImageMap(undefined, { PGHA_IMAGE_MAP: imageMapOf(IMAGE_SPECS.filter((s) => HA_PROGRAMS.includes(s.program))) }).map;
}

/** The environment that hands patroniImageMap() to a `pgha` command. */
export function patroniImageMapEnv(): NodeJS.ProcessEnv {
  return { PGHA_IMAGE_MAP: [...patroniImageMap()].map(([from, to]) => `${from}=${to}`).join(',') };
}

/** Undefined when pgha-test/patroni and pgha-test/etcd exist; otherwise why not. */
export async function patroniImagesWhy(engine: EngineConnection): Promise<string | undefined> {
  const missing: string[] = [];
  for (const spec of IMAGE_SPECS.filter((s) => HA_PROGRAMS.includes(s.program))) {
    await engine.docker.getImage(specTag(spec)).inspect().catch(() => missing.push(specTag(spec)));
  }
  return missing.length ? `${missing.join(', ')} not built; run npm run test:images -- --only patroni,etcd` : undefined;
}

/**
 * Copies examples/patroni into `dir`: PostgreSQL ports 25541..3 → base..base+2, REST 28001..3 → base+3..base+5, the
 * passwords in .env, and Patroni's timing shortened (ttl 20, loop_wait 2, retry_timeout 5) so a failover takes seconds.
 */
export function copyPatroniExample(dir: string, base: number): string {
  fs.cpSync(path.join(packageRoot(__dirname), 'examples/patroni'), dir, { recursive: true });
  const file = path.join(dir, 'compose.yaml');
  const shifted = fs
    .readFileSync(file, 'utf8')
    .replace(/127\.0\.0\.1:2554([1-3]):5432/g, (_, n: string) => `127.0.0.1:${base + Number(n) - 1}:5432`)
    .replace(/127\.0\.0\.1:2800([1-3]):8008/g, (_, n: string) => `127.0.0.1:${base + 2 + Number(n)}:8008`);
  fs.writeFileSync(file, shifted);
  const yml = path.join(dir, 'patroni.yml');
  fs.writeFileSync(yml, fs.readFileSync(yml, 'utf8').replace('ttl: 30', 'ttl: 20').replace('loop_wait: 10', 'loop_wait: 2').replace('retry_timeout: 10', 'retry_timeout: 5'));
  const env = { PATRONI_SUPERUSER_PASSWORD: SUPERUSER_PASSWORD, PATRONI_REPLICATION_PASSWORD: 'patroni-test-replication', PATRONI_REWIND_PASSWORD: 'patroni-test-rewind', PATRONI_RESTAPI_PASSWORD: RESTAPI_PASSWORD };
  fs.writeFileSync(path.join(dir, '.env'), Object.entries(env).map(([k, v]) => `${k}=${v}\n`).join(''));
  return file;
}

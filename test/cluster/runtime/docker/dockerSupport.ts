/**
 * Real-Docker test helpers: is an engine there, are the test images built (npm run test:images),
 * free loopback ports, a temp copy of examples/ha-stack on those ports, and "what is left of a project".
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { randomBytes } from 'node:crypto';
import { connectEngine, type EngineConnection } from '../../../../cluster/runtime/docker/engine';
import { buildImageMap, type ImageMap } from '../../../../cluster/runtime/docker/imageMap';
import { LABEL } from '../../../../cluster/runtime/docker/labels';
import { tcpPortFree } from '../../../../cluster/runtime/tcpPort';
import { imageMapValue, TEST_IMAGE_MAJORS, testImageTag } from '../../../../scripts/images/build';

export const repoRoot = path.resolve(__dirname, '../../../..');

export async function dockerWhy(engine: EngineConnection = connectEngine()): Promise<string | undefined> {
  try {
    await engine.docker.ping();
    return undefined;
  } catch (error) {
    return `no Docker engine answers at ${engine.endpoint} (${String(error)}); start dockerd (.ci/provision/30-docker.sh)`;
  }
}

/** Undefined when the test images of these majors exist; otherwise why not. */
export async function imagesWhy(engine: EngineConnection, majors: number[]): Promise<string | undefined> {
  const missing: string[] = [];
  for (const major of majors) {
    try {
      await engine.docker.getImage(testImageTag(major)).inspect();
    } catch {
      missing.push(testImageTag(major));
    }
  }
  return missing.length ? `${missing.join(', ')} not built; run npm run test:images` : undefined;
}

/** PGHA_IMAGE_MAP when set, else the map onto our test images. */
export function testImageMap(env: NodeJS.ProcessEnv = process.env): ImageMap {
  return buildImageMap(undefined, { PGHA_IMAGE_MAP: env.PGHA_IMAGE_MAP || imageMapValue(TEST_IMAGE_MAJORS) }).map;
}

/** The environment that hands testImageMap() to a `pgha` command (PGHA_IMAGE_MAP). */
export function testImageMapEnv(): NodeJS.ProcessEnv {
  return { PGHA_IMAGE_MAP: [...testImageMap()].map(([from, to]) => `${from}=${to}`).join(',') };
}

/** `count` consecutive free ports on 127.0.0.1 (random base, bounded tries). */
export async function freePorts(count: number): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const base = 20000 + Math.floor(Math.random() * 12000); // below the ephemeral range (32768+)
    let ok = true;
    for (let i = 0; i < count && ok; i++) ok = await tcpPortFree('127.0.0.1', base + i);
    if (ok) return base;
  }
  throw new Error(`no ${count} consecutive free ports found on 127.0.0.1`);
}

export function tempDir(prefix: string): string {
  const dir = path.join(repoRoot, '.test-tmp', `${prefix}-${randomBytes(3).toString('hex')}`);
  fs.mkdirSync(dir, { recursive: true });
  return dir;
}

/** Copies examples/ha-stack into `dir` with the published ports moved to basePort…basePort+2. */
export function copyExample(dir: string, basePort: number, example = 'ha-stack'): string {
  fs.cpSync(path.join(repoRoot, 'examples', example), dir, { recursive: true });
  const file = path.join(dir, 'compose.yaml');
  // The examples publish 1543N / 1544N: each becomes basePort + its place.
  const text = fs.readFileSync(file, 'utf8').replace(/127\.0\.0\.1:154([34])(\d):5432/g, (_, ten: string, n: string) => `127.0.0.1:${basePort + (Number(ten) - 3) * 10 + Number(n) - 2}:5432`);
  fs.writeFileSync(file, text);
  return file;
}

export interface Leftovers {
  containers: string[];
  volumes: string[];
  networks: string[];
}

/** Everything Docker still has with this project's compose label (ours or not). */
export async function leftovers(engine: EngineConnection, project: string): Promise<Leftovers> {
  const filter = { label: [`${LABEL.project}=${project}`] };
  const containers = await engine.docker.listContainers({ all: true, filters: filter });
  const { Volumes } = await engine.docker.listVolumes({ filters: filter });
  const networks = await engine.docker.listNetworks({ filters: filter });
  return {
    containers: containers.map((c) => c.Names[0]),
    volumes: (Volumes ?? []).map((v) => v.Name),
    networks: networks.map((n) => n.Name),
  };
}

export const nothingLeft: Leftovers = { containers: [], volumes: [], networks: [] };

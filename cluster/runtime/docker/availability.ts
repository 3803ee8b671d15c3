/**
 * Whether Docker can launch a topology here, without creating anything: the engine answers, and every image
 * (after the image map) is present locally or its registry knows it (pullable). Used by the registry's 'auto'.
 */
import type { Topology } from '../../../core/model/topology';
import { describeError } from '../errors';
import { withTimeout } from '../timeout';
import type { Availability } from '../types';
import { assertEngineReachable, isNotFound, type EngineConnection } from './engine';
import type { ImageMap } from './imageMap';
import { planLaunch } from './plan';
import { nodeReadFile } from './util';

const PING_TIMEOUT_MS = 3000;
const REGISTRY_TIMEOUT_MS = 10_000;

async function imageProblem(engine: EngineConnection, image: string): Promise<string | undefined> {
  try {
    await engine.docker.getImage(image).inspect();
    return undefined;
  } catch (error) {
    if (!isNotFound(error)) return `image ${image}: ${describeError(error)}`;
  }
  try {
    await withTimeout(engine.docker.getImage(image).distribution(), REGISTRY_TIMEOUT_MS, `the registry did not answer within ${REGISTRY_TIMEOUT_MS / 1000} s`);
    return undefined;
  } catch (error) {
    return `image ${image} is not available locally and cannot be pulled (${describeError(error)})`;
  }
}

export async function dockerAvailability(engine: EngineConnection, imageMap: ImageMap, topology?: Topology, signal?: AbortSignal): Promise<Availability> {
  try {
    await assertEngineReachable(engine, PING_TIMEOUT_MS);
    if (!topology || signal?.aborted) return { ok: !signal?.aborted, reason: signal?.aborted ? 'cancelled' : undefined };
    const images = [...new Set(planLaunch(topology, { imageMap, readFile: nodeReadFile }).services.map((s) => s.image))];
    const problems = (await Promise.all(images.map((image) => imageProblem(engine, image)))).filter((p): p is string => p !== undefined);
    return problems.length ? { ok: false, reason: problems.join('; ') } : { ok: true };
  } catch (error) {
    return { ok: false, reason: describeError(error) };
  }
}

/**
 * The Docker backend. Consumers (extension, CLI) reach it only through cluster/runtime/index.ts (the registry);
 * Docker-specific scripts and tests (benchmarks, soak, launcher tests) may use these directly:
 *   const runtime = new DockerRuntime({ imageMap });
 *   await runtime.up(loadTopology(file), { onProgress, signal });
 */
export { DockerRuntime, type DockerRuntimeOptions } from './runtime';
export { connectEngine, assertEngineReachable, type EngineConnection } from './engine';
export { buildImageMap, parseImageMapValue, resolveImage, normalizeImage, type ImageMap } from './imageMap';
export { LABEL, containerName, isOurs } from './labels';
export { up, type UpOptions, type UpResult, type UpNode } from './launcher';
export { listContainers, listProjects, stopStack, startStack, down, nodeAction, followLogs, openInteractiveExec, type StackContainer, type DownResult } from './manage';
export { planLaunch, type LaunchPlan, type PlannedService } from './plan';
export { pullImage } from './pull';

/**
 * The one entry point for runtime consumers (extension, CLI): builds the registry of the backends this build has
 * from the caller's settings, and re-exports the runtime-neutral types, errors and helpers. Consumers never import
 * from cluster/runtime/docker (or native) directly; a backend is added by registering it here.
 */
import { DockerRuntime } from './docker/runtime';
import { buildImageMap } from './docker/imageMap';
import { createNativeRuntime } from './native';
import { RuntimeRegistry } from './registry';

export * from './types';
export { ClusterError, isClusterError, describeError, type ClusterErrorCode, type SuggestedAction, type SuggestedActionId } from './errors';
export { RuntimeRegistry, RUNTIME_CHOICES, isRuntimeChoice, type RuntimeChoice, type ProjectListing, type RuntimeProblem } from './registry';
export { followProjectLogs } from './projectLogs';
export { describeRemoved } from './messages';
export { logReason, reasonFirst, failedStatus } from './failureReason';
export { loadTopology } from './topologySource';
export { tcpPortFree } from './tcpPort';
export { withTimeout } from './timeout';

export interface RuntimeSettings {
  /** Environment of the caller (DOCKER_HOST, PGHA_IMAGE_MAP …); read once per registry. */
  env: NodeJS.ProcessEnv;
  /** The pgha.imageMap setting (official image → replacement); PGHA_IMAGE_MAP in `env` wins. */
  imageMap?: Record<string, string>;
  /** pgha.native.user: the account native servers run under when pgha runs as root (PGHA_NATIVE_USER wins). */
  nativeUser?: string;
  /** pgha.native.allowInitShell: projects whose `.sh` init scripts may run on this machine ('*': all). */
  allowInitShell?: string[];
}

export interface Runtimes {
  registry: RuntimeRegistry;
  /** Settings that could not be used, for an output channel or stderr. */
  warnings: string[];
}

/** A registry with every backend of this build. Cheap (no connection is made): build one per command or refresh. */
export function createRuntimes(settings: RuntimeSettings): Runtimes {
  const { map, problems } = buildImageMap(settings.imageMap, settings.env);
  const allowed = settings.env.PGHA_NATIVE_ALLOW_INIT_SH?.split(',').map((p) => p.trim()) ?? settings.allowInitShell;
  const registry = new RuntimeRegistry()
    .register(new DockerRuntime({ env: settings.env, imageMap: map }))
    .register(createNativeRuntime({ env: settings.env, user: settings.env.PGHA_NATIVE_USER || settings.nativeUser, allowShellInit: allowed }));
  return { registry, warnings: problems.map((p) => p.message) };
}

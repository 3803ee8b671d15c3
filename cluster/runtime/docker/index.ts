/**
 * The launcher core (no vscode imports): the extension's commands/views and the CLI call these.
 * Typical use:
 *   const engine = connectEngine(env);
 *   const { map } = buildImageMap(setting, env);
 *   await up(loadTopology(file), { engine, imageMap: map, onProgress, signal });
 * Failures are ClusterErrors: `message` is for the user, `actions` are buttons, `detail` goes to an output channel.
 */
export { connectEngine, assertEngineReachable, type EngineConnection } from './engine';
export { ClusterError, isClusterError, type ClusterErrorCode, type SuggestedAction, type SuggestedActionId } from './errors';
export { buildImageMap, parseImageMapValue, resolveImage, normalizeImage, type ImageMap } from './imageMap';
export { LABEL, containerName, isOurs } from './labels';
export { up, type UpOptions, type UpResult, type UpNode, type ProgressEvent } from './launcher';
export {
  listContainers,
  listProjects,
  stopStack,
  startStack,
  down,
  nodeAction,
  followLogs,
  followStackLogs,
  openInteractiveExec,
  type StackContainer,
  type ProjectSummary,
  type NodeAction,
  type DownResult,
} from './manage';
export { planLaunch, type LaunchPlan, type PlannedService } from './plan';
export { pullImage } from './pull';
export { loadTopology } from './topologySource';

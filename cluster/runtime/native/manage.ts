/**
 * Managing native projects after `up`, always from their state files (never by process name): list them, stop
 * and start them, act on one node, and `down` — which stops and forgets only what the state says we created,
 * keeping data folders unless asked (like named volumes: the next up reuses them).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { NodeAction, RuntimeDownResult, RuntimeNode, RuntimeProject, StackOptions } from '../types';
import { ClusterError } from '../errors';
import type { NativeContext } from './context';
import { currentRole, nodeStatus, removeNodeFiles, startNode } from './nodes';
import { runningPid, signalServer, stopServer, waitGone } from './server';
import { knownStates, readState, removeState, unregisterProject, type NodeRecord, type ProjectState, writeState } from './state';

const DEFAULT_STOP_TIMEOUT_S = 30;

/** The states of `project` (one, unless two compose files share the name and no compose file narrows it). */
export function projectStates(ctx: NativeContext, project: string, composeFile?: string): ProjectState[] {
  if (composeFile) {
    const state = readState(ctx.stateDirFor(composeFile, project));
    return state ? [state] : [];
  }
  return knownStates(ctx.registryFile).filter((s) => s.project === project);
}

export function oneState(ctx: NativeContext, project: string, composeFile?: string): ProjectState {
  const states = projectStates(ctx, project, composeFile);
  if (states.length === 0) throw new ClusterError('not-found', `No native project named '${project}' was found${composeFile ? ` for ${composeFile}` : ''}; is it up?`);
  if (states.length > 1) throw new ClusterError('name-clash', `Several native projects are named '${project}' (${states.map((s) => s.composeFile ?? s.stateDir).join(', ')}); name the compose file.`);
  return states[0];
}

/** `<project>/<service>` → state and record. */
export function findNode(ctx: NativeContext, nodeId: string): { state: ProjectState; record: NodeRecord } {
  const slash = nodeId.lastIndexOf('/');
  const state = oneState(ctx, nodeId.slice(0, slash));
  const record = state.nodes[nodeId.slice(slash + 1)];
  if (slash <= 0 || !record) throw new ClusterError('not-found', `No native node '${nodeId}'; expected <project>/<service> of a project that is up.`);
  return { state, record };
}

/** Killed or crashed (not stopped cleanly): a primary in that state may have been replaced by a failover. */
const lost = (r: NodeRecord) => Number(r.stoppedBy === 'kill' || (!r.stoppedAt && r.pid !== undefined && !runningPid(r.dataDir, r.pid)));

/** Start order: primaries (as their data folders say now), then replicas after their upstream; stop order is the reverse. */
export function startOrder(state: ProjectState): NodeRecord[] {
  const records = Object.values(state.nodes);
  // A lost primary goes last: after a failover another node took over.
  const ordered = records.filter((r) => currentRole(r) === 'primary' || !state.nodes[r.upstream ?? '']).sort((a, b) => lost(a) - lost(b));
  for (let added = true; added; ) {
    const next = records.filter((r) => !ordered.includes(r) && ordered.some((o) => o.service === r.upstream));
    ordered.push(...next);
    added = next.length > 0;
  }
  return [...ordered, ...records.filter((r) => !ordered.includes(r))];
}

export function toRuntimeNode(state: ProjectState, record: NodeRecord): RuntimeNode {
  const { lifecycle, status } = nodeStatus(record);
  return {
    id: `${state.project}/${record.service}`,
    name: `${state.project}/${record.service}`,
    project: state.project,
    service: record.service,
    role: currentRole(record),
    major: record.major,
    composeFile: state.composeFile,
    lifecycle,
    status,
    ports: [{ hostIp: '127.0.0.1', hostPort: record.port, containerPort: record.port }],
    runtime: 'native',
  };
}

/** Our nodes, sorted by project then service. */
export function listNodes(ctx: NativeContext, project?: string): RuntimeNode[] {
  const states = knownStates(ctx.registryFile).filter((s) => project === undefined || s.project === project);
  const nodes = states.flatMap((state) => Object.values(state.nodes).map((record) => toRuntimeNode(state, record)));
  return nodes.sort((a, b) => a.project.localeCompare(b.project) || a.service.localeCompare(b.service));
}

export function listProjects(ctx: NativeContext): RuntimeProject[] {
  return knownStates(ctx.registryFile).map((state) => ({
    project: state.project,
    composeFile: state.composeFile,
    runtime: 'native' as const,
    nodes: startOrder(state).map((record) => toRuntimeNode(state, record)),
  }));
}

/** Stops one node cleanly (fast shutdown; SIGKILL after the timeout) and records it. */
export async function stopRecord(state: ProjectState, record: NodeRecord, timeoutS = DEFAULT_STOP_TIMEOUT_S): Promise<boolean> {
  const pid = runningPid(record.dataDir, record.pid);
  if (!pid) return false;
  await stopServer(pid, record.dataDir, 'fast', timeoutS * 1000);
  Object.assign(record, { stoppedAt: new Date().toISOString(), stoppedBy: 'stop' });
  writeState(state);
  return true;
}

/**
 * The primary that replaced `record` (whose data also says primary): one that runs, or, when `record` was lost
 * (killed, crashed), one that was not. Starting `record` then would make two primaries.
 */
export function otherPrimary(state: ProjectState, record: NodeRecord): NodeRecord | undefined {
  if (currentRole(record) !== 'primary' || runningPid(record.dataDir, record.pid)) return undefined;
  const others = Object.values(state.nodes).filter((o) => o !== record && currentRole(o) === 'primary');
  return others.find((o) => runningPid(o.dataDir, o.pid)) ?? (lost(record) ? others.find((o) => !lost(o)) : undefined);
}

export function twoPrimariesMessage(record: NodeRecord, other: NodeRecord): string {
  return (
    `not starting ${record.service}: ${other.service} is the primary now, and ${record.service} would be a second one (split brain). ` +
    `It stays stopped; to use it again, start the project afresh (pgha down --volumes, then up) or add a new replica of ${other.service}`
  );
}

/** Starts one node and records it (binaries from the cache, installed when missing); never a second primary. */
export async function startRecord(ctx: NativeContext, state: ProjectState, record: NodeRecord, note?: (message: string) => void): Promise<boolean> {
  const other = otherPrimary(state, record);
  if (other) throw new ClusterError('start-failed', `${twoPrimariesMessage(record, other)}.`);
  const binaries = await ctx.binaries(record.major);
  const result = await startNode(record, binaries, ctx.account(), { timeoutMs: 120_000, note });
  if (result.started) {
    Object.assign(record, { pid: result.pid, startedAt: new Date().toISOString(), stoppedAt: undefined, stoppedBy: undefined });
    writeState(state);
  }
  return result.started;
}

/** SIGKILL to the node's process group (a simulated crash); recorded so status says it was killed. */
export async function killRecord(state: ProjectState, record: NodeRecord): Promise<void> {
  const pid = runningPid(record.dataDir, record.pid);
  if (!pid) return;
  signalServer(pid, 'kill');
  await waitGone(pid, record.dataDir, 10_000);
  Object.assign(record, { stoppedAt: new Date().toISOString(), stoppedBy: 'kill' });
  writeState(state);
}

export async function stopProject(ctx: NativeContext, project: string, options: StackOptions = {}): Promise<number> {
  let stopped = 0;
  for (const state of projectStates(ctx, project)) {
    const records = startOrder(state).reverse();
    options.onProgress?.(`stopping ${records.map((r) => r.service).join(', ')}`);
    const done = await Promise.all(records.map((record) => stopRecord(state, record, options.stopTimeoutSeconds)));
    stopped += done.filter(Boolean).length;
  }
  return stopped;
}

export async function startProject(ctx: NativeContext, project: string, options: StackOptions = {}): Promise<number> {
  let started = 0;
  for (const state of projectStates(ctx, project)) {
    for (const record of startOrder(state)) {
      const other = otherPrimary(state, record);
      if (other) {
        options.onProgress?.(twoPrimariesMessage(record, other));
        continue;
      }
      options.onProgress?.(`starting ${record.service}`);
      if (await startRecord(ctx, state, record, options.onProgress)) started++;
    }
  }
  return started;
}

export async function nodeAction(ctx: NativeContext, nodeId: string, action: NodeAction): Promise<void> {
  const { state, record } = findNode(ctx, nodeId);
  if (action === 'kill') return killRecord(state, record);
  if (action === 'stop' || action === 'restart') await stopRecord(state, record);
  if (action === 'start' || action === 'restart') await startRecord(ctx, state, record);
}

/** Node folders a kept-data `down` left in a state folder (they hold data/PG_VERSION). */
function keptNodeDirs(stateDir: string): string[] {
  try {
    return fs.readdirSync(stateDir, { withFileTypes: true }).filter((e) => e.isDirectory() && fs.existsSync(path.join(stateDir, e.name, 'data', 'PG_VERSION'))).map((e) => path.join(stateDir, e.name));
  } catch {
    return [];
  }
}

export async function downProject(ctx: NativeContext, project: string, options: StackOptions & { volumes?: boolean; composeFile?: string }): Promise<RuntimeDownResult> {
  const result: RuntimeDownResult = { removed: 0, volumesRemoved: 0, kept: [] };
  const states = projectStates(ctx, project, options.composeFile);
  for (const state of states) {
    const records = startOrder(state).reverse();
    options.onProgress?.(`stopping ${records.map((r) => r.service).join(', ')}`);
    const timeoutMs = (options.stopTimeoutSeconds ?? DEFAULT_STOP_TIMEOUT_S) * 1000;
    await Promise.all(records.map((r) => stopServer(runningPid(r.dataDir, r.pid), r.dataDir, 'fast', timeoutMs)));
    for (const record of records) {
      result.removed++;
      if (options.volumes || !record.initialized) {
        removeNodeFiles(record);
        result.volumesRemoved++;
      } else {
        fs.rmSync(record.socketDir, { recursive: true, force: true });
        result.kept.push(`${record.service}: data kept in ${record.dataDir} (pgha down --volumes removes it)`);
      }
    }
    removeState(state.stateDir);
    unregisterProject(ctx.registryFile, state.stateDir);
  }
  if (states.length === 0 && options.volumes && options.composeFile) {
    const stateDir = ctx.stateDirFor(options.composeFile, project);
    for (const dir of keptNodeDirs(stateDir)) {
      fs.rmSync(dir, { recursive: true, force: true });
      result.volumesRemoved++;
    }
    removeState(stateDir);
  }
  result.objects = [{ what: 'native server', count: result.removed }, ...(result.volumesRemoved ? [{ what: 'data folder', count: result.volumesRemoved }] : [])];
  return result;
}

/**
 * `up` on native processes: plan, binaries, then every node in start order — adopted when it exists (a data
 * folder kept by `down` is reused like a named volume), else created (primary: entrypoint emulation; replica:
 * base backup of its upstream) — started detached and waited for, replicas until they stream. The state file
 * records each node before its first process starts, so an interrupted run is found by the next command;
 * a failure or cancel removes what this run created.
 */
import * as net from 'node:net';
import type { Topology } from '../../../core/model/topology';
import type { RuntimeUpOptions, RuntimeUpResult } from '../types';
import { ClusterError, throwIfCancelled } from '../errors';
import { untraversableAncestors } from './account';
import { baseBackup, confString, conninfo } from './baseBackup';
import type { NativeContext } from './context';
import { bootstrapPrimary } from './entrypoint';
import { otherPrimary, twoPrimariesMessage } from './manage';
import { currentRole, dataMajor, nodePaths, prepareNodeDirs, removeNodeFiles, startNode } from './nodes';
import { type NativePlan, planNative, type PlannedNode } from './plan';
import { portFree, portHolder, processAlive, runningPid, stopServer } from './server';
import { toArgs } from './serviceArgs';
import { ensureStateDir, newState, readRegistry, readState, registerProject, removeState, unregisterProject, type NodeRecord, type ProjectState, writeState } from './state';
import { waitStreaming } from './streaming';
import type { Binaries } from './binaries';
import type { Major } from '../../../core/majors';

const DEFAULT_TIMEOUT_MS = 180_000;

interface UpRun {
  ctx: NativeContext;
  plan: NativePlan;
  state: ProjectState;
  binaries: Map<Major, Binaries>;
  options: RuntimeUpOptions;
  timeoutMs: number;
  created: string[];
  outdated: string[];
  say: (message: string, service?: string) => void;
}

/** The plan, or a ClusterError listing every reason it cannot run natively. */
function checkedPlan(ctx: NativeContext, topology: Topology, options: RuntimeUpOptions): NativePlan & { composeFile: string } {
  const plan = planNative(topology, { allowShellInit: ctx.allowShellInit(topology.project), readFile: options.readFile });
  if (!plan.composeFile) throw new ClusterError('invalid-topology', `Project '${plan.project}' has no compose file on disk; the native runtime keeps its state beside it.`);
  if (plan.nodes.length === 0) {
    throw new ClusterError('invalid-topology', `Project '${plan.project}' has no PostgreSQL service the native runtime can run${plan.skipped.length ? ` (${plan.skipped.map((s) => `${s.service}: ${s.reason}`).join('; ')})` : ''}.`);
  }
  if (plan.problems.length) throw new ClusterError('invalid-topology', `Cannot run project '${plan.project}' as native processes: ${plan.problems.join('; ')}. Nothing was created.`, [{ id: 'edit-compose', title: 'Open the compose file' }]);
  return plan as NativePlan & { composeFile: string };
}

/** Another compose file's project of the same name, running natively, would be confused with this one. */
function checkNameClash(ctx: NativeContext, plan: NativePlan, stateDir: string): void {
  const other = readRegistry(ctx.registryFile).find((e) => e.project === plan.project && e.stateDir !== stateDir && readState(e.stateDir));
  if (other) {
    throw new ClusterError('name-clash', `A native project named '${plan.project}' already exists for ${other.composeFile ?? other.stateDir}. Nothing was created. Remove it (pgha down ${other.composeFile ?? ''}) or give this compose file another name (name: at its top).`);
  }
}

/** Nodes an interrupted up left half-made: their processes stopped, their folders removed. */
async function adoptInterrupted(state: ProjectState, say: UpRun['say']): Promise<void> {
  if (state.upPid && state.upPid !== process.pid && processAlive(state.upPid)) {
    throw new ClusterError('start-failed', `Another pgha (PID ${state.upPid}) is starting project '${state.project}' right now; wait for it to finish.`);
  }
  for (const record of Object.values(state.nodes)) {
    if (record.initialized) continue;
    await stopServer(runningPid(record.dataDir, record.pid), record.dataDir, 'immediate', 10_000);
    removeNodeFiles(record);
    delete state.nodes[record.service];
    say(`${record.service}: removed what an interrupted run left half-made`, record.service);
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

function nodeArgs(node: PlannedNode, port: number, socketDir: string): string[] {
  return toArgs(node.args, [['listen_addresses', '127.0.0.1'], ['port', String(port)], ['unix_socket_directories', socketDir]]);
}

async function newRecord(run: UpRun, node: PlannedNode): Promise<NodeRecord> {
  const port = node.port ?? (await freePort());
  const paths = nodePaths(run.state.stateDir, node.service, port);
  return { service: node.service, role: node.role, major: node.major, port, ...paths, args: nodeArgs(node, port, paths.socketDir), upstream: node.upstream, slot: node.slot, initialized: false, createdAt: new Date().toISOString() };
}

/** Fills a new node's data folder: initdb + init scripts (primary) or a base backup of its upstream (replica). */
async function fillData(run: UpRun, node: PlannedNode, record: NodeRecord): Promise<void> {
  const binaries = run.binaries.get(node.major)!;
  const account = run.ctx.account();
  const step = (message: string) => run.say(`${node.service}: ${message}`, node.service);
  if (node.init) {
    const save = (pid: number | undefined) => ((record.pid = pid), writeState(run.state));
    const { dataDir, socketDir, logFile, port, args } = record;
    await bootstrapPrimary({ service: node.service, binaries, account, dataDir, socketDir, logFile, port, args, signal: run.options.signal, step, onServer: save }, node.init);
    return;
  }
  const upstream = run.state.nodes[node.upstream!];
  const login = run.plan.nodes.find((n) => n.service === upstream.service)!.login;
  await baseBackup({
    service: node.service,
    account,
    dataDir: record.dataDir,
    source: { service: upstream.service, endpoint: { host: '127.0.0.1', port: upstream.port }, login, dataDir: upstream.dataDir },
    slot: node.slot,
    standbyConfig: [
      `primary_conninfo = ${confString(conninfo({ host: '127.0.0.1', port: upstream.port, user: node.replication?.user, password: node.replication?.password, application_name: node.service }))}`,
      ...(node.slot ? [`primary_slot_name = ${confString(node.slot)}`] : []),
    ],
    signal: run.options.signal,
    step,
  });
}

/** Creates (or adopts the kept data of) one node, then starts it. */
async function ensureNode(run: UpRun, node: PlannedNode): Promise<void> {
  throwIfCancelled(run.options.signal);
  const { state } = run;
  let record = state.nodes[node.service];
  if (record && (record.port !== (node.port ?? record.port) || record.major !== node.major)) run.outdated.push(node.service);
  if (!record) {
    record = await newRecord(run, node);
    const kept = dataMajor(record.dataDir) !== undefined;
    record.initialized = kept;
    state.nodes[node.service] = record;
    if (!kept) run.created.push(node.service);
    writeState(state);
    if (kept) run.say(`${node.service}: reusing its kept data folder ${record.dataDir}`, node.service);
    else {
      prepareNodeDirs(run.ctx.account(), record);
      await fillData(run, node, record);
      record.initialized = true;
      writeState(state);
    }
  }
  const other = otherPrimary(state, record);
  if (other) return run.say(twoPrimariesMessage(record, other), node.service);
  const started = await startNode(record, run.binaries.get(record.major)!, run.ctx.account(), {
    timeoutMs: run.timeoutMs,
    signal: run.options.signal,
    note: (m) => run.say(m, node.service),
  });
  if (started.started) {
    Object.assign(record, { pid: started.pid, startedAt: new Date().toISOString(), stoppedAt: undefined });
    writeState(state);
  }
  run.say(`${node.service}: ${started.started ? 'started' : 'already running'} on 127.0.0.1:${record.port} (PID ${started.pid})`, node.service);
}

/** Nodes in waves: primaries, then the replicas of those, and so on (a wave's base backups run side by side). */
function waves(nodes: PlannedNode[]): PlannedNode[][] {
  const result: PlannedNode[][] = [];
  const placed = new Set<string>();
  let rest = nodes;
  while (rest.length) {
    const wave = rest.filter((n) => !n.upstream || placed.has(n.upstream) || !nodes.some((m) => m.service === n.upstream));
    if (wave.length === 0) return [...result, rest];
    result.push(wave);
    for (const n of wave) placed.add(n.service);
    rest = rest.filter((n) => !wave.includes(n));
  }
  return result;
}

/** Like Promise.all, but waits for every task to end before rethrowing the first failure (then rollback is safe). */
async function settleAll(tasks: Promise<void>[]): Promise<void> {
  const results = await Promise.allSettled(tasks);
  const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed) throw failed.reason;
}

/** Removes the nodes this run created (processes and folders); the state file goes when nothing is left. */
async function rollback(run: UpRun): Promise<void> {
  for (const service of run.created.reverse()) {
    const record = run.state.nodes[service];
    if (!record) continue;
    await stopServer(runningPid(record.dataDir, record.pid), record.dataDir, 'immediate', 10_000).catch(() => undefined);
    removeNodeFiles(record);
    delete run.state.nodes[service];
  }
}

/** Every port a node still has to take must be free before anything is created. */
async function checkPorts(run: UpRun): Promise<void> {
  const busy: string[] = [];
  for (const node of run.plan.nodes) {
    const record = run.state.nodes[node.service];
    if (record && runningPid(record.dataDir, record.pid)) continue;
    const port = record?.port ?? node.port;
    if (port === undefined || (await portFree(port))) continue;
    const holder = portHolder(port);
    busy.push(`port ${port} on 127.0.0.1 (service ${node.service}${holder ? `, held by ${holder}` : ''})`);
  }
  if (busy.length === 0) return;
  throw new ClusterError(
    'port-busy',
    `Cannot start project '${run.plan.project}': ${busy.join(', ')} ${busy.length === 1 ? 'is' : 'are'} already in use by another program. Nothing was created. ` +
      'Stop that program, or change the host port in the ports: list of the compose file.',
    [{ id: 'free-port', title: 'Show what uses the port' }, { id: 'edit-compose', title: 'Open the compose file' }],
  );
}

async function prepareBinaries(run: UpRun): Promise<void> {
  for (const major of new Set(run.plan.nodes.map((n) => n.major))) {
    run.binaries.set(major, await run.ctx.binaries(major, (e) => run.say(e.message), run.options.signal));
  }
}

function progress(options: RuntimeUpOptions, totalSteps: number): UpRun['say'] {
  let step = 0;
  return (message, service) => options.onProgress?.({ message, step: Math.min(++step, totalSteps), totalSteps: Math.max(totalSteps, step), service });
}

export async function nativeUp(ctx: NativeContext, topology: Topology, options: RuntimeUpOptions): Promise<RuntimeUpResult> {
  const startedAt = Date.now();
  const plan = checkedPlan(ctx, topology, options);
  const say = progress(options, plan.nodes.length * 5 + 2);
  for (const skipped of plan.skipped) say(`${skipped.service}: skipped — ${skipped.reason}`, skipped.service);
  for (const warning of plan.warnings) say(`warning: ${warning}`);
  const account = ctx.account();
  const stateDir = ctx.stateDirFor(plan.composeFile, plan.project);
  checkNameClash(ctx, plan, stateDir);
  ensureStateDir(stateDir);
  for (const dir of untraversableAncestors(account, stateDir, true)) say(`let account ${account.name} traverse ${dir} (o+x) to reach its data`);
  const state = readState(stateDir) ?? newState(plan.project, stateDir, plan.composeFile);
  const run: UpRun = { ctx, plan, state, binaries: new Map(), options, timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS, created: [], outdated: [], say };
  await adoptInterrupted(state, say);
  Object.assign(state, { upPid: process.pid, composeFile: plan.composeFile });
  writeState(state);
  registerProject(ctx.registryFile, state);
  try {
    await checkPorts(run);
    await prepareBinaries(run);
    for (const wave of waves(plan.nodes)) await settleAll(wave.map((node) => ensureNode(run, node)));
    if (options.wait !== false) await waitStreaming(run.state, plan, { timeoutMs: run.timeoutMs, signal: options.signal, say, currentRoles: options.currentRoles });
  } catch (error) {
    await rollback(run);
    throw options.signal?.aborted ? new ClusterError('cancelled', 'Cancelled; everything created in this run was removed.') : error;
  } finally {
    state.upPid = undefined;
    if (Object.keys(state.nodes).length) writeState(state);
    else {
      removeState(stateDir);
      unregisterProject(ctx.registryFile, stateDir);
    }
  }
  return {
    project: plan.project,
    nodes: plan.nodes.map((n) => ({
      service: n.service,
      name: `${plan.project}/${n.service}`,
      id: `${plan.project}/${n.service}`,
      role: state.nodes[n.service] ? currentRole(state.nodes[n.service]) : n.role,
      hostPort: state.nodes[n.service]?.port,
      ...(options.wait !== false && state.nodes[n.service] ? { standby: currentRole(state.nodes[n.service]) === 'replica' } : {}),
    })),
    created: run.created.length,
    elapsedMs: Date.now() - startedAt,
    outdated: run.outdated,
    skipped: plan.skipped,
  };
}

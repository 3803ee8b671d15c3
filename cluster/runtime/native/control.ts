/**
 * NodeControl over native processes (what failover actions drive): signals to postmasters, clean stops and
 * starts from the state file, nodes reached at 127.0.0.1:<port>. runOnData's scripts are written for the
 * postgres image (pg_rewind, pg_basebackup); the native packages have neither, so a script that rejoins or
 * seeds a standby (its environment names the replication source) is carried out as a fresh low-level base
 * backup instead, and any other script runs with bash on the data folder as the server account.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Topology } from '../../../core/model/topology';
import type { NodeControl } from '../types';
import { ClusterError } from '../errors';
import { loadTopology } from '../topologySource';
import { parseConninfo } from '../../../core/conninfo';
import { systemIdentifierOf } from '../../history/dataIdentity';
import { targetsFromTopology } from '../../monitor/targets';
import { baseBackup } from './baseBackup';
import type { NativeContext } from './context';
import { runLogged } from './entrypoint';
import { killRecord, oneState, startRecord, stopRecord } from './manage';
import { nodePaths, prepareNodeDirs, removeNodeFiles } from './nodes';
import { composeFileOf, type Login } from './plan';
import { runningPid, serverEnv, signalServer, stopServer, waitGone } from './server';
import { type NodeRecord, type ProjectState, writeState } from './state';

const OWN_SETTINGS = /^(listen_addresses|port|unix_socket_directories|cluster_name)=/;

/** A node's postgres arguments for another port and socket folder (its cluster_name follows the service). */
export function argsFor(template: string[], service: string, port: number, socketDir: string): string[] {
  const kept: string[] = [];
  let hadClusterName = false;
  for (let i = 0; i < template.length; i++) {
    if (template[i] === '-c' && OWN_SETTINGS.test(template[i + 1] ?? '')) {
      hadClusterName ||= template[i + 1].startsWith('cluster_name=');
      i++;
    } else kept.push(template[i]);
  }
  const own = [`listen_addresses=127.0.0.1`, `port=${port}`, `unix_socket_directories=${socketDir}`, ...(hadClusterName ? [`cluster_name=${service}`] : [])];
  return [...kept, ...own.flatMap((setting) => ['-c', setting])];
}

export class NativeNodeControl implements NodeControl {
  private topology: Topology | undefined;

  constructor(
    private readonly ctx: NativeContext,
    readonly project: string,
    topology?: Topology,
  ) {
    this.topology = topology;
  }

  private state(): ProjectState {
    return oneState(this.ctx, this.project, this.topology ? composeFileOf(this.topology) : undefined);
  }

  private node(service: string): { state: ProjectState; record: NodeRecord } {
    const state = this.state();
    const record = state.nodes[service];
    if (!record) throw new Error(`no native node for service '${service}' of project '${this.project}'; is the cluster up?`);
    return { state, record };
  }

  async signal(service: string, signal: 'SIGINT' | 'SIGTERM' | 'SIGKILL'): Promise<void> {
    const { state, record } = this.node(service);
    if (signal === 'SIGKILL') return killRecord(state, record);
    const pid = runningPid(record.dataDir, record.pid);
    if (!pid) return;
    signalServer(pid, signal === 'SIGINT' ? 'fast' : 'smart');
    Object.assign(record, { stoppedAt: new Date().toISOString(), stoppedBy: 'stop' });
    writeState(state);
  }

  async waitStopped(service: string, timeoutMs: number): Promise<void> {
    const { record } = this.node(service);
    const pid = runningPid(record.dataDir, record.pid);
    if (pid && !(await waitGone(pid, record.dataDir, timeoutMs))) throw new Error(`service '${service}' did not stop within ${timeoutMs} ms`);
  }

  async start(service: string): Promise<void> {
    const { state, record } = this.node(service);
    await startRecord(this.ctx, state, record);
  }

  async restart(service: string): Promise<void> {
    const { state, record } = this.node(service);
    await stopRecord(state, record);
    await startRecord(this.ctx, state, record);
  }

  internalAddress(service: string): { host: string; port: number } {
    return { host: '127.0.0.1', port: this.node(service).record.port };
  }

  /** The cluster's superuser login (every node is a copy of the primary: one login serves all). */
  private superuser(service: string): Login {
    const state = this.state();
    this.topology ??= state.composeFile ? loadTopology(state.composeFile) : undefined;
    const targets = this.topology ? targetsFromTopology(this.topology).targets : [];
    const target = targets.find((t) => t.service === service && t.password !== undefined) ?? targets.find((t) => t.password !== undefined) ?? targets[0];
    if (!target) throw new ClusterError('not-found', `No login for ${service}: the compose file of '${this.project}' is not readable.`);
    return { user: target.user, password: target.password, database: target.database };
  }

  /** The node a conninfo points at (127.0.0.1:<port> of one of ours). */
  private sourceOf(state: ProjectState, text: string): NodeRecord {
    const port = Number(parseConninfo(text).get('port'));
    const source = Object.values(state.nodes).find((r) => r.port === port);
    if (!source) throw new Error(`the replication source in "${text.replace(/password=\S+/, 'password=…')}" is not a native node of '${this.project}'`);
    return source;
  }

  /** A standby copy of the node `env` names as source, into `record`'s data folder (the node is stopped). */
  private async reseed(state: ProjectState, record: NodeRecord, env: Record<string, string>, log: string[]): Promise<void> {
    const source = this.sourceOf(state, env.PGHA_SOURCE || env.PGHA_REPLICATION);
    const slot = env.PGHA_SLOT || /'((?:[^']|'')*)'/.exec(env.PGHA_SLOT_LINE ?? '')?.[1]?.replace(/''/g, "'");
    log.push('pgha: no pg_rewind in the native packages; taking a fresh base backup');
    const done = await baseBackup({
      service: record.service,
      account: this.ctx.account(),
      dataDir: record.dataDir,
      source: { service: source.service, endpoint: { host: '127.0.0.1', port: source.port }, login: this.superuser(source.service), dataDir: source.dataDir },
      slot: env.PGHA_SLOT ? slot : undefined, // a rejoin's slot is made by the caller on the new primary
      standbyConfig: [env.PGHA_CONNINFO_LINE, env.PGHA_SLOT_LINE].filter((l): l is string => Boolean(l)),
      step: (message) => log.push(`pgha: ${message}`),
    });
    Object.assign(record, { role: 'replica', upstream: source.service, slot: slot ?? record.slot });
    writeState(state);
    log.push(`pgha: base backup done (${Math.round(done.bytes / 1024 / 1024)} MB, up to ${done.lsn})`);
  }

  async runOnData(service: string, script: string, env: Record<string, string>): Promise<{ exitCode: number; output: string }> {
    const { state, record } = this.node(service);
    return this.fillData(state, record, script, env);
  }

  /** runOnData on a record of `state` (the node must be stopped). */
  private async fillData(state: ProjectState, record: NodeRecord, script: string, env: Record<string, string>): Promise<{ exitCode: number; output: string }> {
    if (runningPid(record.dataDir, record.pid)) throw new Error(`service '${record.service}' is running; runOnData needs it stopped`);
    const log: string[] = [];
    if (env.PGHA_SOURCE || env.PGHA_REPLICATION) {
      try {
        await this.reseed(state, record, env, log);
        return { exitCode: 0, output: log.join('\n') };
      } catch (error) {
        return { exitCode: 3, output: [...log, `pgha: ${(error as Error).message}`].join('\n') };
      }
    }
    const binaries = await this.ctx.binaries(record.major);
    const scriptEnv = { ...serverEnv(), PATH: `${binaries.binDir}${path.delimiter}${process.env.PATH ?? ''}`, PGDATA: record.dataDir, ...env };
    const result = await runLogged({ account: this.ctx.account(), socketDir: record.socketDir, logFile: record.logFile }, 'bash', ['-c', script], scriptEnv);
    return { exitCode: result.code, output: result.output };
  }

  async createNode(template: string, service: string, hostPort: number, bootstrap: { script: string; env: Record<string, string> }): Promise<void> {
    const { state, record: model } = this.node(template);
    if (state.nodes[service]) throw new Error(`a node named '${service}' already exists in '${this.project}'`);
    const paths = nodePaths(state.stateDir, service, hostPort);
    const record: NodeRecord = { ...model, service, role: 'replica', port: hostPort, ...paths, args: argsFor(model.args, service, hostPort, paths.socketDir), template, initialized: false, createdAt: new Date().toISOString() };
    for (const key of ['pid', 'startedAt', 'stoppedAt', 'stoppedBy'] as const) delete record[key];
    state.nodes[service] = record;
    writeState(state);
    try {
      prepareNodeDirs(this.ctx.account(), record);
      const filled = await this.fillData(state, record, bootstrap.script, bootstrap.env);
      if (filled.exitCode !== 0) throw new Error(`could not fill the data of new node '${service}' (exit ${filled.exitCode}):\n${filled.output.slice(-2000)}`);
      record.initialized = true;
      writeState(state);
      await startRecord(this.ctx, state, record);
    } catch (error) {
      await stopServer(runningPid(record.dataDir, record.pid), record.dataDir, 'immediate', 10_000).catch(() => undefined);
      removeNodeFiles(record);
      delete state.nodes[service];
      writeState(state);
      throw error;
    }
  }

  /** The data folder's system identifier (`system <id>`), null without a data folder; throws when unreadable. */
  async dataIdentity(service: string): Promise<string | null> {
    const composeFile = this.topology ? composeFileOf(this.topology) : undefined;
    const dataDir = composeFile ? path.join(this.ctx.stateDirFor(composeFile, this.project), service, 'data') : this.state().nodes[service]?.dataDir;
    if (!dataDir || !fs.existsSync(path.join(dataDir, 'PG_VERSION'))) return null;
    const identifier = systemIdentifierOf(dataDir);
    if (!identifier) throw new Error(`cannot read ${dataDir}/global/pg_control`);
    return `system ${identifier}`;
  }

  async removeNode(service: string, options: { volumes: boolean }): Promise<void> {
    const { state, record } = this.node(service);
    await stopServer(runningPid(record.dataDir, record.pid), record.dataDir, 'fast', 30_000);
    if (options.volumes) removeNodeFiles(record);
    delete state.nodes[service];
    writeState(state);
  }
}

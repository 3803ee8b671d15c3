import { randomUUID } from 'crypto';
import type Docker from 'dockerode';
import { PassThrough } from 'stream';
import { officialDataDirectory } from '../../../core/dataDirectory';
import { containerName, nodeDataVolumeKey, volumeName } from '../../../core/names';
import { pollUntil } from '../../../core/poll';
import { DEFAULT_POSTGRES_PORT } from '../../../core/postgresPort';
import type { NodeControl } from '../types';
import { assertOwnComposeFile } from '../identity';
import type { Topology } from '../../../core/model/topology';
import { containerDataIdentity, modelDataIdentity } from './dataIdentity';
import { LABEL } from './labels';
import { execIn } from './probes';
import { isolateContainer, sqlInContainer } from './isolation';

const pgdataOf = (info: Docker.ContainerInspectInfo): string =>
  info.Config.Env.find((e) => e.startsWith('PGDATA='))?.slice('PGDATA='.length) ?? officialDataDirectory(undefined);

/**
 * NodeControl over the Docker Engine API for a compose-labelled project (ours or `docker compose`'s). Built only by
 * DockerRuntime.nodeControl; runOnData and createNode run their script in a one-off container with the node's image.
 */
export class DockerNodeControl implements NodeControl {
  constructor(
    private readonly docker: Docker,
    readonly project: string,
    private readonly containerPort = DEFAULT_POSTGRES_PORT,
    /** Only containers created from this compose file are touched (ours: pgha.compose-file; compose's: config_files). */
    private readonly composeFile?: string,
    /** The compose model, to find a node's data when its container is gone (dataIdentity). */
    private readonly topology?: Topology,
  ) {}

  private containersOf(service: string): Promise<Docker.ContainerInfo[]> {
    return this.docker.listContainers({ all: true, filters: { label: [`${LABEL.project}=${this.project}`, `${LABEL.service}=${service}`] } });
  }

  async container(service: string): Promise<Docker.Container> {
    const found = await this.containersOf(service);
    if (found.length === 0) throw new Error(`no container for service '${service}' of project '${this.project}'; is the cluster up?`);
    const owners = found.map((c) => c.Labels[LABEL.composeFile] ?? c.Labels[LABEL.configFiles]);
    assertOwnComposeFile(this.project, this.composeFile, owners, 'changed', 'Docker');
    return this.docker.getContainer(found[0].Id);
  }

  async signal(service: string, signal: 'SIGINT' | 'SIGTERM' | 'SIGKILL'): Promise<void> {
    const container = await this.container(service);
    await container.kill({ signal }).catch((error: { statusCode?: number }) => {
      if (error.statusCode !== 409) throw error; // 409: not running — already stopped is fine
    });
  }

  async isolate(service: string): Promise<() => Promise<void>> {
    return isolateContainer(this.docker, await this.container(service));
  }

  async localSql(service: string, sql: string): Promise<string> {
    return sqlInContainer(await this.container(service), sql);
  }

  async waitStopped(service: string, timeoutMs: number): Promise<void> {
    const container = await this.container(service);
    await pollUntil(async () => !(await container.inspect()).State.Running, {
      what: `service '${service}' to stop`,
      timeoutMs,
      intervalMs: 100,
      isFatal: () => true, // the engine's answer, not a transient state
      timeoutError: () => new Error(`service '${service}' did not stop within ${timeoutMs} ms`),
    });
  }

  async start(service: string): Promise<void> {
    const container = await this.container(service);
    await container.start().catch((error: { statusCode?: number }) => {
      if (error.statusCode !== 304) throw error; // 304: already running
    });
  }

  async restart(service: string): Promise<void> {
    await (await this.container(service)).restart({ t: 30 });
  }

  async dataIdentity(service: string): Promise<string | null> {
    if ((await this.containersOf(service)).length) return containerDataIdentity(this.docker, await (await this.container(service)).inspect());
    return this.topology ? modelDataIdentity(this.docker, this.topology, service) : null;
  }

  internalAddress(service: string): { host: string; port: number } {
    return { host: service, port: this.containerPort };
  }

  async runOnData(service: string, script: string, env: Record<string, string>): Promise<{ exitCode: number; output: string }> {
    const info = await (await this.container(service)).inspect();
    const pgdata = pgdataOf(info);
    const mounts = info.Mounts.filter((m) => m.Destination === pgdata || pgdata.startsWith(`${m.Destination}/`));
    if (mounts.length === 0) throw new Error(`service '${service}' keeps its data (${pgdata}) in no volume; cannot rewrite it while stopped`);
    return this.runHelper(info, mounts.map((m) => `${m.Type === 'volume' ? m.Name : m.Source}:${m.Destination}`), script, env);
  }

  async createNode(template: string, service: string, hostPort: number, bootstrap: { script: string; env: Record<string, string> }): Promise<void> {
    const info = await (await this.container(template)).inspect();
    const pgdata = pgdataOf(info);
    const labels = info.Config.Labels ?? {};
    const testLabel: Record<string, string> = labels['pgha.test'] ? { 'pgha.test': '1' } : {};
    if (labels[LABEL.managed]) testLabel[LABEL.managed] = 'true';
    const volume = volumeName(this.project, nodeDataVolumeKey(service));
    await this.docker.createVolume({ Name: volume, Labels: { [LABEL.project]: this.project, [LABEL.volume]: nodeDataVolumeKey(service), [LABEL.dataId]: randomUUID(), ...testLabel } });
    const otherBinds = info.Mounts.filter((m) => m.Destination !== pgdata && !pgdata.startsWith(`${m.Destination}/`)).map((m) => `${m.Type === 'volume' ? m.Name : m.Source}:${m.Destination}${m.RW ? '' : ':ro'}`);
    const binds = [`${volume}:${pgdata}`, ...otherBinds];
    const filled = await this.runHelper(info, [`${volume}:${pgdata}`], bootstrap.script, bootstrap.env);
    if (filled.exitCode !== 0) {
      await this.docker.getVolume(volume).remove().catch(() => undefined);
      throw new Error(`could not fill the data of new node '${service}' (exit ${filled.exitCode}):\n${filled.output.slice(-2000)}`);
    }
    const network = Object.keys(info.NetworkSettings.Networks ?? {})[0] ?? 'bridge';
    const cmd = (info.Config.Cmd ?? []).map((arg) => arg.replace(/^cluster_name=.*/, `cluster_name=${service}`));
    const portKey = `${this.containerPort}/tcp`;
    const container = await this.docker.createContainer({
      name: containerName(this.project, service),
      Image: info.Config.Image,
      Entrypoint: info.Config.Entrypoint ?? undefined,
      Cmd: cmd,
      Env: info.Config.Env,
      User: info.Config.User || undefined,
      Labels: { ...labels, [LABEL.service]: service, [LABEL.containerNumber]: '1', [LABEL.role]: 'replica', [LABEL.upstream]: template },
      ExposedPorts: { [portKey]: {} },
      HostConfig: {
        Binds: binds,
        PortBindings: { [portKey]: [{ HostIp: '127.0.0.1', HostPort: String(hostPort) }] },
        NetworkMode: network,
        RestartPolicy: info.HostConfig.RestartPolicy,
      },
      NetworkingConfig: { EndpointsConfig: { [network]: { Aliases: [service] } } },
    });
    try {
      await container.start();
    } catch (error) {
      await container.remove({ force: true }).catch(() => undefined);
      await this.docker.getVolume(volume).remove().catch(() => undefined);
      throw error;
    }
  }

  async execIn(service: string, cmd: string[], env: Record<string, string> = {}, keep?: number): Promise<{ exitCode: number; output: string }> {
    return execIn(await this.container(service), cmd, Object.entries(env).map(([k, v]) => `${k}=${v}`), undefined, keep);
  }

  async removeNode(service: string, options: { volumes: boolean }): Promise<void> {
    if ((await this.containersOf(service)).length === 0 && (await this.removePartialNode(service))) return;
    const container = await this.container(service);
    const info = await container.inspect();
    await container.remove({ force: true, v: false });
    if (options.volumes) {
      for (const mount of info.Mounts.filter((m) => m.Type === 'volume' && m.Name)) {
        await this.docker.getVolume(mount.Name as string).remove().catch(() => undefined);
      }
    }
  }

  /**
   * A node whose container was never created (a killed `replica add` during its base backup): the helper still
   * filling its new data volume, and that volume. False when there is neither.
   */
  private async removePartialNode(service: string): Promise<boolean> {
    const volume = volumeName(this.project, nodeDataVolumeKey(service));
    const ours = (await this.docker.listVolumes({ filters: { name: [volume], label: [`${LABEL.project}=${this.project}`] } })).Volumes ?? [];
    if (!ours.some((v) => v.Name === volume)) return false;
    for (const helper of await this.docker.listContainers({ all: true, filters: { volume: [volume], label: [`${LABEL.project}=${this.project}`] } })) {
      await this.docker.getContainer(helper.Id).remove({ force: true });
    }
    await this.docker.getVolume(volume).remove();
    return true;
  }

  private async runHelper(info: Docker.ContainerInspectInfo, binds: string[], script: string, env: Record<string, string>): Promise<{ exitCode: number; output: string }> {
    const pgdata = pgdataOf(info);
    const networks = Object.keys(info.NetworkSettings.Networks ?? {});
    const helper = await this.docker.createContainer({
      Image: info.Config.Image,
      Entrypoint: ['bash', '-c', script],
      Cmd: [],
      User: 'postgres',
      Env: [`PGDATA=${pgdata}`, ...Object.entries(env).map(([k, v]) => `${k}=${v}`)],
      // Our labels, so `ps` lists a helper a killed pgha left behind and `down` removes it (it holds the data volume).
      Labels: { ...helperLabels(info.Config.Labels ?? {}), ...(info.Config.Labels?.['pgha.test'] ? { 'pgha.test': '1' } : {}) },
      HostConfig: {
        Binds: binds,
        NetworkMode: networks[0] ?? 'bridge',
      },
    });
    try {
      const stream = await helper.attach({ stream: true, stdout: true, stderr: true });
      const chunks: Buffer[] = [];
      const sink = new PassThrough();
      sink.on('data', (chunk: Buffer) => chunks.push(chunk));
      this.docker.modem.demuxStream(stream, sink, sink);
      await helper.start();
      const result = (await helper.wait()) as { StatusCode: number };
      await new Promise((resolve) => setImmediate(resolve));
      (stream as unknown as { destroy?: () => void }).destroy?.();
      return { exitCode: result.StatusCode, output: Buffer.concat(chunks).toString('utf8') };
    } finally {
      await helper.remove({ force: true }).catch(() => undefined);
    }
  }
}

/** A helper container's labels: the node's project, file and service, marked one-off and helper. */
function helperLabels(node: Record<string, string>): Record<string, string> {
  const keep = [LABEL.project, LABEL.managed, LABEL.composeFile, LABEL.configFiles, LABEL.workingDir, LABEL.major];
  const labels: Record<string, string> = Object.fromEntries(keep.filter((k) => node[k] !== undefined).map((k) => [k, node[k]]));
  const service = node[LABEL.service] ?? 'node';
  return { ...labels, [LABEL.service]: `${service}-helper`, [LABEL.role]: 'helper', [LABEL.oneoff]: 'True', 'pgha.helper': 'true' };
}

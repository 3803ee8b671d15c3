/** Snapshots, runtime nodes and topologies for the views' unit tests (no Docker, no PostgreSQL). */
import type { ServiceModel, Topology } from '../../../core/model/topology';
import type { NodeLifecycle, RuntimeNode, RuntimeProject } from '../../../cluster/runtime/types';
import { evaluateCluster } from '../../../cluster/monitor/evaluate';
import { DEFAULT_THRESHOLDS, type ClusterSnapshot, type NodeStatus, type NodeTarget } from '../../../cluster/monitor/types';


export function service(name: string, role: ServiceModel['role'], hostPort?: number): ServiceModel {
  return {
    name,
   
    role,
    flavor: 'official',
    image: 'postgres:17',
    major: 17,
    environment: {},
    settings: [],
    ports: hostPort ? [{ hostIp: '127.0.0.1', hostPort, containerPort: 5432, protocol: 'tcp' }] : [],
    volumes: [],
    dependsOn: [],
    networks: [],
    secrets: [],
    envFiles: [],
    credentials: {},
    createdSlots: [],
    unsupportedKeys: [],
    upstream: role === 'replica' ? 'primary' : undefined,
    slot: role === 'replica' ? name : undefined,
  };
}

export function topology(project = 'ha-stack', uri = 'file:///ws/ha-stack/compose.yaml'): Topology {
  return {
    uri,
    project,
    services: [service('primary', 'primary', 15432), service('replica1', 'replica', 15433), service('replica2', 'replica', 15434)],
    edges: [],
    volumes: [],
    networks: [],
    secrets: {},
  };
}

/** A Docker runtime's node (container) of the ha-stack project. */
export function runtimeNode(service: string, role: string, lifecycle: NodeLifecycle = 'running', hostPort = 15432, project = 'ha-stack'): RuntimeNode {
  return {
    id: `id-${service}`,
    name: `${project}-${service}-1`,
    project,
    service,
    role,
    major: 17,
    composeFile: '/ws/ha-stack/compose.yaml',
    lifecycle,
    status: lifecycle === 'running' ? 'Up 2 minutes (healthy)' : 'Exited (0) 1 minute ago',
    ports: [{ hostIp: '127.0.0.1', hostPort, containerPort: 5432 }],
    runtime: 'docker',
  };
}

/** A project as a runtime lists it. */
export function runtimeProject(nodes: RuntimeNode[], project = 'ha-stack', composeFile?: string): RuntimeProject {
  return { project, composeFile, runtime: 'docker', nodes };
}

export function target(service: string, port: number, expectedRole: 'primary' | 'replica'): NodeTarget {
  return { service, host: '127.0.0.1', port, user: 'postgres', password: 'x', database: 'postgres', expectedRole, aliases: [service] };
}

const targets = [target('primary', 15432, 'primary'), target('replica1', 15433, 'replica'), target('replica2', 15434, 'replica')];

function primaryStatus(lsn: string): NodeStatus {
  return {
    service: 'primary',
    host: '127.0.0.1',
    port: 15432,
    state: 'up',
    role: 'primary',
    major: 17,
    serverVersionNum: 170002,
    timeline: 1,
    lsn,
    replication: ['replica1', 'replica2'].map((name, i) => ({
      pid: 100 + i,
      applicationName: name,
      clientAddr: '172.18.0.3',
      state: 'streaming',
      syncState: 'async',
      sentLsn: lsn,
      writeLsn: lsn,
      flushLsn: lsn,
      replayLsn: lsn,
      writeLagSeconds: null,
      flushLagSeconds: null,
      replayLagSeconds: null,
      replayLagBytes: 0,
    })),
    slots: ['replica1', 'replica2'].map((name, i) => ({
      name,
      type: 'physical',
      active: true,
      activePid: 100 + i,
      restartLsn: lsn,
      walStatus: 'reserved',
      retainedBytes: 0,
      safeWalSize: null,
      inactiveSince: null,
    })),
    publications: [],
    subscriptions: [],
    probeMs: 2,
  };
}

function replicaStatus(name: string, port: number, receiveLsn: string, replayLsn: string, streaming = true): NodeStatus {
  return {
    service: name,
    host: '127.0.0.1',
    port,
    state: 'up',
    role: 'replica',
    major: 17,
    timeline: 1,
    lsn: replayLsn,
    receiveLsn,
    replayLsn,
    replayPaused: false,
    lastReplayTimestamp: null,
    replication: [],
    slots: [],
    walReceiver: streaming
      ? { status: 'streaming', senderHost: 'primary', senderPort: 5432, slotName: name, receivedTimeline: 1, flushedLsn: receiveLsn, lastMessageReceiptTime: null }
      : null,
    publications: [],
    subscriptions: [],
    probeMs: 2,
  };
}

/** A healthy cluster, or one where replica2 lags by `lagBytes` (hex LSN arithmetic kept simple). */
export function snapshot(options: { lagBytes?: number; replica2Down?: boolean } = {}): ClusterSnapshot {
  const primaryLsn = 0x3000000 + (options.lagBytes ?? 0);
  const lsn = (n: number) => `0/${n.toString(16).toUpperCase()}`;
  const statuses: NodeStatus[] = [primaryStatus(lsn(primaryLsn)), replicaStatus('replica1', 15433, lsn(primaryLsn), lsn(primaryLsn))];
  if (options.replica2Down) {
    statuses.push({ service: 'replica2', host: '127.0.0.1', port: 15434, state: 'unreachable', detail: 'connect ECONNREFUSED', role: 'unknown', replication: [], slots: [], publications: [], subscriptions: [], probeMs: 1 });
  } else {
    statuses.push(replicaStatus('replica2', 15434, lsn(0x3000000), lsn(0x3000000)));
  }
  return evaluateCluster(statuses, targets, DEFAULT_THRESHOLDS, Date.parse('2026-01-01T00:00:00Z'), 4.2);
}

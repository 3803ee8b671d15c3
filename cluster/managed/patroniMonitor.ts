/**
 * The monitor's view of a Patroni cluster, beside its SQL probes: what the engine says (/cluster from one node that
 * answers, /patroni from every node) — the leader, each member's role, state, timeline, lag and pending restart,
 * whether the cluster is paused, and whether each node still reaches the distributed store.
 */
import type { ManagedCluster, Topology } from '../../core/model/topology';
import { serviceHostNames } from '../../core/names';
import type { NodeTarget } from '../monitor/types';
import { readCluster, readNode, type PatroniNodeView } from './patroniApi';
import { restEndpoint } from './patroniReady';

export interface PatroniMemberStatus {
  service: string;
  member: string;
  /** Patroni's role (leader, replica, sync_standby, standby_leader), or 'unknown' when the store does not list it. */
  role: string;
  state: string;
  timeline: number | null;
  lagBytes: number | null;
  pendingRestart: boolean;
  /** The node's REST API answered this refresh. */
  apiReachable: boolean;
  /** The node read the store within ttl (false: it lost the store, and a leader demotes itself then). */
  dcsReachable: boolean | null;
}

export interface PatroniStatus {
  manager: 'patroni';
  scope: string | null;
  leader: string | null;
  paused: boolean;
  members: PatroniMemberStatus[];
  problems: string[];
  /** Milliseconds the REST reads took (all nodes in parallel). */
  probeMs: number;
}

/** SQL targets for the nodes of a managed cluster: the superuser on each published PostgreSQL port; the role is Patroni's to say. */
export function managedTargets(topology: Topology): NodeTarget[] {
  const managed = topology.managed;
  if (!managed) return [];
  return managed.nodes.flatMap((node) =>
    node.pgHost
      ? [{ service: node.service, host: node.pgHost.ip, port: node.pgHost.port, user: managed.superuser.user, password: managed.superuser.password, database: 'postgres', aliases: serviceHostNames(topology.project, node.service) }]
      : [],
  );
}

async function nodeViews(managed: ManagedCluster): Promise<Map<string, PatroniNodeView>> {
  const views = new Map<string, PatroniNodeView>();
  await Promise.all(
    managed.nodes.map(async (node) => {
      const endpoint = restEndpoint(managed, node);
      if (!endpoint) return;
      try {
        views.set(node.member, await readNode(endpoint, 1000));
      } catch {
        /* not answering: apiReachable false */
      }
    }),
  );
  return views;
}

async function clusterView(managed: ManagedCluster, answering: string[]) {
  for (const node of managed.nodes.filter((n) => answering.includes(n.member))) {
    try {
      return await readCluster(restEndpoint(managed, node)!, 1000);
    } catch {
      /* the next node */
    }
  }
  return undefined;
}

function findings(managed: ManagedCluster, status: Omit<PatroniStatus, 'problems' | 'probeMs'>): string[] {
  const problems: string[] = [];
  if (!status.members.some((m) => m.apiReachable)) return [`Patroni: no node's REST API answers (${managed.nodes.map((n) => n.service).join(', ')})`];
  if (!status.leader) problems.push('Patroni: no leader (the leader key is free: an election is running, or no member can lead)');
  if (status.paused) problems.push('Patroni: the cluster is paused (maintenance mode): no automatic failover');
  for (const m of status.members) {
    if (!m.apiReachable) problems.push(`Patroni: ${m.service} does not answer on its REST API`);
    if (m.dcsReachable === false) problems.push(`Patroni: ${m.service} has not reached etcd within ttl (${managed.ttl} s)`);
    if (m.pendingRestart) problems.push(`Patroni: ${m.service} needs a restart for a changed setting (pending restart)`);
    if (m.apiReachable && m.role !== 'leader' && m.state !== 'running' && m.state !== 'streaming') problems.push(`Patroni: ${m.service} is ${m.state}`);
  }
  return problems;
}

/** One read of the engine's view (never throws: a node that does not answer is a finding). */
export async function probePatroni(managed: ManagedCluster, now: number = Date.now()): Promise<PatroniStatus> {
  const started = performance.now();
  const views = await nodeViews(managed);
  const cluster = await clusterView(managed, [...views.keys()]);
  const members = managed.nodes.map((node): PatroniMemberStatus => {
    const listed = cluster?.members.find((m) => m.name === node.member);
    const view = views.get(node.member);
    const seen = view?.dcsLastSeen;
    return {
      service: node.service,
      member: node.member,
      role: listed?.role ?? 'unknown',
      state: listed?.state ?? view?.state ?? 'unreachable',
      timeline: listed?.timeline ?? view?.timeline ?? null,
      lagBytes: listed?.lag ?? null,
      pendingRestart: listed?.pendingRestart ?? view?.pendingRestart ?? false,
      apiReachable: view !== undefined,
      dcsReachable: seen === undefined ? null : now / 1000 - seen <= managed.ttl,
    };
  });
  const base = { manager: 'patroni' as const, scope: cluster?.scope ?? managed.scope ?? null, leader: cluster?.leader ?? null, paused: cluster?.paused ?? [...views.values()].some((v) => v.paused), members };
  return { ...base, problems: findings(managed, base), probeMs: performance.now() - started };
}

/**
 * When a launched Patroni cluster is up: one member holds the leader key and every other member streams from it,
 * as Patroni itself reports through the REST API of each node (published on 127.0.0.1).
 */
import type { ManagedCluster, ManagedNode } from '../../core/model/topology';
import { pollUntil } from '../runtime/poll';
import { isLeaderRole, readCluster, readNode, type RestEndpoint } from './patroniApi';

export interface PatroniReady {
  leader: string;
  /** Members streaming from the leader (application names as the leader's /patroni lists them). */
  streaming: string[];
  synchronous: string[];
}

/** How pgha reaches a node's REST API from this machine, or undefined when its port is not published. */
export function restEndpoint(managed: ManagedCluster, node: ManagedNode): RestEndpoint | undefined {
  return node.restHost ? { host: node.restHost.ip, port: node.restHost.port, auth: managed.restAuth } : undefined;
}

/** One look: the leader and who streams from it, or undefined while the cluster is not there yet. */
export async function patroniReadiness(managed: ManagedCluster): Promise<PatroniReady | undefined> {
  const reachable = managed.nodes.map((node) => ({ node, endpoint: restEndpoint(managed, node) })).filter((n) => n.endpoint);
  for (const { endpoint } of reachable) {
    let cluster;
    try {
      cluster = await readCluster(endpoint!, 1500);
    } catch {
      continue;
    }
    const leaderNode = managed.nodes.find((n) => n.member === cluster.leader);
    const leaderEndpoint = leaderNode && restEndpoint(managed, leaderNode);
    if (!leaderEndpoint) return undefined;
    const view = await readNode(leaderEndpoint, 1500);
    if (!isLeaderRole(view.role) || view.state !== 'running') return undefined;
    const streaming = view.replication.filter((r) => r.state === 'streaming').map((r) => r.applicationName);
    const others = managed.nodes.filter((n) => n.member !== cluster.leader).map((n) => n.member);
    if (!others.every((m) => streaming.includes(m))) return undefined;
    return { leader: cluster.leader!, streaming, synchronous: view.replication.filter((r) => r.syncState === 'sync').map((r) => r.applicationName) };
  }
  return undefined;
}

/** Waits until Patroni reports a leader and every other member streaming (ClusterError 'timeout' otherwise). */
export function waitForPatroni(managed: ManagedCluster, options: { signal?: AbortSignal; timeoutMs?: number }): Promise<PatroniReady> {
  const unpublished = managed.nodes.filter((n) => !n.restHost).map((n) => n.service);
  const what = `Patroni to elect a leader and ${managed.nodes.length - 1} streaming replica(s)${unpublished.length ? ` (REST API not published on this machine: ${unpublished.join(', ')})` : ''}`;
  return pollUntil(() => patroniReadiness(managed), what, options);
}

/** The member Patroni reports leading, asked of each node in turn (`except`: a node not to ask); undefined while none leads. */
export async function currentLeader(managed: ManagedCluster, except?: string): Promise<string | undefined> {
  for (const node of managed.nodes.filter((n) => n.service !== except)) {
    const endpoint = restEndpoint(managed, node);
    const leader = endpoint && (await readCluster(endpoint, 1000).catch(() => undefined))?.leader;
    if (leader) return leader;
  }
  return undefined;
}

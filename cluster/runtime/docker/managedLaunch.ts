/**
 * `up` of a managed (Patroni) cluster in Docker: the etcd members start first and the nodes only once etcd has a
 * quorum (a linearizable read succeeds: `etcdctl endpoint health` inside a member, so no container address is used
 * from this machine); after every node started, the launch waits until Patroni reports a leader and streaming
 * replicas through the nodes' published REST API.
 */
import type Docker from 'dockerode';
import type { Topology } from '../../../core/model/topology';
import { waitForPatroni, type PatroniReady } from '../../managed/patroniReady';
import { pollUntil } from '../poll';
import { execIn } from './probes';
import type { PlannedService } from './plan';
import type { Progress, RunOptions } from './readiness';

async function quorumAnswer(containers: Docker.Container[]): Promise<string | undefined> {
  for (const container of containers) {
    try {
      const health = await execIn(container, ['etcdctl', '--command-timeout=2s', 'endpoint', 'health'], ['ETCDCTL_API=3']);
      if (health.exitCode !== 0) continue;
      const members = await execIn(container, ['etcdctl', 'member', 'list'], ['ETCDCTL_API=3']);
      return `${members.output.split('\n').filter((l) => l.includes(',')).length} member(s)`;
    } catch {
      /* not running yet: the next member, or the next poll */
    }
  }
  return undefined;
}

/**
 * A gate the launcher awaits before starting each service: a Patroni node waits (once, shared) until the etcd
 * members answer with a quorum; other services pass at once.
 */
export function dcsQuorumGate(topology: Topology, containers: Map<string, Docker.Container>, options: RunOptions, progress: Progress): (service: PlannedService) => Promise<void> {
  const managed = topology.managed;
  let quorum: Promise<void> | undefined;
  return async (service) => {
    if (!managed?.dcs.length || !managed.nodes.some((n) => n.service === service.name)) return;
    quorum ??= (async () => {
      progress(`Waiting for an etcd quorum (${managed.dcs.join(', ')})`);
      const members = managed.dcs.flatMap((name) => (containers.has(name) ? [containers.get(name)!] : []));
      const said = await pollUntil(() => quorumAnswer(members), `etcd (${managed.dcs.join(', ')}) to have a quorum`, options);
      progress(`etcd has a quorum (${said})`);
    })();
    await quorum;
  };
}

/** After the nodes started: the leader and its streaming replicas, as Patroni reports them. */
export async function managedReady(topology: Topology, options: RunOptions, progress: Progress): Promise<PatroniReady | undefined> {
  if (!topology.managed || options.wait === false) return undefined;
  progress(`Waiting for Patroni to elect a leader (${topology.managed.nodes.map((n) => n.service).join(', ')})`);
  const ready = await waitForPatroni(topology.managed, options);
  progress(`Patroni: ${ready.leader} leads; ${ready.streaming.join(', ') || 'no replica'} stream${ready.synchronous.length ? ` (synchronous: ${ready.synchronous.join(', ')})` : ''}`);
  return ready;
}

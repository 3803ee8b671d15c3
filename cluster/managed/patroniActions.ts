/**
 * Role changes on a Patroni cluster go through Patroni (its REST API on the published port), never behind its back:
 * a switchover is `POST /switchover` to the leader, a promote is Patroni's manual failover (`POST /failover`), and
 * the action then waits until Patroni reports the chosen member leading with every other member streaming from it.
 * pgha's own promotion (pg_promote, primary_conninfo rewrites) refuses on such a cluster: Patroni holds the leader
 * key in etcd and would demote a primary it did not elect, or rewind it.
 */
import type { ManagedCluster, ManagedNode } from '../../core/model/topology';
import { ActionLog, type ActionContext, type ActionReport, stepTimeout } from '../failover/context';
import { pollUntil } from '../runtime/poll';
import { restCall, type RestEndpoint } from './patroniApi';
import { probePatroni } from './patroniMonitor';
import { patroniReadiness, restEndpoint } from './patroniReady';

/** Why pgha does not change roles itself on a managed cluster (the message of every refusal). */
export function managedRefusal(what: string, managed: ManagedCluster, instead = "use pgha promote / pgha switchover, which go through Patroni's REST API"): string {
  return `${what} refused: Patroni manages this cluster (scope ${managed.scope ?? '?'}) and holds the leader key in etcd; a role changed behind its back would be undone (Patroni demotes or rewinds a primary it did not elect). Instead, ${instead}.`;
}

function nodeFor(managed: ManagedCluster, service: string): ManagedNode & { endpoint: RestEndpoint } {
  const node = managed.nodes.find((n) => n.service === service || n.member === service);
  if (!node) throw new Error(`no Patroni node named '${service}'; nodes: ${managed.nodes.map((n) => n.service).join(', ')}`);
  const endpoint = restEndpoint(managed, node);
  if (!endpoint) throw new Error(`${node.service} publishes no port for Patroni's REST API (${node.restPort}); add e.g. "127.0.0.1:8008:${node.restPort}" under ports:`);
  return { ...node, endpoint };
}

type PatroniEndpoint = '/switchover' | '/failover';

async function askPatroni(log: ActionLog, node: ManagedNode & { endpoint: RestEndpoint }, path: PatroniEndpoint, body: Record<string, string>): Promise<void> {
  log.step(`asking Patroni: POST ${path} ${JSON.stringify(body)} on ${node.service} (127.0.0.1:${node.endpoint.port})`);
  log.commit();
  const answer = await restCall(node.endpoint, 'POST', path, body, 60_000);
  const said = answer.body.trim().slice(0, 500);
  if (answer.status !== 200) throw new Error(`Patroni refused (HTTP ${answer.status}): ${said || 'no reason given'}`);
  log.step(`Patroni: ${said}`);
}

async function waitForLeader(ctx: ActionContext, log: ActionLog, managed: ManagedCluster, member: string): Promise<void> {
  const ready = await pollUntil(
    async () => {
      const seen = await patroniReadiness(managed);
      return seen?.leader === member ? seen : undefined;
    },
    `Patroni to report ${member} leading with every other member streaming`,
    { signal: ctx.signal, timeoutMs: stepTimeout(ctx) },
  );
  log.step(`${member} leads; ${ready.streaming.join(', ') || 'no member'} stream${ready.synchronous.length ? ` (synchronous: ${ready.synchronous.join(', ')})` : ''}`);
}

/** Planned switchover through Patroni: the leader hands over to `service`. */
export async function patroniSwitchover(ctx: ActionContext, managed: ManagedCluster, service: string): Promise<ActionReport> {
  const log = new ActionLog(`switchover to ${service} (through Patroni)`, ctx);
  const candidate = nodeFor(managed, service);
  const status = await probePatroni(managed);
  if (!status.leader) throw new Error(`switchover needs a leader and Patroni reports none; use pgha promote ${service} (Patroni's failover)`);
  if (status.leader === candidate.member) throw new Error(`${service} already leads; nothing to switch over`);
  const leader = nodeFor(managed, status.leader);
  await askPatroni(log, leader, '/switchover', { leader: status.leader, candidate: candidate.member });
  await waitForLeader(ctx, log, managed, candidate.member);
  return log.report();
}

/** Failover through Patroni: `service` is promoted by Patroni (the leader may be gone); asked on the candidate itself. */
export async function patroniFailover(ctx: ActionContext, managed: ManagedCluster, service: string): Promise<ActionReport> {
  const log = new ActionLog(`promote ${service} (Patroni failover)`, ctx);
  const candidate = nodeFor(managed, service);
  const status = await probePatroni(managed);
  if (status.leader === candidate.member) throw new Error(`${service} already leads; nothing to promote`);
  await askPatroni(log, candidate, '/failover', { candidate: candidate.member });
  await waitForLeader(ctx, log, managed, candidate.member);
  return log.report();
}

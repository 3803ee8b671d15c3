/**
 * What the code lenses of a compose file say, from the live state of its cluster: above `services:` the cluster's
 * state with the one action that fits (Start or Stop), above each PostgreSQL service its role · activity · lag
 * (the tree's words, from the same monitor snapshot) with the actions its state allows (start, stop, promote,
 * psql). vscode-free: the provider maps these to CodeLens objects.
 */
import type { ClusterSnapshot } from '../../../cluster/monitor/types';
import { activityOf, lagText, lifecycleOf, roleOf, type NodeEntry } from '../views/nodes/nodeItems';
import type { ClusterEntry } from '../views/clusters/clusterList';

export const FOCUS_CLUSTERS = 'pgha.clusters.focus';

export interface LensSpec {
  /** 0-based line of the document. */
  line: number;
  title: string;
  command: string;
  /** 'cluster': the compose URI; a node: the tree's node argument; none: a plain label. */
  target: 'cluster' | 'none' | { node: NodeEntry };
  tooltip?: string;
}

/** Where `services:` and each service's key are (block style only; a flow mapping gets the cluster lens alone). */
export function serviceLines(text: string): { services: number; byName: Map<string, number> } {
  const lines = text.split('\n');
  const byName = new Map<string, number>();
  const services = lines.findIndex((l) => /^services\s*:\s*(#.*)?$/.test(l.trimEnd()));
  if (services < 0) return { services: Math.max(0, lines.findIndex((l) => /^services\s*:/.test(l))), byName };
  let indent: number | undefined;
  for (let i = services + 1; i < lines.length; i++) {
    const line = lines[i];
    if (!line.trim() || /^\s*#/.test(line)) continue;
    const width = line.length - line.trimStart().length;
    if (width === 0) break;
    indent ??= width;
    if (width !== indent) continue;
    const key = /^\s*(?:"([^"]+)"|'([^']+)'|([^\s:#'"][^:#]*?))\s*:(\s|$)/.exec(line);
    const name = key?.[1] ?? key?.[2] ?? key?.[3];
    if (name) byName.set(name, i);
  }
  return { services, byName };
}

/** The cluster's line: its state (and summary while it runs) plus Start or Stop, whichever fits. */
function clusterSpecs(line: number, cluster: ClusterEntry | undefined, snapshot: ClusterSnapshot | undefined, count: number): LensSpec[] {
  const state = cluster?.state ?? 'not created';
  const running = state === 'running' || state === 'partial';
  const status = running && snapshot ? `${state} · ${snapshot.summary}` : state;
  const specs: LensSpec[] = [{ line, title: `$(database) ${cluster?.project ?? 'cluster'}: ${status}`, command: FOCUS_CLUSTERS, target: 'none', tooltip: snapshot?.problems.join('\n') }];
  if (state !== 'running') specs.push({ line, title: `▶ Start cluster (${count} PostgreSQL service${count === 1 ? '' : 's'})`, command: 'pgha.cluster.start', target: 'cluster' });
  if (running) specs.push({ line, title: '■ Stop cluster', command: 'pgha.cluster.stop', target: 'cluster' });
  return specs;
}

/** A node's line: "replica · streaming · lag 0 B · 0 ms", then what can be done to it now. */
function nodeSpecs(line: number, node: NodeEntry): LensSpec[] {
  const lifecycle = lifecycleOf(node);
  const role = roleOf(node);
  const live = lifecycle === 'running' || lifecycle === 'attached';
  const words = [role, activityOf(node), live ? lagText(node.view) : undefined, node.failure].filter((w): w is string => Boolean(w));
  const specs: LensSpec[] = [{ line, title: words.join(' · '), command: FOCUS_CLUSTERS, target: 'none', tooltip: node.failure }];
  const act = (title: string, command: string): LensSpec => ({ line, title, command, target: { node } });
  if (lifecycle === 'stopped' || lifecycle === 'dead') specs.push(act('▶ Start', 'pgha.node.start'));
  if (lifecycle === 'running' || lifecycle === 'starting' || lifecycle === 'restarting') specs.push(act('■ Stop', 'pgha.node.stop'));
  if (lifecycle === 'running' && node.view?.state === 'up') {
    if (role === 'replica') specs.push(act('⇧ Promote', 'pgha.monitor.promote'));
    specs.push(act('psql', 'pgha.node.psql'));
  }
  return specs;
}

/** Every lens of a compose file whose cluster is `cluster` (undefined: no runtime knows it yet). */
export function composeLensSpecs(text: string, cluster: ClusterEntry | undefined, snapshot: ClusterSnapshot | undefined, nodes: NodeEntry[]): LensSpec[] {
  const { services, byName } = serviceLines(text);
  const postgres = nodes.filter((n) => !n.attached);
  const specs = clusterSpecs(services, cluster, snapshot, postgres.length);
  for (const node of postgres) {
    const line = byName.get(node.service);
    if (line !== undefined) specs.push(...nodeSpecs(line, node));
  }
  return specs;
}

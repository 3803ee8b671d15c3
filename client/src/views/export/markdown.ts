/** "Copy status as Markdown": the monitor's table for a cluster, or its runtime nodes when it is not running. vscode-free. */
import { renderStatusMarkdown } from '../../../../cluster/monitor/format';
import type { ClusterSnapshot } from '../../../../cluster/monitor/types';
import type { ClusterEntry } from '../clusters/clusterList';

export function clusterMarkdown(cluster: ClusterEntry, snapshot: ClusterSnapshot | undefined): string {
  const title = `Cluster ${cluster.project}${cluster.composePath ? ` (${cluster.composePath.split(/[\\/]/).slice(-2).join('/')})` : ''}`;
  if (snapshot) return renderStatusMarkdown(snapshot, title);
  const lines = [`### ${title}`, '', `**${cluster.state}** — no live status (the cluster is not running or not reachable)`];
  if (cluster.nodes.length) {
    lines.push('', '| service | runs as | role | state |', '|---|---|---|---|');
    for (const n of cluster.nodes) lines.push(`| ${n.service} | ${n.name} | ${n.role} | ${n.status || n.lifecycle} |`);
  }
  return lines.join('\n') + '\n';
}

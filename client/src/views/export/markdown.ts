/** "Copy status as Markdown": the monitor's table for a cluster, or its containers when it is not running. vscode-free. */
import { renderStatusMarkdown } from '../../../../cluster/monitor/format';
import type { ClusterSnapshot } from '../../../../cluster/monitor/types';
import type { ClusterEntry } from '../clusters/clusterList';

export function clusterMarkdown(cluster: ClusterEntry, snapshot: ClusterSnapshot | undefined): string {
  const title = `Cluster ${cluster.project}${cluster.composePath ? ` (${cluster.composePath.split(/[\\/]/).slice(-2).join('/')})` : ''}`;
  if (snapshot) return renderStatusMarkdown(snapshot, title);
  const lines = [`### ${title}`, '', `**${cluster.state}** — no live status (the cluster is not running or not reachable)`];
  if (cluster.containers.length) {
    lines.push('', '| service | container | role | state |', '|---|---|---|---|');
    for (const c of cluster.containers) lines.push(`| ${c.service} | ${c.name} | ${c.role} | ${c.status || c.state} |`);
  }
  return lines.join('\n') + '\n';
}

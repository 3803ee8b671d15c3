/** "Copy status as Markdown" on a cluster, and "Attach to existing cluster" (monitoring only). */
import * as vscode from 'vscode';
import { Monitor } from '../../../../cluster/monitor/monitor';
import { targetsFromConnectionStrings } from '../../../../cluster/monitor/targets';
import { clusterTargets } from '../../views/clusters/clusterTargets';
import { SecretCredentials } from '../../views/credentials';
import { clusterMarkdown } from '../../views/export/markdown';
import { readClusterSettings } from '../../views/settings';
import type { ClusterSnapshot } from '../../../../cluster/monitor/types';
import type { Ctx } from '../../ctx';
import type { ClusterEntry } from '../../views/clusters/clusterList';
import { FRESH_SNAPSHOT_COMMAND } from '../../views/clusterWorkspace';
import { resolveCluster, showFailure } from '../cluster/shared';
import type { CommandFactory } from '../index';

/** One refresh without the view's monitor (the cluster is not monitored yet): its own short-lived connections. */
async function oneShotSnapshot(ctx: Ctx, cluster: ClusterEntry): Promise<ClusterSnapshot | undefined> {
  const { targets } = clusterTargets(cluster);
  if (!targets.length || cluster.state === 'not created' || cluster.state === 'stopped') return undefined;
  const settings = readClusterSettings();
  const monitor = new Monitor(targets, { thresholds: settings.thresholds, credentials: new SecretCredentials(ctx.extensionContext.secrets).provider });
  try {
    return await monitor.refresh();
  } finally {
    await monitor.dispose();
  }
}

/**
 * A fresh snapshot (one refresh) so the copied table is current — the view's own monitor when it watches the cluster,
 * so the Markdown, the tree and the status bar show the same figures. Returns the Markdown (tests read it).
 */
export const copyStatusMarkdown: CommandFactory = (ctx) => async (arg?: unknown) => {
  const cluster = await resolveCluster(ctx, arg, undefined, 'Choose the cluster whose status to copy');
  if (!cluster) return undefined;
  try {
    const viewed = await vscode.commands.executeCommand<ClusterSnapshot | undefined>(FRESH_SNAPSHOT_COMMAND, cluster.id).then(undefined, () => undefined);
    const snapshot = viewed ?? (await oneShotSnapshot(ctx, cluster));
    const markdown = clusterMarkdown(cluster, snapshot);
    await vscode.env.clipboard.writeText(markdown);
    void vscode.window.showInformationMessage(`PostgreSQL HA: the status of ${cluster.project} was copied to the clipboard as Markdown.`);
    return markdown;
  } catch (error) {
    showFailure(ctx, `Copying the status of ${cluster.project}`, error);
    return undefined;
  }
};

/**
 * Adds a node of a cluster we do not manage to pgha.attach.connections. A password in the string is moved to
 * the secret storage, never written to settings.
 */
export const attachCluster: CommandFactory = (ctx) => async (connection?: string) => {
  const text =
    connection ??
    (await vscode.window.showInputBox({
      title: 'Attach to an existing cluster (monitoring only)',
      prompt: 'One node: postgresql://user@host:port/db or host=… port=… user=… (add each node the same way)',
      placeHolder: 'postgresql://postgres@127.0.0.1:5432/postgres',
      ignoreFocusOut: true,
      validateInput: (value) => {
        try {
          targetsFromConnectionStrings([value]);
          return undefined;
        } catch (error) {
          return (error as Error).message;
        }
      },
    }));
  if (!text) return false;
  try {
    const [target] = targetsFromConnectionStrings([text]);
    let stored = text.trim();
    if (target.password !== undefined) {
      await ctx.extensionContext.secrets.store(`pgha.password/${target.user}@${target.host}:${target.port}`, target.password);
      stored = stored.replace(/(postgres(?:ql)?:\/\/[^:@/]*):[^@]*@/i, '$1@').replace(/\s*password\s*=\s*('(?:[^'\\]|\\.)*'|\S+)/i, '');
    }
    const current = readClusterSettings().attachConnections;
    if (!current.includes(stored)) {
      const target_ = vscode.workspace.workspaceFolders?.length ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global;
      await vscode.workspace.getConfiguration('pgha').update('attach.connections', [...current, stored], target_);
    }
    void vscode.commands.executeCommand('pgha.clusters.focus');
    return true;
  } catch (error) {
    showFailure(ctx, 'Attaching to the cluster', error);
    return false;
  }
};

/**
 * Code lenses of compose files from the live cluster (composeLensModel.ts): the state of the cluster and of each
 * PostgreSQL service, with only the actions that fit. Same source as the tree (the workspace's list and monitor
 * snapshot), so the lens, the tree and the status bar never disagree. Lenses are asked again only when their
 * text would change, not on every monitor refresh.
 */
import * as vscode from 'vscode';
import { COMPOSE_FILE_GLOB } from '../../../language/formats/compose/format';
import { fetchTopology } from '../views/clusters/discovery';
import type { ClusterEntry } from '../views/clusters/clusterList';
import { lensClusterOf } from './lensCluster';
import type { ClusterWorkspace } from '../views/clusterWorkspace';
import type { ClusterViewDeps } from '../views/deps';
import { nodeEntries } from '../views/nodes/nodeItems';
import { lastKnownRoles } from '../views/splitBrain';
import { composeLensSpecs, type LensSpec } from './composeLensModel';

/** Compose files on disk, whatever language mode they are in (yaml, dockercompose, ours). */
export const COMPOSE_LENS_SELECTOR: vscode.DocumentSelector = { scheme: 'file', pattern: COMPOSE_FILE_GLOB };

/** Commands whose lenses the language server also offers; the client drops the server's copies (languageClient.ts). */
export const LIVE_LENS_COMMANDS = new Set(['pgha.cluster.start', 'pgha.cluster.stop']);

export class ComposeLiveLenses implements vscode.CodeLensProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;
  /** Document URI → the lens titles last provided, to fire only when one changes. */
  private readonly shown = new Map<string, string>();
  private readonly subscription: vscode.Disposable;

  constructor(
    private readonly workspace: ClusterWorkspace,
    private readonly deps: ClusterViewDeps,
  ) {
    this.subscription = workspace.onDidChange(() => {
      for (const [uri, signature] of this.shown) {
        const cluster = this.workspace.clusters.find((c) => c.composeUri === uri);
        const document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri);
        if (!document) this.shown.delete(uri);
        else if (cluster && signatureOf(this.specs(document.getText(), cluster)) !== signature) return this.changed.fire();
      }
    });
  }

  async provideCodeLenses(document: vscode.TextDocument): Promise<vscode.CodeLens[]> {
    const cluster = await this.clusterOf(document);
    if (!cluster) return [];
    const specs = this.specs(document.getText(), cluster);
    this.shown.set(document.uri.toString(), signatureOf(specs));
    return specs.map((spec) => this.lens(document, cluster, spec));
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }

  private specs(text: string, cluster: ClusterEntry): LensSpec[] {
    const nodes = nodeEntries(cluster, this.workspace.snapshotOf(cluster.id), lastKnownRoles(cluster), (instance) => this.workspace.failureOf(instance));
    return composeLensSpecs(text, cluster, this.workspace.snapshotOf(cluster.id), nodes);
  }

  /** The workspace's cluster of this file; for a file it did not list, the model from the server (not created). */
  private async clusterOf(document: vscode.TextDocument): Promise<ClusterEntry | undefined> {
    const uri = document.uri.toString();
    const listed = this.workspace.clusters.find((c) => c.composeUri === uri);
    if (listed || document.uri.scheme !== 'file') return listed;
    const topology = await fetchTopology(this.deps, document.uri, 1500).catch(() => undefined);
    if (!topology) return undefined;
    return lensClusterOf(this.workspace.clusters, { uri, fsPath: document.uri.fsPath, topology });
  }

  private lens(document: vscode.TextDocument, cluster: ClusterEntry, spec: LensSpec): vscode.CodeLens {
    const range = document.lineAt(Math.min(spec.line, document.lineCount - 1)).range;
    const args = spec.target === 'cluster' ? [document.uri.toString()] : spec.target === 'none' ? [] : [{ kind: 'node', cluster, node: spec.target.node }];
    return new vscode.CodeLens(range, { title: spec.title, command: spec.command, arguments: args, tooltip: spec.tooltip });
  }
}

const signatureOf = (specs: LensSpec[]): string => specs.map((s) => `${s.line}:${s.title}:${s.command}`).join('\n');

import type { LanguageClient } from 'vscode-languageclient/node';
import type { ClusterViewsApi } from './views';

/** What activate() returns: a small surface for tests and other extensions. */
export interface PghaApi {
  /** The running language client, if any. */
  readonly languageClient: LanguageClient | undefined;
  /** Text of the target-major status bar item while it is shown ("PG 17"), else undefined. */
  readonly targetMajorStatusText: string | undefined;
  /** Re-reads the target major from the server and resolves once the status bar shows it. */
  refreshTargetMajorStatus(): Promise<void>;
  /** The Clusters tree and cluster status bar (tests read them). */
  readonly clusterViews: ClusterViewsApi;
}

/**
 * The replication monitor core (vscode-free), for the CLI and the VS Code views:
 *
 *   const { targets } = targetsFromTopology(topology);        // or targetsFromConnectionStrings([...]) to attach
 *   const monitor = new Monitor(targets, { intervalMs, thresholds, credentials: askOnceViaSecretStorage });
 *   monitor.onSnapshot((s) => render(s.nodes, s.summary, s.health));   // ClusterSnapshot after every refresh
 *   monitor.start();              // while the view is visible; stop() when hidden; dispose() at the end
 *   void monitor.refresh();       // on a Docker event: runs now, or once right after the running refresh
 *
 * Failures are node states (`unreachable`, `authentication failed`, `starting up`…), never exceptions.
 * NodeView.health/problems apply `monitor.thresholds`; `lag.secondsSource === 'last-replay'` deserves IDLE_LAG_NOTE.
 */
export * from './types';
export { Monitor, type MonitorOptions, type Disposable } from './monitor';
export { NodeConnection, DEFAULT_PROBE_OPTIONS, type ProbeOptions } from './probe';
export { evaluateCluster, resolveSender } from './evaluate';
export { targetsFromTopology, targetsFromConnectionStrings, inheritPrimaryCredentials, fillSecretPasswords, type TargetProblem } from './targets';
export { replicationCredentialsOf, clusterReplicationCredentials, hostPathOf, readSecret, parsePgpass, type ReadFile } from './credentials';
export { snapshotToJson, renderStatusText, renderStatusMarkdown, statusRows, renderTable, IDLE_LAG_NOTE, lagFigure, LAG_SOURCE_TEXT, type StatusJson } from './format';
export { classifyConnectionError } from './errors';
export { parseLsn, lsnDistance, compareLsn, formatBytes, formatSeconds } from './lsn';

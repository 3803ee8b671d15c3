/** The replication monitor core (vscode-free): targets → Monitor → ClusterSnapshot → text/JSON/Markdown. */
export * from './types';
export { Monitor, type MonitorOptions, type Disposable } from './monitor';
export { NodeConnection, DEFAULT_PROBE_OPTIONS, type ProbeOptions } from './probe';
export { evaluateCluster, resolveSender } from './evaluate';
export { targetsFromTopology, targetsFromConnectionStrings, type TargetProblem } from './targets';
export { snapshotToJson, renderStatusText, renderStatusMarkdown, statusRows, renderTable, IDLE_LAG_NOTE, type StatusJson } from './format';
export { classifyConnectionError } from './errors';
export { parseLsn, lsnDistance, compareLsn, formatBytes, formatSeconds } from './lsn';

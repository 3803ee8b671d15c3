/** Failover actions (vscode-free): each reports progress, refuses when unsafe unless forced, and reports what it did. */
export type { NodeControl } from '../runtime/types';
export { type ActionContext, type ActionReport, UnsafeActionError, slotNameFor } from './context';
export { promote, promoteRisks } from './promote';
export { switchover } from './switchover';
export { rejoin } from './rejoin';
export { addReplica, removeReplica, type AddReplicaOptions } from './replicas';
export { setReplicationMode, setReplayPaused } from './settings';
export { repointConninfo } from './conninfo';

/** Monitoring and failover commands (id → factory), spread into the extension's command table. */
import type { CommandFactory } from '../index';
import { addReplicaCommand, pauseReplay, promoteReplica, removeReplicaCommand, resumeReplay, setAsynchronous, setSynchronous, switchoverTo } from './actions';
import { rejoinReplica } from './rejoin';
import { attachCluster, copyStatusMarkdown } from './status';
import { SUBSCRIPTION_COMMANDS } from './subscription';

export const monitorCommands: Record<string, CommandFactory> = {
  'pgha.monitor.promote': promoteReplica,
  'pgha.monitor.switchover': switchoverTo,
  'pgha.monitor.addReplica': addReplicaCommand,
  'pgha.monitor.removeReplica': removeReplicaCommand,
  'pgha.monitor.setSync': setSynchronous,
  'pgha.monitor.setAsync': setAsynchronous,
  'pgha.monitor.pauseReplay': pauseReplay,
  'pgha.monitor.resumeReplay': resumeReplay,
  'pgha.monitor.copyMarkdown': copyStatusMarkdown,
  'pgha.monitor.attach': attachCluster,
  'pgha.monitor.rejoin': rejoinReplica,
  ...SUBSCRIPTION_COMMANDS,
};

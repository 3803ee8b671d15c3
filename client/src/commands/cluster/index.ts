/** Cluster commands (id → factory), spread into the extension's command table. */
import type { CommandFactory } from '../index';
import { removeCluster, startCluster, stopCluster } from './lifecycle';
import { showLogs } from './logs';
import { killNode, restartNode, startNode, stopNode } from './nodes';
import { openPsql } from './psql';
import { newClusterWizard } from './wizard';

export const clusterCommands: Record<string, CommandFactory> = {
  // Also the compose code lens "Start cluster" / "Stop cluster" (argument: the document URI string).
  'pgha.cluster.start': startCluster,
  'pgha.cluster.stop': stopCluster,
  'pgha.cluster.remove': removeCluster,
  'pgha.cluster.new': newClusterWizard,
  'pgha.cluster.logs': showLogs,
  'pgha.node.start': startNode,
  'pgha.node.stop': stopNode,
  'pgha.node.restart': restartNode,
  'pgha.node.kill': killNode,
  'pgha.node.psql': openPsql,
};

/**
 * The next command settles what a killed `pgha replica add|remove` left (cluster/failover/replicaLeftovers.ts) and
 * says which way: undone (the old state) or finished (the new one). Other operations' leftovers are described
 * (cluster/history/journal.ts describeLeftover) with how to finish or undo them.
 */
import { settleReplicaLeftover } from '../cluster/failover/replicaLeftovers';
import { describeLeftover, type JournalEntry } from '../cluster/history/journal';
import { cliActionContext } from './actionContext';
import { loadClusterFile } from './clusterFile';
import type { CliIO } from './command';

const OUTCOME = { undone: 'undone — the cluster is as it was before it', finished: 'finished — the cluster is as that command meant to leave it', unchanged: 'it had changed nothing' };

/** Settles or describes `leftover`; false when a replica operation could not be settled (it is to stay journaled). */
export async function settleLeftover(io: CliIO, command: string, leftover: JournalEntry, composeFile: string | undefined): Promise<boolean> {
  const service = leftover.detail?.service;
  if ((leftover.operation !== 'replica add' && leftover.operation !== 'replica remove') || !service || !composeFile) {
    io.err(`pgha ${command}: note: ${describeLeftover(leftover)}\n`);
    return true;
  }
  const cluster = loadClusterFile(composeFile, { ...io, err: () => undefined });
  const interrupted = `the last \`${leftover.command}\` (pid ${leftover.pid}, started ${leftover.startedAt}) was interrupted`;
  try {
    if (typeof cluster === 'string') throw new Error(cluster);
    const { ctx } = await cliActionContext(io, cluster, {});
    const quiet = { ...ctx, progress: undefined, journal: undefined };
    const report = await settleReplicaLeftover(quiet, { operation: leftover.operation, service, volumes: leftover.detail?.volumes !== 'false', committed: leftover.committed === true });
    io.err(`pgha ${command}: ${interrupted} ${leftover.committed ? 'after' : 'before'} its point of no return; ${OUTCOME[report.outcome]}: ${report.steps.join('; ')}.\n`);
    return true;
  } catch (error) {
    io.err(`pgha ${command}: ${interrupted}, and settling it failed: ${(error as Error).message}. ${describeLeftover(leftover)}\n`);
    return false;
  }
}

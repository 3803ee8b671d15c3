import { formatKillReport, formatPartitionReport, killLeader, partitionLeader } from '../../cluster/managed/patroniChaos';
import { parseArgs, usageError } from '../args';
import { loadClusterFile } from '../clusterFile';
import type { CliCommand } from '../command';
import { cliRuntimes } from '../runtimes';

const USAGE = `Usage: pgha chaos FILE kill-leader|partition-leader

Failure rehearsals on a Patroni cluster, each with a report of what Patroni did and when:
  kill-leader       kills the leader's node (like a crash), waits for Patroni to elect another (within ttl +
                    loop_wait), starts the node again and waits until it streams from the new leader
  partition-leader  cuts the leader's node off every network, samples every 200 ms which members accept writes
                    (never two), waits for another leader, reconnects the node and waits until it streams again
Exit status: 0 done (and never two writable primaries), 1 failed or split brain, 2 bad usage.
`;

const SPEC = { options: {}, positional: { min: 2, max: 2 }, positionalMessage: 'give the compose file and kill-leader or partition-leader' };

export const chaosCommand: CliCommand = {
  name: 'chaos',
  summary: 'failure rehearsals on a Patroni cluster (kill or partition the leader) with a report',
  usage: USAGE,
  async run(args, io) {
    const parsed = parseArgs(args, SPEC);
    if (typeof parsed === 'string') return usageError(io, 'chaos', parsed, USAGE);
    const [file, scenario] = parsed.positional;
    if (scenario !== 'kill-leader' && scenario !== 'partition-leader') return usageError(io, 'chaos', `unknown scenario '${scenario}'`, USAGE);
    const cluster = loadClusterFile(file, io);
    if (typeof cluster === 'string') {
      io.err(`pgha chaos: ${cluster}\n`);
      return 2;
    }
    const managed = cluster.topology.managed;
    if (!managed) {
      io.err(`pgha chaos: ${file} is not a Patroni cluster; for pgha's own stacks rehearse with the tree's Kill Node and pgha promote\n`);
      return 2;
    }
    try {
      const control = (await cliRuntimes(io).forProject(cluster.topology.project)).nodeControl(cluster.topology.project, cluster.topology);
      if (scenario === 'kill-leader') {
        io.out(`${formatKillReport(await killLeader(managed, control), managed)}\n`);
        return 0;
      }
      const report = await partitionLeader(managed, control, { sampleMs: 200 });
      io.out(`${formatPartitionReport(report)}\n`);
      return report.maxWritable > 1 ? 1 : 0;
    } catch (error) {
      io.err(`pgha chaos: ${error instanceof Error ? error.message : String(error)}\n`);
      return 1;
    }
  },
};

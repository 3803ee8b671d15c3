import { failingFromLog, runSubscriptionAction } from '../../cluster/logical/act';
import { SUBSCRIPTION_ACTIONS, type SubscriptionAction } from '../../cluster/logical/subscriptions';
import { parseArgs, usageError } from '../args';
import type { CliCommand, CliIO } from '../command';
import { cliRuntimes, reportError } from '../runtimes';
import { loadClusterFile } from '../clusterFile';

const USAGE = `Usage: pgha subscription FILE SERVICE NAME enable|disable|refresh|skip [--lsn LSN]

Acts on logical subscription NAME of SERVICE (the subscriber) in the compose cluster FILE:
  enable, disable   start or stop its apply worker (a disabled subscription's slot keeps WAL on the publisher)
  refresh           pick up tables added to its publications since it was created (REFRESH PUBLICATION)
  skip              skip the remote transaction that keeps failing (PostgreSQL 15+): its rows are lost on this
                    side. The LSN comes from --lsn, or else from the node's log (PostgreSQL logs it as
                    "finished at X/Y" with the error); enable the subscription afterwards if it stopped.
Exit status: 0 done, 1 failed, 2 bad usage.
`;

const SPEC = { options: { '--lsn': { value: true } }, positional: { min: 4, max: 4 }, positionalMessage: 'give the compose file, the subscriber service, the subscription and the action' };

async function run(args: string[], io: CliIO): Promise<number> {
  const parsed = parseArgs(args, SPEC);
  if (typeof parsed === 'string') return usageError(io, 'subscription', parsed, USAGE);
  const [file, service, name, action] = parsed.positional;
  if (!SUBSCRIPTION_ACTIONS.includes(action as SubscriptionAction)) return usageError(io, 'subscription', `unknown action "${action}" (use ${SUBSCRIPTION_ACTIONS.join(', ')})`, USAGE);
  const cluster = loadClusterFile(file, io);
  if (typeof cluster === 'string') {
    io.err(`pgha subscription: ${cluster}\n`);
    return 2;
  }
  const target = cluster.targets.find((t) => t.service === service);
  if (!target) return usageError(io, 'subscription', `${file} has no PostgreSQL service "${service}" with a published port (services: ${cluster.targets.map((t) => t.service).join(', ')})`, USAGE);
  try {
    let lsn = parsed.value('--lsn');
    if (action === 'skip' && !lsn) {
      const runtime = await cliRuntimes(io).ownerOf(cluster.topology.project);
      const failing = await failingFromLog(runtime, cluster.topology.project, service, name);
      if (!failing) throw new Error(`the log of ${service} shows no failing transaction of "${name}"; give --lsn from the error's "finished at" position`);
      io.err(`${service}: "${name}" fails at ${failing.lsn}${failing.error ? ` (${failing.error})` : ''}\n`);
      lsn = failing.lsn;
    }
    io.out(`${await runSubscriptionAction(target, name, action as SubscriptionAction, lsn)}\n`);
    return 0;
  } catch (error) {
    return reportError('subscription', error, io);
  }
}

export const subscriptionCommand: CliCommand = {
  name: 'subscription',
  summary: 'enable, disable, refresh or skip a failing transaction of a logical subscription',
  usage: USAGE,
  run,
};

import { addReplica, removeReplica } from '../../cluster/failover/replicas';
import type { ActionContext, ActionReport } from '../../cluster/failover/context';
import { suggestReplica } from '../../cluster/monitor/runtimeTargets';
import { cliActionContext, runtimeTargets } from '../actionContext';
import { parseArgs, positiveNumber, usageError, type ParsedArgs } from '../args';
import { loadClusterFile, type ClusterFile } from '../clusterFile';
import type { CliCommand, CliIO } from '../command';
import { runJournaled } from '../interrupts';
import { reportError } from '../runtimes';
import { printFailure } from './promote';

const USAGE = `Usage: pgha replica add FILE [--name SERVICE] [--port PORT]
       pgha replica remove FILE SERVICE [--keep-data] [--force]

add: a new replica of the running primary of the compose cluster FILE, as the tree's "Add Replica" does: a slot on
the primary, a base backup into new data, a node like the primary serving on 127.0.0.1:PORT that streams through
the slot. Defaults: the next free replicaN, the port after the highest one in use. The compose file is not changed:
the node belongs to the running stack (pgha ps, pgha status, pgha down remove it).
remove: stops and removes replica SERVICE and its data (--keep-data keeps the data), then drops its slot. Refuses
to remove the only synchronous standby (every commit would wait) unless --force.
A first Ctrl-C (or SIGTERM, SIGHUP) before the point of no return undoes what the command did (the old state);
after it the command finishes (the new state). A second one exits at once; the next pgha command on FILE then
finishes or undoes it and says which.
Exit status: 0 done, 1 refused or failed, 2 bad usage, 130/143 cancelled by a signal.
`;

const SPEC = {
  options: { '--name': { value: true }, '--port': { value: true }, '--keep-data': {}, '--force': {} },
  positional: { min: 2, max: 3 },
  positionalMessage: 'give add FILE, or remove FILE SERVICE',
};

type Work = (ctx: ActionContext) => Promise<ActionReport>;

/** Runs `work` journaled (the journal names the service, so the next command can settle a killed run). */
async function runReplica(io: CliIO, args: string[], cluster: ClusterFile, detail: Record<string, string>, work: Work): Promise<number> {
  const name = `replica ${args[0]}`;
  const onCancel = 'stopping at the next safe step (before the point of no return it undoes what it did; after it, it finishes)…';
  const spec = { command: name, project: cluster.topology.project, composeFile: cluster.file, typed: `pgha ${name} ${args.slice(1).join(' ')}`, onCancel, detail };
  return runJournaled(io, spec, async ({ signal, journal }) => {
    try {
      const { ctx } = await cliActionContext(io, cluster, { signal, journal, force: detail.force === 'true' });
      const report = await work(ctx);
      io.out(`${report.action}: done in ${(report.durationMs / 1000).toFixed(1)} s\n`);
      for (const warning of report.warnings) io.out(`  ! ${warning}\n`);
      return 0;
    } catch (error) {
      return printFailure(name, io, error);
    }
  });
}

async function add(io: CliIO, args: string[], parsed: ParsedArgs, cluster: ClusterFile): Promise<number> {
  const port = parsed.has('--port') ? positiveNumber(parsed.value('--port'), '--port') : undefined;
  if (typeof port === 'string' || (port !== undefined && port > 65535)) return usageError(io, 'replica', typeof port === 'string' ? port : '--port needs a TCP port (1–65535)', USAGE);
  const given = parsed.value('--name');
  if (given !== undefined && !/^[a-z0-9][a-z0-9_-]*$/.test(given)) return usageError(io, 'replica', `--name ${given}: use lower-case letters, digits, - and _`, USAGE);
  let suggested: { service: string; hostPort: number };
  try {
    const { nodes } = await runtimeTargets(io, cluster);
    suggested = suggestReplica(nodes, cluster.topology);
  } catch (error) {
    return reportError('replica', error, io);
  }
  const options = { service: given ?? suggested.service, hostPort: port ?? suggested.hostPort };
  io.out(`Adding replica ${options.service} on 127.0.0.1:${options.hostPort}\n`);
  return runReplica(io, args, cluster, { service: options.service }, (ctx) => addReplica(ctx, options));
}

function remove(io: CliIO, args: string[], parsed: ParsedArgs, cluster: ClusterFile): Promise<number> {
  const service = parsed.positional[2];
  if (service === undefined) return Promise.resolve(usageError(io, 'replica', 'give the replica to remove: remove FILE SERVICE', USAGE));
  const volumes = !parsed.has('--keep-data');
  const detail = { service, volumes: String(volumes), force: String(parsed.has('--force')) };
  return runReplica(io, args, cluster, detail, (ctx) => removeReplica(ctx, service, { volumes }));
}

export const replicaCommand: CliCommand = {
  name: 'replica',
  summary: 'add a replica to a running compose cluster, or remove one (journaled; signals leave the old or the new state)',
  usage: USAGE,
  async run(args, io) {
    const parsed = parseArgs(args, SPEC);
    if (typeof parsed === 'string') return usageError(io, 'replica', parsed, USAGE);
    const [verb, file] = parsed.positional;
    if (verb !== 'add' && verb !== 'remove') return usageError(io, 'replica', `add or remove, not '${verb}'`, USAGE);
    if (verb === 'add' && parsed.positional.length > 2) return usageError(io, 'replica', 'add takes FILE only (the name is --name)', USAGE);
    const cluster = loadClusterFile(file, io);
    if (typeof cluster === 'string') {
      io.err(`pgha replica: ${cluster}\n`);
      return 2;
    }
    return verb === 'add' ? add(io, args, parsed, cluster) : remove(io, args, parsed, cluster);
  },
};

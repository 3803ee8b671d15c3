import { forgetHistory } from '../../cluster/history/guard';
import { describeRemoved, loadTopology } from '../../cluster/runtime';
import type { Topology } from '../../core/model/topology';
import { uriToPath } from '../../core/paths';
import { runJournaled } from '../interrupts';
import { parseArgs, usageError } from '../args';
import type { CliCommand } from '../command';
import { cliRuntimes, reportError } from '../runtimes';

const USAGE = [
  'Usage: pgha down FILE [--volumes]',
  '',
  "Stops and removes what PostgreSQL HA Studio started for FILE's project (in Docker: its containers and networks).",
  'Containers, networks and volumes without our labels are never touched, nor a stack of the same project name',
  'started from another compose file (refused, both files named).',
  '  --volumes  also remove the named volumes (the databases are lost)',
  'Exit codes: 0 done, 1 failed, 2 usage error.',
].join('\n');

const SPEC = { options: { '--volumes': { aliases: ['-v'] } }, positional: { min: 1, max: 1 }, positionalMessage: 'give one compose file' };

export const downCommand: CliCommand = {
  name: 'down',
  summary: 'stop and remove the stack of a compose file (keeps data unless --volumes)',
  usage: USAGE,
  async run(args, io) {
    const parsed = parseArgs(args, SPEC);
    if (typeof parsed === 'string') return usageError(io, 'down', parsed, USAGE);
    let topology: Topology;
    try {
      topology = loadTopology(parsed.positional[0], io.cwd);
    } catch (error) {
      return reportError('down', error, io);
    }
    const composeFile = uriToPath(topology.uri) ?? topology.uri;
    const spec = { command: 'down', project: topology.project, composeFile, typed: `pgha down ${args.join(' ')}`, onCancel: 'stopping after the current step…' };
    return runJournaled(io, spec, async ({ signal, journal }) => {
      try {
        const volumes = parsed.has('--volumes');
        const runtime = await cliRuntimes(io).forProject(topology.project);
        const onProgress = (message: string) => {
          journal.step(message);
          io.out(`${message}\n`);
        };
        const result = await runtime.down(topology.project, { volumes, composeFile, signal, onProgress });
        if (volumes) forgetHistory(topology); // the data is gone: the next up starts from the compose roles
        io.out(`Project ${topology.project}: removed ${describeRemoved(result)}${volumes ? '' : '; volumes kept (use --volumes to remove them)'}\n`);
        for (const kept of result.kept) io.out(`  kept: ${kept}\n`);
        return 0;
      } catch (error) {
        return reportError('down', error, io);
      }
    });
  },
};

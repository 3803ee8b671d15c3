import * as path from 'path';
import type { CliCommand } from '../command';
import { nativeRuntime, runsNatively } from './native';
import { down } from '../../cluster/runtime/docker/manage';
import { assertEngineReachable } from '../../cluster/runtime/docker/engine';
import { loadTopology } from '../../cluster/runtime/docker/topologySource';
import { engineAndImageMap, parseArgs, reportError } from './up';

export const downCommand: CliCommand = {
  name: 'down',
  summary: 'stop and remove the stack of a compose file (keeps data unless --volumes)',
  usage: [
    'Usage: pgha down FILE [--volumes]',
    '',
    "Stops and removes the containers and networks of FILE's project that PostgreSQL HA Studio created.",
    'Containers, networks and volumes without our labels are never touched.',
    '  --volumes  also remove the named volumes (the databases are lost)',
    'Exit codes: 0 done, 1 failed, 2 usage error.',
  ].join('\n'),
  async run(args, io) {
    const { positional, flags } = parseArgs(args);
    const bad = [...flags.keys()].filter((f) => f !== '--volumes' && f !== '-v');
    if (positional.length !== 1 || bad.length) {
      io.err(`${bad.length ? `pgha down: unknown option ${bad.join(', ')}\n` : ''}${this.usage}\n`);
      return 2;
    }
    try {
      const topology = loadTopology(positional[0], io.cwd);
      const volumes = flags.has('--volumes') || flags.has('-v');
      if (runsNatively(topology)) {
        const result = await nativeRuntime(io).down(topology.project, { volumes, composeFile: path.resolve(io.cwd, positional[0]), onProgress: (m) => io.out(`${m}\n`) });
        io.out(`Project ${topology.project}: removed ${result.removed} native node(s)${volumes ? ` and ${result.volumesRemoved} data folder(s)` : '; data folders kept (use --volumes to remove them)'}\n`);
        return 0;
      }
      const { engine } = engineAndImageMap(io);
      await assertEngineReachable(engine);
      const result = await down(engine, topology.project, { volumes, onProgress: (m) => io.out(`${m}\n`) });
      io.out(
        `Project ${topology.project}: removed ${result.containers} container(s), ${result.networks} network(s)` +
          (volumes ? `, ${result.volumes} volume(s)` : '; volumes kept (use --volumes to remove them)') +
          '\n',
      );
      return 0;
    } catch (error) {
      return reportError('down', error, io);
    }
  },
};

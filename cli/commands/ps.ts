import type { CliCommand } from '../command';
import { assertEngineReachable } from '../../cluster/runtime/docker/engine';
import { listContainers } from '../../cluster/runtime/docker/manage';
import { loadTopology } from '../../cluster/runtime/docker/topologySource';
import { engineAndImageMap, parseArgs, reportError } from './up';

export const psCommand: CliCommand = {
  name: 'ps',
  summary: 'list the containers PostgreSQL HA Studio started (of one compose file, or all)',
  usage: ['Usage: pgha ps [FILE]', '', "Lists our containers: all projects, or FILE's project.", 'Exit codes: 0 listed, 1 failed, 2 usage error.'].join('\n'),
  async run(args, io) {
    const { positional, flags } = parseArgs(args);
    if (positional.length > 1 || flags.size) {
      io.err(`${this.usage}\n`);
      return 2;
    }
    try {
      const project = positional[0] ? loadTopology(positional[0], io.cwd).project : undefined;
      const { engine } = engineAndImageMap(io);
      await assertEngineReachable(engine);
      const containers = await listContainers(engine, project);
      if (containers.length === 0) {
        io.out(project ? `No containers of project ${project}.\n` : 'No containers started by PostgreSQL HA Studio.\n');
        return 0;
      }
      const rows = [
        ['PROJECT', 'SERVICE', 'ROLE', 'MAJOR', 'STATE', 'PORTS', 'STATUS'],
        ...containers.map((c) => [
          c.project,
          c.service,
          c.role,
          c.major ? String(c.major) : '-',
          c.state,
          c.ports.map((p) => `${p.hostIp ?? ''}:${p.hostPort}->${p.containerPort}`).join(',') || '-',
          c.status,
        ]),
      ];
      const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
      for (const row of rows) io.out(`${row.map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i]))).join('  ')}\n`);
      return 0;
    } catch (error) {
      return reportError('ps', error, io);
    }
  },
};

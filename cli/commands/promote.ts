import { connectEngine } from '../../cluster/runtime/docker/engine';
import type { ActionContext, ActionReport } from '../../cluster/failover/context';
import { UnsafeActionError } from '../../cluster/failover/context';
import { DockerNodeControl } from '../../cluster/failover/control';
import { promote } from '../../cluster/failover/promote';
import type { CliCommand, CliIO } from '../command';
import { nativeRuntime, runsNatively } from './native';
import { loadClusterFile } from './status';

export type Action = (ctx: ActionContext, service: string) => Promise<ActionReport>;

const promoteUsage = `Usage: pgha promote FILE SERVICE [--force]

Failover: promotes replica SERVICE of the compose cluster FILE (pg_promote) and re-points the other replicas
to it (primary_conninfo through ALTER SYSTEM, reload). Refuses while another primary still accepts writes or
another replica has received more WAL; --force promotes anyway.
Exit status: 0 done, 1 refused or failed, 2 bad usage.
`;

/** Shared runner: parse FILE SERVICE [--force], run the action with progress lines, print the report. */
export async function runAction(name: string, usage: string, action: Action, args: string[], io: CliIO): Promise<number> {
  const force = args.includes('--force');
  const unknown = args.find((a) => a.startsWith('-') && a !== '--force');
  const positional = args.filter((a) => !a.startsWith('-'));
  if (unknown || positional.length !== 2) {
    io.err(`pgha ${name}: ${unknown ? `unknown option ${unknown}` : 'give the compose file and the service to promote'}\n\n${usage}`);
    return 2;
  }
  const [file, service] = positional;
  const cluster = loadClusterFile(file, io);
  if (typeof cluster === 'string') {
    io.err(`pgha ${name}: ${cluster}\n`);
    return 2;
  }
  if (!cluster.targets.some((t) => t.service === service)) {
    io.err(`pgha ${name}: ${file} has no PostgreSQL node '${service}'; nodes: ${cluster.targets.map((t) => t.service).join(', ')}\n`);
    return 2;
  }
  const ctx: ActionContext = {
    targets: cluster.targets,
    control: runsNatively(cluster.topology)
      ? nativeRuntime(io).nodeControl(cluster.topology.project, cluster.topology)
      : new DockerNodeControl(connectEngine(io.env).docker, cluster.topology.project),
    force,
    progress: (message) => io.out(`  ${message}\n`),
  };
  try {
    const report = await action(ctx, service);
    io.out(`${report.action}: done in ${(report.durationMs / 1000).toFixed(1)} s\n`);
    for (const warning of report.warnings) io.out(`  ! ${warning}\n`);
    return 0;
  } catch (error) {
    if (error instanceof UnsafeActionError) {
      io.err(`pgha ${name}: refused, nothing changed:\n${error.reasons.map((r) => `  - ${r}`).join('\n')}\nRun again with --force if you accept that.\n`);
    } else {
      io.err(`pgha ${name}: ${(error as Error).message}\n`);
    }
    return 1;
  }
}

export const promoteCommand: CliCommand = {
  name: 'promote',
  summary: 'failover: promote a replica and re-point the others to it',
  usage: promoteUsage,
  run: (args, io) => runAction('promote', promoteUsage, promote, args, io),
};

import type { ActionContext, ActionReport } from '../../cluster/failover/context';
import { poolerFollowersOf, stackAdminLogin } from '../../cluster/failover/poolers';
import { pgpoolTargetsOf } from '../../cluster/monitor/pgpool';
import { UnsafeActionError } from '../../cluster/failover/context';
import { promote } from '../../cluster/failover/promote';
import { FileHistoryStore } from '../../cluster/history/store';
import { parseArgs, usageError } from '../args';
import { runJournaled } from '../interrupts';
import type { CliCommand, CliIO } from '../command';
import { cliRuntimes } from '../runtimes';
import { loadClusterFile, type ClusterFile } from '../clusterFile';

export type Action = (ctx: ActionContext, service: string) => Promise<ActionReport>;

const promoteUsage = `Usage: pgha promote FILE SERVICE [--force]

Failover: promotes replica SERVICE of the compose cluster FILE (pg_promote) and re-points the other replicas
to it (primary_conninfo through ALTER SYSTEM, reload). Refuses while another primary still accepts writes, while
another replica has received more WAL, or while the primary is unreachable (how much acknowledged WAL SERVICE
misses is then unknown: the message gives the LSNs it knows). On a terminal it asks; --force promotes anyway.
Exit status: 0 done, 1 refused or failed, 2 bad usage.
`;

const SPEC = { options: { '--force': {} }, positional: { min: 2, max: 2 }, positionalMessage: 'give the compose file and the service to promote' };

function printFailure(name: string, io: CliIO, error: unknown): number {
  if (error instanceof UnsafeActionError) {
    io.err(`pgha ${name}: refused, nothing changed:\n${error.reasons.map((r) => `  - ${r}`).join('\n')}\nRun again with --force if you accept that.\n`);
  } else {
    io.err(`pgha ${name}: ${error instanceof Error ? error.message : String(error)}\n`);
  }
  return 1;
}

/** Shared runner: parse FILE SERVICE [--force], run the action with progress lines, print the report. */
export async function runAction(name: string, usage: string, action: Action, args: string[], io: CliIO, secondIsNode = true): Promise<number> {
  const parsed = parseArgs(args, SPEC);
  if (typeof parsed === 'string') return usageError(io, name, parsed, usage);
  const [file, service] = parsed.positional;
  const cluster = loadClusterFile(file, io);
  if (typeof cluster === 'string') {
    io.err(`pgha ${name}: ${cluster}\n`);
    return 2;
  }
  if (secondIsNode && !cluster.targets.some((t) => t.service === service)) {
    io.err(`pgha ${name}: ${file} has no PostgreSQL node '${service}'; nodes: ${cluster.targets.map((t) => t.service).join(', ')}\n`);
    return 2;
  }
  const project = cluster.topology.project;
  const spec = { command: name, project, composeFile: cluster.file, typed: `pgha ${name} ${args.join(' ')}`, onCancel: 'stopping at the next safe step (past the point of no return it finishes)…' };
  return runJournaled(io, spec, ({ signal, journal }) => runActionOnce(name, io, action, service, { cluster, force: parsed.has('--force'), signal, journal }));
}

interface ActionRun {
  cluster: ClusterFile;
  force: boolean;
  signal: AbortSignal;
  journal: ActionContext['journal'];
}

async function runActionOnce(name: string, io: CliIO, action: Action, service: string, run: ActionRun): Promise<number> {
  const { cluster } = run;
  let report: ActionReport;
  try {
    const runtime = await cliRuntimes(io).forProject(cluster.topology.project);
    const ctx: ActionContext = {
      targets: cluster.targets,
      control: runtime.nodeControl(cluster.topology.project, cluster.topology),
      force: run.force,
      history: FileHistoryStore.forProject(cluster.topology.project, cluster.file),
      poolers: poolerFollowersOf(cluster.topology, stackAdminLogin(cluster.targets)),
      pgpool: pgpoolTargetsOf(cluster.topology, stackAdminLogin(cluster.targets)),
      managed: cluster.topology.managed,
      progress: (message) => io.out(`  ${message}\n`),
      signal: run.signal,
      journal: run.journal,
    };
    report = await action(ctx, service).catch(async (error: unknown) => {
      if (!(error instanceof UnsafeActionError) || !io.confirm) throw error;
      io.err(`pgha ${name}: this may be unsafe:\n${error.reasons.map((r) => `  - ${r}`).join('\n')}\n`);
      if (!(await io.confirm(`${error.action} anyway?`))) throw error;
      return action({ ...ctx, force: true }, service);
    });
  } catch (error) {
    return printFailure(name, io, error);
  }
  io.out(`${report.action}: done in ${(report.durationMs / 1000).toFixed(1)} s\n`);
  for (const warning of report.warnings) io.out(`  ! ${warning}\n`);
  return 0;
}

/** A failover sub-command: FILE SERVICE [--force] running `action` (rejoin; promote and switchover have the same shape). */
export function actionCommand(name: string, summary: string, usage: string, action: Action): CliCommand {
  return { name, summary, usage, run: (args, io) => runAction(name, usage, action, args, io) };
}

export const promoteCommand: CliCommand = {
  name: 'promote',
  summary: 'failover: promote a replica and re-point the others to it',
  usage: promoteUsage,
  run: (args, io) => runAction('promote', promoteUsage, promote, args, io),
};

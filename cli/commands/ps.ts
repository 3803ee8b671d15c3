import { describeError, loadTopology, type RuntimeNode } from '../../cluster/runtime';
import { parseArgs, usageError } from '../args';
import type { CliCommand, CliIO } from '../command';
import { cliRuntimes, reportError } from '../runtimes';

const USAGE = [
  'Usage: pgha ps [FILE] [--json]',
  '',
  "Lists the nodes PostgreSQL HA Studio started, in every backend: all projects, or FILE's project.",
  'Columns: project, service, role, major, state, ports, runtime, status. STATE is the runtime-neutral lifecycle:',
  'running, starting, stopped, paused, restarting, dead or missing; RUNTIME is docker or native.',
  '  --json  print [{project, service, role, major, state, ports: [{hostIp, hostPort, containerPort}], runtime,',
  '          status}] instead (major and hostIp null when unknown)',
  'Exit codes: 0 listed, 1 failed, 2 usage error.',
].join('\n');

const SPEC = { options: { '--json': {} }, positional: { max: 1 }, positionalMessage: 'give at most one compose file' };

/** One node in `pgha ps --json` (the same fields as the table's columns). */
export interface PsRow {
  project: string;
  service: string;
  role: string;
  major: number | null;
  state: string;
  ports: { hostIp: string | null; hostPort: number; containerPort: number }[];
  runtime: string;
  status: string;
}

export function psRow(node: RuntimeNode): PsRow {
  return {
    project: node.project,
    service: node.service,
    role: node.role,
    major: node.major ?? null,
    state: node.lifecycle,
    ports: node.ports.map((p) => ({ hostIp: p.hostIp ?? null, hostPort: p.hostPort, containerPort: p.containerPort })),
    runtime: node.runtime,
    status: node.status,
  };
}

function printTable(io: CliIO, rows: PsRow[]): void {
  const cells = [
    ['PROJECT', 'SERVICE', 'ROLE', 'MAJOR', 'STATE', 'PORTS', 'RUNTIME', 'STATUS'],
    ...rows.map((r) => [
      r.project,
      r.service,
      r.role,
      r.major ? String(r.major) : '-',
      r.state,
      r.ports.map((p) => `${p.hostIp ?? ''}:${p.hostPort}->${p.containerPort}`).join(',') || '-',
      r.runtime,
      r.status,
    ]),
  ];
  const widths = cells[0].map((_, i) => Math.max(...cells.map((r) => r[i].length)));
  for (const row of cells) io.out(`${row.map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i]))).join('  ')}\n`);
}

/** Nodes of every runtime; a runtime that cannot be asked is a warning, unless none can (then its error is thrown). */
async function listEverywhere(io: CliIO, project: string | undefined): Promise<RuntimeNode[]> {
  const runtimes = cliRuntimes(io).all();
  const results = await Promise.allSettled(runtimes.map((r) => r.list(project)));
  const failures = results.flatMap((r, i) => (r.status === 'rejected' ? [{ runtime: runtimes[i], error: r.reason as unknown }] : []));
  if (failures.length === runtimes.length && failures.length) throw failures[0].error;
  for (const { runtime, error } of failures) io.err(`warning: ${runtime.label}: ${describeError(error)}\n`);
  const nodes = results.flatMap((r) => (r.status === 'fulfilled' ? r.value : []));
  return nodes.sort((a, b) => a.project.localeCompare(b.project) || a.service.localeCompare(b.service));
}

export const psCommand: CliCommand = {
  name: 'ps',
  summary: 'list the nodes PostgreSQL HA Studio started (of one compose file, or all)',
  usage: USAGE,
  async run(args, io) {
    const parsed = parseArgs(args, SPEC);
    if (typeof parsed === 'string') return usageError(io, 'ps', parsed, USAGE);
    try {
      const project = parsed.positional[0] ? loadTopology(parsed.positional[0], io.cwd).project : undefined;
      const rows = (await listEverywhere(io, project)).map(psRow);
      if (parsed.has('--json')) io.out(`${JSON.stringify(rows)}\n`);
      else if (rows.length === 0) io.out(project ? `No nodes of project ${project}.\n` : 'No nodes started by PostgreSQL HA Studio.\n');
      else printTable(io, rows);
      return 0;
    } catch (error) {
      return reportError('ps', error, io);
    }
  },
};

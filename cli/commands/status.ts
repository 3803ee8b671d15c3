import type { ManagedCluster } from '../../core/model/topology';
import { describeLeftover, OperationJournal } from '../../cluster/history/journal';
import { LastSeenStore } from '../../cluster/history/lastSeen';
import { runtimeTargets } from '../actionContext';
import { stackAdminLogin } from '../../cluster/failover/poolers';
import { Monitor } from '../../cluster/monitor/monitor';
import { formatPgpoolStatus, pgpoolTargetsOf, pgpoolToJson, type PgpoolTarget } from '../../cluster/monitor/pgpool';
import { formatPoolerStatus, poolerToJson, probePooler, type PoolerStatus, type PoolerTarget } from '../../cluster/monitor/pooler';
import { poolerAdminTargets } from '../../cluster/monitor/poolerTargets';
import { renderStatusText, snapshotToJson } from '../../cluster/monitor/format';
import { targetsFromConnectionStrings } from '../../cluster/monitor/targets';
import type { ClusterSnapshot, NodeTarget } from '../../cluster/monitor/types';
import { recentLog } from '../../cluster/logical/act';
import { ERROR_TAIL_LINES, SubscriptionErrors } from '../../cluster/logical/lastErrors';
import type { ClusterRuntime } from '../../cluster/runtime/types';
import { parseArgs, positiveNumber, usageError } from '../args';
import { loadClusterFile } from '../clusterFile';
import type { CliCommand, CliIO } from '../command';
import { cliRuntimes } from '../runtimes';

const USAGE = `Usage: pgha status FILE [--watch] [--json] [--interval MS]
       pgha status --connect CONN [--connect CONN…] [--watch] [--json]

Shows the replication state of the cluster a compose FILE describes: one row per node with member, role,
state, timeline, receive LSN and lag, replay LSN and lag (bytes · time), slot and upstream. Connects to each
node through its port published on this machine, with the credentials of the compose file (environment or
secret files; PGPASSWORD when the file has none). With --connect, monitors a cluster that is not ours
("attach to existing cluster"): one libpq URI or key=value string per node, monitoring only.

Options:
  --watch          refresh in place every interval until Ctrl-C
  --json           print {"nodes":[{service, role, state, timeline, lsn, receiveLsn, replayLsn, lagBytes,
                   lagSeconds, slot, upstream, streaming, health, subscriptions: [{name, enabled,
                   state, lagBytes, tables, errors, conflicts}]}], health, problems}
                   (one line per refresh with --watch); state is the table's STATE: running,
                   streaming, replay paused, no receiver (or the WAL receiver's status), or why the
                   node did not answer (unreachable, authentication failed, starting up, …);
                   a stack with poolers adds "poolers":[{role:"pooler", service, state, health,
                   findings, …}] (pgpool-II: kind "pgpool", its nodes, processes, pgpoolPrimary,
                   realPrimary — they differ: critical); a Patroni cluster adds "manager":"patroni",
                   "patroni":{scope, leader, paused}, and per node role = Patroni's (leader, replica,
                   sync_standby), sqlRole = the server's, patroni: {member, state, timeline, lagBytes,
                   pendingRestart, apiReachable, dcsReachable}
  --interval MS    refresh period for --watch (default 2000)
  --connect CONN   a node of an existing cluster, e.g. postgresql://monitor@127.0.0.1:5433/postgres
Exit status: 0 the cluster answered (even with warnings), 1 critical (a node down, no primary…), 2 bad usage.
`;

interface StatusOptions {
  file?: string;
  connections: string[];
  watch: boolean;
  json: boolean;
  intervalMs: number;
  /** Stop after this many refreshes with --watch (tests). */
  count?: number;
}

const SPEC = {
  options: { '--watch': { aliases: ['-w'] }, '--json': {}, '--connect': { value: true }, '--interval': { value: true }, '--count': { value: true } },
};

function statusOptions(args: string[]): StatusOptions | string {
  const parsed = parseArgs(args, SPEC);
  if (typeof parsed === 'string') return parsed;
  const [file, extra] = parsed.positional;
  if (extra !== undefined) return `one compose file only (got ${file} and ${extra})`;
  const options: StatusOptions = { file, watch: parsed.has('--watch'), json: parsed.has('--json'), intervalMs: 2000, connections: parsed.values('--connect') };
  if (parsed.has('--interval')) {
    const interval = positiveNumber(parsed.value('--interval'), '--interval');
    if (typeof interval === 'string') return interval;
    options.intervalMs = Math.max(100, interval);
  }
  if (parsed.has('--count')) {
    const count = positiveNumber(parsed.value('--count'), '--count');
    if (typeof count === 'string') return count;
    options.count = count;
  }
  if (options.file && options.connections.length) return 'give either a compose file or --connect strings, not both';
  return options.file || options.connections.length ? options : 'give the compose file of the cluster (or --connect strings)';
}

/** The last error of failing subscriptions, from the subscribers' logs through the runtime that runs them. */
async function withSubscriptionErrors(snapshot: ClusterSnapshot, project: string, io: CliIO): Promise<void> {
  let runtime: ClusterRuntime | undefined;
  const errors = new SubscriptionErrors(async (service) => recentLog((runtime ??= await cliRuntimes(io).ownerOf(project)), project, service, ERROR_TAIL_LINES));
  if (errors.apply(snapshot)) await errors.read(snapshot);
}

/** What status reads: the nodes (with those the runtime runs beyond the file), the stack's poolers and its records. */
interface StatusSources {
  targets: NodeTarget[];
  poolers: PoolerTarget[];
  pgpool: PgpoolTarget[];
  lastSeen?: LastSeenStore;
  project?: string;
  managed?: ManagedCluster;
}

async function statusSources(options: StatusOptions, io: CliIO): Promise<StatusSources | number> {
  if (!options.file) {
    let targets: NodeTarget[];
    try {
      targets = targetsFromConnectionStrings(options.connections);
    } catch (error) {
      io.err(`pgha status: ${(error as Error).message}\n`);
      return 2;
    }
    for (const target of targets) if (target.password === undefined && io.env.PGPASSWORD) target.password = io.env.PGPASSWORD;
    return { targets, poolers: [], pgpool: [] };
  }
  const cluster = loadClusterFile(options.file, io);
  if (typeof cluster === 'string') {
    io.err(`pgha status: ${cluster}\n`);
    return 2;
  }
  const project = cluster.topology.project;
  const targets = await runtimeTargets(io, cluster).then((r) => r.targets, () => cluster.targets);
  const leftover = OperationJournal.forProject(project, cluster.file).leftover();
  if (leftover) io.err(`pgha status: note: ${describeLeftover(leftover)}\n`);
  const login = stackAdminLogin(targets);
  return {
    targets,
    poolers: poolerAdminTargets(cluster.topology, login),
    pgpool: pgpoolTargetsOf(cluster.topology, login),
    lastSeen: LastSeenStore.forProject(project, cluster.file),
    project,
    managed: cluster.topology.managed,
  };
}

export const statusCommand: CliCommand = {
  name: 'status',
  summary: 'replication status of a compose cluster: roles, timelines, lag in bytes and time, slots',
  usage: USAGE,
  async run(args, io) {
    const options = statusOptions(args);
    if (typeof options === 'string') return usageError(io, 'status', options, USAGE);
    const sources = await statusSources(options, io);
    if (typeof sources === 'number') return sources;
    const { targets, poolers, pgpool, lastSeen, project, managed } = sources;
    const monitor = new Monitor(targets, { intervalMs: options.intervalMs, pgpool, managed });
    // Poolers come after the nodes: PgBouncer (read here) and pgpool-II (read by the monitor, in the snapshot).
    const render = (snapshot: Awaited<ReturnType<Monitor['refresh']>>, pooled: PoolerStatus[] = []): string => {
      lastSeen?.record(snapshot); // what a later promote says about the data a dead primary had
      const pgpoolRows = snapshot.pgpool ?? [];
      if (!options.json) return renderStatusText(snapshot) + pooled.map(formatPoolerStatus).join('') + pgpoolRows.map(formatPgpoolStatus).join('');
      const rows = [...pooled.map(poolerToJson), ...pgpoolRows.map(pgpoolToJson)];
      return `${JSON.stringify({ ...snapshotToJson(snapshot), ...(rows.length ? { poolers: rows } : {}) })}\n`;
    };
    try {
      if (!options.watch) {
        const [snapshot, pooled] = await Promise.all([monitor.refresh(), Promise.all(poolers.map((p) => probePooler(p)))]);
        if (project) await withSubscriptionErrors(snapshot, project, io);
        io.out(render(snapshot, pooled));
        if (options.file && snapshot.nodes.every((n) => n.state === 'unreachable')) {
          // Refused everywhere almost always means the stack is not running, not a replication problem.
          io.err(`pgha status: no node answers. Is the stack running? See pgha ps ${options.file}; start it with pgha up ${options.file}\n`);
        }
        return snapshot.health === 'critical' ? 1 : 0;
      }
      return await new Promise<number>((resolve) => {
        let shown = 0;
        const stop = (code: number) => {
          process.off('SIGINT', onInterrupt);
          monitor.stop();
          resolve(code);
        };
        const onInterrupt = () => stop(0);
        process.on('SIGINT', onInterrupt);
        monitor.onSnapshot((snapshot) => {
          // In a terminal redraw in place; piped output gets one block per refresh.
          const clear = io.isTTY && !options.json ? '\x1b[H\x1b[2J' : '';
          io.out(`${clear}${render(snapshot)}${options.json || io.isTTY ? '' : '\n'}`);
          if (options.count !== undefined && ++shown >= options.count) stop(snapshot.health === 'critical' ? 1 : 0);
        });
        monitor.start();
      });
    } finally {
      await monitor.dispose();
    }
  },
};

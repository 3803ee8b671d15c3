/**
 * From the cluster model to native nodes: which services become PostgreSQL processes (primaries initialised
 * like the official image's entrypoint, replicas seeded by a base backup of their upstream), on which loopback
 * port, with which arguments and logins — and which services need the Docker backend instead. Pure: no process
 * is started and nothing is written.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DEFAULT_MAJOR, type Major } from '../../../core/majors';
import type { ServiceModel, Topology } from '../../../core/model/topology';
import { uriToPath } from '../../../core/paths';
import { clusterReplicationCredentials, hostPathOf, readSecret, type ReadFile, readTextFile } from '../../monitor/credentials';
import { targetsFromTopology } from '../../monitor/targets';
import type { NodeTarget } from '../../monitor/types';
import { slotNameFor } from '../../failover/context';
import { serviceArgs, shellWords, type ServiceArgs } from './serviceArgs';
import type { NodeRole } from './state';

export interface Login {
  user: string;
  password?: string;
  database: string;
}

export interface InitScript {
  name: string;
  file: string;
  kind: 'sql' | 'sql.gz' | 'sh';
}

/** What the official entrypoint does on an empty data folder, as the environment asks. */
export interface InitSpec {
  user: string;
  password?: string;
  database: string;
  initdbArgs: string[];
  hostAuthMethod?: string;
  scripts: InitScript[];
  /** The host file behind a container path of the service (secrets, bind mounts), for init SQL. */
  hostPath: (containerPath: string) => string | undefined;
}

export interface PlannedNode {
  service: string;
  role: NodeRole;
  major: Major;
  /** Published host port (undefined: none published, a free one is chosen). */
  port?: number;
  args: Pick<ServiceArgs, 'settings' | 'options'>;
  upstream?: string;
  slot?: string;
  init?: InitSpec;
  /** The superuser login our control connections use (the primary's for every node of a cluster). */
  login: Login;
  /** How a replica logs in to its upstream for streaming. */
  replication?: { user: string; password?: string };
}

export interface NativePlan {
  project: string;
  composeFile?: string;
  /** PostgreSQL nodes in start order (every upstream before its replicas). */
  nodes: PlannedNode[];
  /** Services the native runtime cannot run, with the reason ("needs the Docker backend"). */
  skipped: { service: string; reason: string }[];
  /** What makes the launch impossible as written (nothing is started then). */
  problems: string[];
  warnings: string[];
}

const INIT_DIR = '/docker-entrypoint-initdb.d';
const SUPPORTED_FLAVORS = new Set(['official', 'custom', 'unknown']);

export function composeFileOf(topology: Topology): string | undefined {
  return uriToPath(topology.uri);
}

/** Why a service is not a native node (undefined: it is one). */
function skipReason(service: ServiceModel): string | undefined {
  if (service.role === 'pooler') return `${service.flavor} pooler: needs the Docker backend`;
  if (service.role !== 'primary' && service.role !== 'replica') return `not a PostgreSQL server (${service.image ?? service.command?.[0] ?? 'no image'}): needs the Docker backend`;
  if (!SUPPORTED_FLAVORS.has(service.flavor)) return `the ${service.flavor} image's own environment is not emulated natively: needs the Docker backend`;
  return undefined;
}

/** Init scripts the service mounts into /docker-entrypoint-initdb.d, in the entrypoint's (name) order. */
export function initScripts(topology: Topology, service: ServiceModel, problems: string[]): InitScript[] {
  const files: { name: string; file: string }[] = [];
  const composeDir = path.dirname(composeFileOf(topology) ?? '.');
  for (const mount of service.volumes) {
    if (mount.type !== 'bind' || !mount.source) continue;
    const target = mount.target.replace(/\/$/, '');
    const source = path.resolve(composeDir, mount.source);
    if (target === INIT_DIR) {
      let entries: fs.Dirent[] = [];
      try {
        entries = fs.readdirSync(source, { withFileTypes: true });
      } catch {
        problems.push(`${service.name}: the init script folder ${source} cannot be read`);
      }
      for (const entry of entries) if (entry.isFile() || entry.isSymbolicLink()) files.push({ name: entry.name, file: path.join(source, entry.name) });
    } else if (path.posix.dirname(target) === INIT_DIR) files.push({ name: path.posix.basename(target), file: source });
  }
  files.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const scripts: InitScript[] = [];
  for (const { name, file } of files) {
    const kind = name.endsWith('.sql') ? 'sql' : name.endsWith('.sql.gz') ? 'sql.gz' : name.endsWith('.sh') ? 'sh' : undefined;
    if (kind) scripts.push({ name, file, kind });
    else if (/\.sql\.(xz|zst)$/.test(name)) problems.push(`${service.name}: init script ${name} is compressed with ${name.split('.').pop()}, which the native runtime cannot read; use .sql or .sql.gz`);
  }
  return scripts;
}

function initSpec(topology: Topology, service: ServiceModel, readFile: ReadFile, problems: string[], warnings: string[]): InitSpec {
  const env = service.environment;
  const user = env.POSTGRES_USER || 'postgres';
  let password = env.POSTGRES_PASSWORD || undefined;
  if (!password && env.POSTGRES_PASSWORD_FILE) {
    password = readSecret(topology, service, env.POSTGRES_PASSWORD_FILE, readFile);
    if (password === undefined) problems.push(`${service.name}: POSTGRES_PASSWORD_FILE=${env.POSTGRES_PASSWORD_FILE} is not a secret or bind-mounted file this machine can read`);
  }
  const hostAuthMethod = env.POSTGRES_HOST_AUTH_METHOD || undefined;
  if (!password && hostAuthMethod !== 'trust' && !env.POSTGRES_PASSWORD_FILE) {
    problems.push(
      `${service.name}: the postgres image refuses to initialise a database without a superuser password; set POSTGRES_PASSWORD or POSTGRES_PASSWORD_FILE (or POSTGRES_HOST_AUTH_METHOD=trust to allow connections without a password)`,
    );
  }
  if (env.POSTGRES_INITDB_WALDIR) warnings.push(`${service.name}: POSTGRES_INITDB_WALDIR is ignored natively (WAL stays in the data folder)`);
  return { user, password, database: env.POSTGRES_DB || user, initdbArgs: shellWords(env.POSTGRES_INITDB_ARGS ?? ''),
    hostAuthMethod,
    scripts: initScripts(topology, service, problems),
    hostPath: (containerPath) => hostPathOf(topology, service, containerPath),
  };
}

/** The published host port of the service's PostgreSQL port (the `-c port`/PGPORT inside, else 5432). */
function publishedPort(service: ServiceModel): number | undefined {
  const inner = Number(service.settings.find((s) => s.name === 'port')?.value ?? service.environment.PGPORT ?? 5432) || 5432;
  return service.ports.find((p) => p.containerPort === inner && p.protocol === 'tcp' && p.hostPort !== undefined)?.hostPort;
}

/** Orders nodes so that every upstream comes before its replicas; reports replicas whose upstream is not a node. */
function startOrder(nodes: PlannedNode[], problems: string[]): PlannedNode[] {
  const ordered: PlannedNode[] = nodes.filter((n) => n.role === 'primary');
  let pending = nodes.filter((n) => n.role === 'replica');
  while (pending.length) {
    const ready = pending.filter((n) => ordered.some((o) => o.service === n.upstream));
    if (ready.length === 0) break;
    ordered.push(...ready);
    pending = pending.filter((n) => !ready.includes(n));
  }
  for (const node of pending) {
    problems.push(`${node.service}: streams from '${node.upstream ?? '?'}', which is not a PostgreSQL service the native runtime starts`);
  }
  return ordered;
}

export interface PlanOptions {
  /** Run `.sh` init scripts on this machine (they are refused otherwise). */
  allowShellInit?: boolean;
  readFile?: ReadFile;
}

interface PlanContext {
  topology: Topology;
  options: PlanOptions;
  readFile: ReadFile;
  plan: NativePlan;
  targets: NodeTarget[];
  replication?: { user: string; password?: string };
  ports: Map<number, string>;
}

function planNode(ctx: PlanContext, service: ServiceModel): PlannedNode {
  const { plan } = ctx;
  const args = serviceArgs(ctx.topology, service);
  plan.problems.push(...args.problems);
  plan.warnings.push(...args.warnings);
  const port = publishedPort(service);
  if (port === undefined) plan.warnings.push(`${service.name}: publishes no PostgreSQL port; the native node listens on a free loopback port`);
  else if (ctx.ports.has(port)) plan.problems.push(`port ${port} is published by both '${ctx.ports.get(port)}' and '${service.name}'`);
  else ctx.ports.set(port, service.name);
  if (service.major === undefined) plan.warnings.push(`${service.name}: the image does not tell its PostgreSQL major; using ${DEFAULT_MAJOR}`);
  const target = ctx.targets.find((t) => t.service === service.name);
  const login = { user: target?.user ?? 'postgres', password: target?.password, database: target?.database ?? 'postgres' };
  const node: PlannedNode = { service: service.name, role: service.role as NodeRole, major: service.major ?? DEFAULT_MAJOR, port, args, login };
  if (service.role === 'replica') {
    node.upstream = service.upstream;
    node.slot = service.slot ?? slotNameFor(service.name);
    node.replication = ctx.replication ? { user: ctx.replication.user, password: ctx.replication.password } : { user: login.user, password: login.password };
    return node;
  }
  node.init = initSpec(ctx.topology, service, ctx.readFile, plan.problems, plan.warnings);
  for (const script of node.init.scripts.filter((s) => s.kind === 'sh' && !ctx.options.allowShellInit)) {
    plan.problems.push(
      `${service.name}: init script ${script.name} is a shell script, which the native runtime would run on this machine rather than in a container; ` +
        `turn it into .sql, use the Docker backend, or allow shell init scripts for this project (pgha up --allow-init-sh, setting pgha.native.allowInitShell)`,
    );
  }
  return node;
}

/** The native launch plan of a topology. */
export function planNative(topology: Topology, options: PlanOptions = {}): NativePlan {
  const readFile = options.readFile ?? readTextFile;
  const plan: NativePlan = { project: topology.project, composeFile: composeFileOf(topology), nodes: [], skipped: [], problems: [], warnings: [] };
  const ctx: PlanContext = {
    topology,
    options,
    readFile,
    plan,
    targets: targetsFromTopology(topology, readFile).targets,
    replication: clusterReplicationCredentials(topology, readFile),
    ports: new Map(),
  };
  const nodes: PlannedNode[] = [];
  for (const service of topology.services) {
    const reason = skipReason(service);
    if (reason) plan.skipped.push({ service: service.name, reason });
    else nodes.push(planNode(ctx, service));
  }
  plan.nodes = startOrder(nodes, plan.problems);
  checkMajors(plan);
  return plan;
}

function checkMajors(plan: NativePlan): void {
  for (const node of plan.nodes) {
    const upstream = plan.nodes.find((n) => n.service === node.upstream);
    if (upstream && upstream.major !== node.major) {
      plan.problems.push(`${node.service} runs PostgreSQL ${node.major} but streams from ${upstream.service} on ${upstream.major}; physical replicas need the same major`);
    }
  }
}

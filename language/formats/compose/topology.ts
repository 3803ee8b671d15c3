import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Range } from 'vscode-languageserver-types';
import type { PoolerEdge, PoolerRoute, ReplicationEdge, ServiceModel, Topology } from '../../../core/model/topology';
import { getEntry, scalarText, entries, type Span } from './yaml/nodes';
import { envValue, readNames, type ComposeModel, type ServiceInfo } from './model';
import { isSecretVar, plainSecret } from './knowledge';
import { externalKeys, hostPath, readEnvFilePaths, readLabels } from './launchFields';
import type { FileSystemHost } from '../../service/types';
import { pgpoolBackends } from './pgpoolBackends';
import { pgbouncerEnvRoutes, serviceContract } from './pgbouncerEnv';
import { managedCluster } from './managedCluster';

export const toRange = (doc: TextDocument, span: Span): Range => ({ start: doc.positionAt(span.start), end: doc.positionAt(span.end) });

/** The credentials a client would use for this service, from the image's conventions. */
function credentials(s: ServiceInfo): ServiceModel['credentials'] {
  const env = (n: string) => envValue(s, n);
  if (s.flavor === 'bitnami' || s.flavor === 'bitnami-repmgr') {
    return {
      user: env('POSTGRESQL_USERNAME') ?? 'postgres',
      password: env('POSTGRESQL_PASSWORD') ?? env('POSTGRESQL_POSTGRES_PASSWORD'),
      passwordFile: env('POSTGRESQL_PASSWORD_FILE'),
      database: env('POSTGRESQL_DATABASE') ?? 'postgres',
    };
  }
  if (s.role === 'replica') return { user: s.replicationUser ?? env('PGUSER'), password: env('PGPASSWORD'), database: 'postgres' };
  const user = env('POSTGRES_USER') ?? 'postgres';
  return { user, password: env('POSTGRES_PASSWORD'), passwordFile: env('POSTGRES_PASSWORD_FILE'), database: env('POSTGRES_DB') ?? user };
}

function serviceModel(model: ComposeModel, s: ServiceInfo): ServiceModel {
  const e = (key: string) => getEntry(s.entries, key);
  const text = (key: string) => scalarText(e(key)?.value, model.anchors);
  const env: Record<string, string> = {};
  // What the container gets: the value after interpolation when the workspace knows it (.env, defaults), else as written.
  for (const v of s.env) env[v.name] = v.resolved ?? v.value ?? '';
  const supported = new Set(['image', 'command', 'environment', 'ports', 'volumes', 'healthcheck', 'depends_on', 'restart', 'user', 'networks', 'secrets', 'env_file', 'container_name', 'shm_size', 'labels', 'stop_grace_period', 'hostname', 'entrypoint', 'stop_signal']);
  return {
    name: s.name,
    role: s.role,
    flavor: s.flavor,
    image: s.image?.text,
    tag: s.image?.tag,
    major: s.major,
    command: s.command.form === 'none' ? undefined : s.command.words.map((w) => w.text),
    entrypoint: s.command.entrypoint,
    environment: env,
    settings: s.command.settings.filter((c) => c.name).map((c) => ({ name: c.name, value: c.value ?? '' })),
    ports: s.ports.map((p) => ({ hostIp: p.hostIp, hostPort: p.hostPort, containerPort: p.containerPort, protocol: p.protocol })),
    volumes: s.volumes.map((v) => ({
      type: v.type,
      source: v.type === 'bind' && v.source ? hostPath(v.source, model.composeDir) : v.source,
      target: v.target,
      readOnly: v.readOnly,
    })),
    healthcheck: s.healthcheck
      ? { test: s.healthcheck.raw, interval: s.healthcheck.interval, timeout: s.healthcheck.timeout, retries: s.healthcheck.retries, startPeriod: s.healthcheck.startPeriod, disabled: s.healthcheck.disabled }
      : undefined,
    dependsOn: s.dependsOn.map((d) => ({ service: d.service, condition: d.condition })),
    user: text('user'),
    restart: text('restart'),
    networks: readNames(e('networks'), model.anchors),
    secrets: readNames(e('secrets'), model.anchors),
    envFiles: readEnvFilePaths(e('env_file'), model.anchors).map((f) => hostPath(f, model.composeDir)),
    credentials: credentials(s),
    upstream: s.role === 'replica' || s.role === 'pooler' ? s.upstream : undefined,
    slot: s.slot,
    createdSlots: [...s.init.createdSlots],
    unsupportedKeys: s.entries.map((x) => x.key).filter((k) => !supported.has(k)),
    containerName: text('container_name'),
    stopSignal: text('stop_signal'),
    hostname: text('hostname') || undefined,
    shmSize: text('shm_size') || undefined,
    stopGracePeriod: text('stop_grace_period') || undefined,
    labels: readLabels(e('labels'), model.anchors),
    replicationUser: s.replicationUser,
    plainTextSecrets: s.env.filter((v) => isSecretVar(v.name) && plainSecret(v.value)).map((v) => v.name),
    ...(s.poolerConfig ? { poolerConfig: s.poolerConfig } : {}),
  };
}

/** A PgBouncer service's routes: its mounted pgbouncer.ini, else what its image's environment contract generates. */
function pgbouncerServiceRoutes(s: ServiceInfo): PoolerRoute[] | undefined {
  if (s.poolerConfig) return s.poolerConfig.routes;
  const contract = s.flavor === 'pgbouncer' ? serviceContract(s) : undefined;
  return contract && pgbouncerEnvRoutes((name) => envValue(s, name), [...s.env.map((e) => e.name), ...s.envFileVars.keys()], contract);
}

/** One edge per backend service the routes name, with the databases sent there. */
function routeEdges(pooler: string, routes: PoolerRoute[], model: ComposeModel): PoolerEdge[] {
  const byHost = new Map<string, string[]>();
  for (const route of routes) if (route.host && model.byName.has(route.host)) byHost.set(route.host, [...(byHost.get(route.host) ?? []), route.database]);
  return [...byHost].map(([backend, databases]) => ({ pooler, backend, databases }));
}

/** Replication edges: replica → upstream service (when it names one). */
export function replicationEdges(model: ComposeModel): ReplicationEdge[] {
  return model.services
    .filter((s) => s.role === 'replica' && s.upstream && model.byName.has(s.upstream))
    .map((s) => ({ from: s.upstream!, to: s.name, slot: s.slot }));
}

/** The cluster model of a compose file (no editor ranges: features use the ranged ComposeModel itself); `fs` reads a pooler's mounted configuration. */
export function toTopology(model: ComposeModel, fs?: FileSystemHost): Topology {
  const names = (key: string) => {
    const top = model.topLevel.get(key);
    return top ? entries(top.entry.value, model.anchors).entries.map((x) => x.key) : [];
  };
  const secrets: Topology['secrets'] = {};
  const secretsTop = model.topLevel.get('secrets');
  if (secretsTop) {
    for (const s of entries(secretsTop.entry.value, model.anchors).entries) {
      const es = entries(s.value, model.anchors).entries;
      const file = scalarText(getEntry(es, 'file')?.value, model.anchors);
      secrets[s.key] = { file: file ? hostPath(file, model.composeDir) : file, environment: scalarText(getEntry(es, 'environment')?.value, model.anchors) };
    }
  }
  // pg_basebackup -C creates the slot on the upstream: record it there.
  const services = model.services.map((s) => serviceModel(model, s));
  for (const s of model.services) {
    if (s.slot && s.upstream && s.command.basebackup?.options.some((o) => o.name === 'create-slot')) {
      services.find((m) => m.name === s.upstream)?.createdSlots.push(s.slot);
    }
  }
  const topology: Topology = { uri: model.uri, project: model.project, services, edges: replicationEdges(model), volumes: names('volumes'), networks: names('networks'), secrets };
  const poolerEdges = services.flatMap((service): PoolerEdge[] => {
    const backends = pgpoolBackends(service, fs);
    if (backends) service.backends = backends;
    const routes = pgbouncerServiceRoutes(model.byName.get(service.name)!);
    if (routes) service.routes = routes;
    return [...(backends ?? []).filter((b) => model.byName.has(b.host)).map((b) => ({ pooler: service.name, backend: b.host, index: b.index })), ...routeEdges(service.name, routes ?? [], model)];
  });
  if (poolerEdges.length) topology.poolerEdges = poolerEdges;
  const externalVolumes = externalKeys(model.topLevel.get('volumes')?.entry.value, model.anchors);
  const externalNetworks = externalKeys(model.topLevel.get('networks')?.entry.value, model.anchors);
  if (externalVolumes.length) topology.externalVolumes = externalVolumes;
  if (externalNetworks.length) topology.externalNetworks = externalNetworks;
  const managed = managedCluster(model, services, fs);
  if (managed) topology.managed = managed;
  return topology;
}

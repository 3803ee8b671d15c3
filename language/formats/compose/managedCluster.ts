/**
 * The Patroni cluster a compose file describes (core/model/topology ManagedCluster): its nodes (services Patroni
 * runs), its etcd members, and what the launcher and monitor need from the nodes' configuration — the REST API and
 * PostgreSQL ports, the timing, the credentials — read from the environment first, then from the mounted patroni.yml
 * (Patroni lets PATRONI_* variables override the file).
 */
import type { ManagedCluster, ManagedNode, PublishedPort, ServiceModel } from '../../../core/model/topology';
import type { FileSystemHost } from '../../service/types';
import { nodeAt, parsePatroni, MAX_PATRONI_BYTES, type PyNode } from '../patroni/document';
import type { ComposeModel } from './model';

const ETCD_IMAGE = /(^|\/)etcd(:|@|$)/;

/** An etcd member: the etcd image, or a command that runs etcd. */
function isEtcd(service: ServiceModel): boolean {
  const first = (service.command ?? service.entrypoint ?? [])[0] ?? '';
  return ETCD_IMAGE.test(service.image ?? '') || /(^|\/)etcd$/.test(first) || 'ETCD_INITIAL_CLUSTER' in service.environment;
}

function scalar(root: PyNode | undefined, path: string): string | undefined {
  const node = nodeAt(root, path.split('.'));
  if (!node) return undefined;
  if (node.kind === 'str') return node.value;
  if (node.kind === 'int' || node.kind === 'float') return String(node.value);
  if (node.kind === 'bool') return String(node.value);
  return undefined;
}

/** The patroni.yml a node runs with: the file its command names, mounted from the host. */
function mountedConfig(service: ServiceModel, fs: FileSystemHost | undefined): PyNode | undefined {
  const words = service.command ?? [];
  const file = words.find((w, i) => i > 0 && /\.ya?ml$/.test(w));
  const mount = file && service.volumes.find((v) => v.type === 'bind' && v.target === file && v.source);
  if (!mount || !fs) return undefined;
  const text = fs.readFile(mount.source!);
  return text === undefined || text.length > MAX_PATRONI_BYTES ? undefined : parsePatroni(text).root;
}

/** A setting as Patroni sees it: PATRONI_<NAME> over the file's `path`. */
function setting(service: ServiceModel, root: PyNode | undefined, variable: string, path: string): string | undefined {
  return service.environment[variable] || scalar(root, path);
}

const portOf = (listen: string | undefined, fallback: number) => Number(/:(\d+)\s*$/.exec(listen ?? '')?.[1] ?? fallback);

function published(service: ServiceModel, containerPort: number): { ip: string; port: number } | undefined {
  const port = service.ports.find((p: PublishedPort) => p.containerPort === containerPort && p.protocol === 'tcp' && p.hostPort !== undefined);
  return port ? { ip: port.hostIp && port.hostIp !== '0.0.0.0' ? port.hostIp : '127.0.0.1', port: port.hostPort! } : undefined;
}

function managedNode(service: ServiceModel, root: PyNode | undefined): ManagedNode {
  const restPort = portOf(setting(service, root, 'PATRONI_RESTAPI_LISTEN', 'restapi.listen'), 8008);
  const pgPort = portOf(setting(service, root, 'PATRONI_POSTGRESQL_LISTEN', 'postgresql.listen'), 5432);
  return {
    service: service.name,
    member: setting(service, root, 'PATRONI_NAME', 'name') ?? service.name,
    restPort,
    restHost: published(service, restPort),
    pgPort,
    pgHost: published(service, pgPort),
  };
}

const numberOr = (text: string | undefined, fallback: number) => (text !== undefined && /^\d+$/.test(text) ? Number(text) : fallback);

/** The managed cluster of the file, or undefined when no service runs Patroni. */
export function managedCluster(model: ComposeModel, services: ServiceModel[], fs?: FileSystemHost): ManagedCluster | undefined {
  const patroni = services.filter((s) => model.byName.get(s.name)?.family === 'patroni');
  if (!patroni.length) return undefined;
  const first = patroni[0];
  const root = mountedConfig(first, fs);
  const restUser = setting(first, root, 'PATRONI_RESTAPI_USERNAME', 'restapi.authentication.username');
  return {
    manager: 'patroni',
    scope: setting(first, root, 'PATRONI_SCOPE', 'scope'),
    dcs: services.filter(isEtcd).map((s) => s.name),
    nodes: patroni.map((s) => managedNode(s, mountedConfig(s, fs))),
    ttl: numberOr(scalar(root, 'bootstrap.dcs.ttl'), 30),
    loopWait: numberOr(scalar(root, 'bootstrap.dcs.loop_wait'), 10),
    synchronousMode: scalar(root, 'bootstrap.dcs.synchronous_mode') === 'true',
    restAuth: restUser ? { username: restUser, password: setting(first, root, 'PATRONI_RESTAPI_PASSWORD', 'restapi.authentication.password') } : undefined,
    superuser: {
      user: setting(first, root, 'PATRONI_SUPERUSER_USERNAME', 'postgresql.authentication.superuser.username') ?? 'postgres',
      password: setting(first, root, 'PATRONI_SUPERUSER_PASSWORD', 'postgresql.authentication.superuser.password'),
    },
  };
}

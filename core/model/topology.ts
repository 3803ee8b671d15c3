/**
 * The cluster model: what a compose file describes (nodes with role, upstream, slot, endpoints, credentials),
 * produced by the compose format and shared by runtimes, monitor, failover, views and CLI. No editor positions:
 * the compose format keeps its own ranged view (language/formats/compose/model.ts) for diagnostics and features.
 * Fields marked "launch hint" are compose keys a runtime honours where it has the notion (Docker does; a native
 * runtime ignores what it cannot apply).
 */
import type { Major } from '../majors';

export type ServiceRole = 'primary' | 'replica' | 'pooler' | 'other';
export type ImageFlavor = 'official' | 'bitnami' | 'bitnami-repmgr' | 'pgbouncer' | 'pgpool' | 'custom' | 'unknown';

export interface PublishedPort {
  hostIp?: string; // undefined means all interfaces
  hostPort?: number;
  containerPort: number;
  protocol: 'tcp' | 'udp';
}

/** Where a credential comes from: an inline value, a secret/env file, or unknown. */
export interface CredentialSource {
  user?: string;
  password?: string;
  passwordFile?: string; // host path of the file (resolved for file-based secrets) or container path for *_FILE
  database?: string;
}

export interface VolumeMount {
  type: 'volume' | 'bind' | 'tmpfs';
  source?: string; // volume name or host path (absolute, resolved against the compose file)
  target: string;
  readOnly: boolean;
}

export interface HealthcheckModel {
  test: string[] | string;
  interval?: string;
  timeout?: string;
  retries?: number;
  startPeriod?: string;
  disabled?: boolean;
}

export interface DependsOn {
  service: string;
  condition: 'service_started' | 'service_healthy' | 'service_completed_successfully';
}

/** A backend a pooler forwards to (pgpool-II's backend_hostname<n>/backend_port<n>). */
export interface PoolerBackend {
  index: number;
  host: string;
  port: number;
  /** Load-balancing weight, when the configuration says. */
  weight?: number;
}

/** One database a pooler serves and where it sends it (a [databases] entry of a mounted pgbouncer.ini). */
export interface PoolerRoute {
  /** The name clients ask for (`*`: any other name). */
  database: string;
  /** Service (or host) the pooler connects to; undefined: the pooler's own Unix socket. */
  host?: string;
  port?: number;
  /** Database name on the server, when it differs. */
  dbname?: string;
  /** The user the pooler logs in as, when the entry forces one (`user=`); else each client's own. */
  user?: string;
}

export interface ServiceModel {
  name: string;
  role: ServiceRole;
  flavor: ImageFlavor;
  image?: string;
  /** Image after applying nothing: the tag as written. */
  tag?: string;
  major?: Major;
  command?: string[];
  entrypoint?: string[];
  environment: Record<string, string>;
  /** `-c name=value` settings from the command, in order. */
  settings: { name: string; value: string }[];
  ports: PublishedPort[];
  volumes: VolumeMount[];
  healthcheck?: HealthcheckModel;
  dependsOn: DependsOn[];
  user?: string;
  restart?: string;
  networks: string[];
  secrets: string[];
  envFiles: string[];
  credentials: CredentialSource;
  /** For replicas: the service they stream from, and through which slot. */
  upstream?: string;
  slot?: string;
  /** Slots created on this node by init scripts or pg_basebackup -C. */
  createdSlots: string[];
  /** Compose keys present that the launchers do not support (e.g. build). */
  unsupportedKeys: string[];
  /** Launch hint: `container_name:` when set (the Docker runtime's name for the node; default <project>-<service>-1). */
  containerName?: string;
  /** Launch hint: `stop_signal:` when set. */
  stopSignal?: string;
  /** Launch hints: `hostname:`, `shm_size:` ("256m"), `stop_grace_period:` ("30s"), and `labels:` (list or map form). */
  hostname?: string;
  shmSize?: string;
  stopGracePeriod?: string;
  labels?: Record<string, string>;
  /** The role a replica connects to its upstream as (pg_basebackup -U, PGUSER, Bitnami replication user). */
  replicationUser?: string;
  /** Environment variables that hold a password in plain text. */
  plainTextSecrets?: string[];
  /** pgpool-II: its backends (from its image's variables or its mounted pgpool.conf). */
  backends?: PoolerBackend[];
  /** Poolers: the configuration file mounted into the service (host path) and the routes it defines. */
  poolerConfig?: { path: string; routes: PoolerRoute[] };
  /** PgBouncer: where each database goes (the mounted pgbouncer.ini's [databases], else the one its image's environment generates). */
  routes?: PoolerRoute[];
}

export interface ReplicationEdge {
  from: string; // upstream (primary)
  to: string; // replica
  slot?: string;
}

/** A pooler → backend edge: the pooler forwards connections to that service. */
export interface PoolerEdge {
  pooler: string;
  backend: string;
  /** pgpool's backend number. */
  index?: number;
  /** PgBouncer: the databases (route names) sent to this backend. */
  databases?: string[];
}

/** One node of a managed cluster: where its engine's REST API and its PostgreSQL answer on this machine. */
export interface ManagedNode {
  service: string;
  /** Patroni's member name (PATRONI_NAME or `name:` of its file; the service name when neither says). */
  member: string;
  /** REST API port inside the container, and the host address/port it is published on (when it is). */
  restPort: number;
  restHost?: { ip: string; port: number };
  pgPort: number;
  pgHost?: { ip: string; port: number };
}

/**
 * A cluster whose roles an HA engine decides at run time (Patroni with etcd): pgha launches it, reads the engine's
 * view and acts through the engine, never behind its back. The compose format derives it from the services.
 */
export interface ManagedCluster {
  manager: 'patroni';
  /** Patroni's scope (the cluster's name in the store). */
  scope?: string;
  /** Services of the distributed store (etcd members), started and quorate before the nodes start. */
  dcs: string[];
  nodes: ManagedNode[];
  /** Leader key time to live and the HA loop's period (bootstrap.dcs; Patroni's defaults 30 and 10). */
  ttl: number;
  loopWait: number;
  synchronousMode: boolean;
  /** REST API credentials for the unsafe endpoints (POST /switchover …), when the file sets them. */
  restAuth?: { username: string; password?: string };
  /** The database superuser the SQL probes log in as. */
  superuser: { user: string; password?: string };
}

export interface Topology {
  uri: string;
  /** Project name as compose derives it (folder name, lower-case, [a-z0-9_-]) unless `name:` is set. */
  project: string;
  services: ServiceModel[];
  edges: ReplicationEdge[];
  /** Pooler → backend edges (pgpool-II backends and PgBouncer routes that are services of the file). */
  poolerEdges?: PoolerEdge[];
  volumes: string[];
  networks: string[];
  /** Launch hints: top-level volumes/networks marked `external: true` (used by their own name, never created or removed). */
  externalVolumes?: string[];
  externalNetworks?: string[];
  secrets: Record<string, { file?: string; environment?: string }>;
  /** Set when an HA engine (Patroni) manages the PostgreSQL services: their roles come from it, not from the file. */
  managed?: ManagedCluster;
}


/**
 * The cluster model: what a compose file describes (nodes with role, upstream, slot, endpoints, credentials),
 * produced by the compose format and shared by launcher, runtimes, monitor, failover, views and CLI.
 */
import type { Range } from 'vscode-languageserver-types';
import type { Major } from '../majors';

export type ServiceRole = 'primary' | 'replica' | 'pooler' | 'other';
export type ImageFlavor = 'official' | 'bitnami' | 'bitnami-repmgr' | 'pgbouncer' | 'pgpool' | 'custom' | 'unknown';

export interface PublishedPort {
  hostIp?: string; // undefined means all interfaces
  hostPort?: number;
  containerPort: number;
  protocol: 'tcp' | 'udp';
  range: Range;
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
  range: Range;
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

export interface ServiceModel {
  name: string;
  nameRange: Range;
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
  settings: { name: string; value: string; range: Range }[];
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
  /** Compose keys present that the launcher does not support (e.g. build). */
  unsupportedKeys: string[];
  /** `container_name:` when set (launcher; default is <project>-<service>-1). */
  containerName?: string;
  /** `stop_signal:` when set (launcher). */
  stopSignal?: string;
  /** Launcher: `hostname:`, `shm_size:` ("256m"), `stop_grace_period:` ("30s"), and `labels:` (list or map form). */
  hostname?: string;
  shmSize?: string;
  stopGracePeriod?: string;
  labels?: Record<string, string>;
  /** The role a replica connects to its upstream as (pg_basebackup -U, PGUSER, Bitnami replication user). */
  replicationUser?: string;
  /** Environment variables that hold a password in plain text. */
  plainTextSecrets?: string[];
}

export interface ReplicationEdge {
  from: string; // upstream (primary)
  to: string; // replica
  slot?: string;
}

export interface Topology {
  uri: string;
  /** Project name as compose derives it (folder name, lower-case, [a-z0-9_-]) unless `name:` is set. */
  project: string;
  services: ServiceModel[];
  edges: ReplicationEdge[];
  volumes: string[];
  networks: string[];
  /** Launcher: top-level volumes/networks marked `external: true` (used by their own name, never created or removed). */
  externalVolumes?: string[];
  externalNetworks?: string[];
  secrets: Record<string, { file?: string; environment?: string }>;
}


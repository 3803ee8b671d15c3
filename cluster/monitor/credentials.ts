/**
 * Credentials a compose file gives, as this machine can read them: inline environment, *_FILE variables that
 * name compose secrets (/run/secrets/NAME → the secret's file next to the compose file) or bind mounts, and
 * pgpass files among a service's secrets. vscode-free; the CLI, the tree and the failover actions share it.
 */
import * as path from 'path';
import type { ServiceModel, Topology } from '../../core/model/topology';
import { readBoundedText } from '../../core/nodeFileSystem';
import { uriToPath } from '../../core/paths';
import type { ReplicationCredentials } from './types';

/** Reads a file's text; undefined when absent or unreadable. Injected in tests. */
export type ReadFile = (file: string) => string | undefined;

export const readTextFile: ReadFile = (file) => readBoundedText(file);

function composeDir(topology: Topology): string | undefined {
  const file = uriToPath(topology.uri);
  return file === undefined ? undefined : path.dirname(file);
}

function onHost(topology: Topology, file: string): string {
  const dir = composeDir(topology);
  return path.isAbsolute(file) || !dir ? file : path.resolve(dir, file);
}

/**
 * Where this machine finds a file a container sees at `containerPath`: a compose secret under /run/secrets/,
 * a file inside a bind mount of the service. Undefined otherwise: a container path (/tmp/pgpass) must never be
 * read from this machine's file system, where it names some other file.
 */
export function hostPathOf(topology: Topology, service: ServiceModel | undefined, containerPath: string): string | undefined {
  const secret = /^\/run\/secrets\/([^/]+)$/.exec(containerPath)?.[1];
  const secretFile = secret ? topology.secrets[secret]?.file : undefined;
  if (secretFile) return onHost(topology, secretFile);
  for (const mount of service?.volumes ?? []) {
    if (mount.type !== 'bind' || !mount.source) continue;
    const target = mount.target.replace(/\/$/, '');
    if (containerPath === target || containerPath.startsWith(`${target}/`)) return onHost(topology, mount.source + containerPath.slice(target.length));
  }
  return undefined;
}

/** A secret's text without its final newline (how the postgres image reads *_FILE). */
export function readSecret(topology: Topology, service: ServiceModel | undefined, containerPath: string | undefined, readFile: ReadFile = readTextFile): string | undefined {
  const file = containerPath ? hostPathOf(topology, service, containerPath) : undefined;
  return file ? readFile(file)?.replace(/\r?\n$/, '') : undefined;
}

/** Entries of a libpq password file (host:port:database:user:password; `\:` and `\\` escape). */
export function parsePgpass(text: string): { host: string; port: string; database: string; user: string; password: string }[] {
  const entries = [];
  for (const line of text.split(/\r?\n/)) {
    if (!line.trim() || line.trimStart().startsWith('#')) continue;
    const fields: string[] = [''];
    for (let i = 0; i < line.length; i++) {
      if (line[i] === '\\' && i + 1 < line.length) fields[fields.length - 1] += line[++i];
      else if (line[i] === ':' && fields.length < 5) fields.push('');
      else fields[fields.length - 1] += line[i];
    }
    if (fields.length === 5) entries.push({ host: fields[0], port: fields[1], database: fields[2], user: fields[3], password: fields[4] });
  }
  return entries;
}

/** The password a pgpass text gives `user` for replication connections, if any. */
function pgpassPassword(text: string | undefined, user: string): string | undefined {
  if (!text) return undefined;
  const entry = parsePgpass(text).find((e) => (e.user === user || e.user === '*') && ['*', 'replication'].includes(e.database));
  return entry?.password;
}

const PASSWORD_VARIABLES = ['POSTGRES_REPLICATION_PASSWORD', 'POSTGRESQL_REPLICATION_PASSWORD', 'REPMGR_PASSWORD', 'REPLICATION_PASSWORD', 'PGPASSWORD'];

/**
 * How a replica of this topology logs in for replication: its user (pg_basebackup -U, PGUSER, Bitnami's
 * replication user) and password from its environment, *_FILE secrets, PGPASSFILE or a pgpass secret.
 */
export function replicationCredentialsOf(topology: Topology, replica: ServiceModel, readFile: ReadFile = readTextFile): ReplicationCredentials | undefined {
  const env = replica.environment;
  const user = replica.replicationUser ?? env.POSTGRESQL_REPLICATION_USER ?? env.POSTGRES_REPLICATION_USER ?? env.PGUSER ?? replica.credentials.user;
  if (!user) return undefined;
  for (const name of PASSWORD_VARIABLES) {
    if (env[name] !== undefined) return { user, password: env[name], source: `${replica.name}: ${name}` };
    const fromFile = readSecret(topology, replica, env[`${name}_FILE`], readFile);
    if (fromFile !== undefined) return { user, password: fromFile, source: `${replica.name}: ${name}_FILE` };
  }
  const passfileOnHost = env.PGPASSFILE ? hostPathOf(topology, replica, env.PGPASSFILE) : undefined;
  const passfile = passfileOnHost ? pgpassPassword(readFile(passfileOnHost), user) : undefined;
  if (passfile !== undefined) return { user, password: passfile, source: `${replica.name}: PGPASSFILE` };
  // PGPASSFILE often names a copy made at start (install -m 600 /run/secrets/x /tmp/pgpass): read the secrets.
  for (const secret of replica.secrets) {
    const file = topology.secrets[secret]?.file;
    const password = file ? pgpassPassword(readFile(onHost(topology, file)), user) : undefined;
    if (password !== undefined) return { user, password, source: `${replica.name}: pgpass secret ${secret}` };
  }
  return { user, source: `${replica.name}: user only (no password found)` };
}

/** The replication credentials of the cluster: the first replica's that include a password, else a user only. */
export function clusterReplicationCredentials(topology: Topology, readFile: ReadFile = readTextFile): ReplicationCredentials | undefined {
  const found = topology.services.filter((s) => s.role === 'replica').map((s) => replicationCredentialsOf(topology, s, readFile));
  return found.find((c) => c?.password !== undefined) ?? found.find((c) => c !== undefined);
}

/**
 * Generated patroni.yml files for the differential test against `patroni --validate-config`: a valid base per DCS,
 * then one to three mutations each (a key removed, a value of another YAML 1.1 type, an address of a wrong shape,
 * a list emptied, …). The machine-dependent checks are kept passing by the environment: every host to reach is
 * 127.0.0.1 on a port the run listens on, every address to listen on 127.0.0.1 on a free port, data_dir absent.
 */
import { random } from '../generate';

export interface CaseEnvironment {
  /** A port the run listens on (etcd, consul, zookeeper, raft partners must answer). */
  reachable: number;
  /** Ports nothing listens on (restapi.listen, postgresql.listen must be free). */
  free: [number, number];
  /** A folder that does not exist (data_dir). */
  missingDir: string;
  /** A folder with the programs bin_dir must hold. */
  binDir: string;
}

/** A YAML value: a mapping, a sequence, or a scalar written exactly as given (so `on`, `030`, `1e3` stay as typed). */
export type Yaml = { [key: string]: Yaml } | Yaml[] | { raw: string };

const raw = (text: string): Yaml => ({ raw: text });
const isRaw = (value: Yaml): value is { raw: string } => !Array.isArray(value) && typeof (value as { raw?: unknown }).raw === 'string' && Object.keys(value).length === 1;

/** Block-style YAML; empty mappings and sequences inline. */
export function emit(value: Yaml, indent = ''): string {
  if (Array.isArray(value)) return value.length === 0 ? ' []\n' : '\n' + value.map((item) => `${indent}-${emitValue(item, `${indent}  `)}`).join('');
  return emitValue(value, indent);
}

function emitValue(value: Yaml, indent: string): string {
  if (isRaw(value)) return ` ${value.raw}\n`;
  if (Array.isArray(value)) return emit(value, indent);
  const entries = Object.entries(value);
  if (entries.length === 0) return ' {}\n';
  return '\n' + entries.map(([key, item]) => `${indent}${key}:${emitValue(item, `${indent}  `)}`).join('');
}

export function emitFile(value: Yaml): string {
  return emit(value).replace(/^\n/, '');
}

const DCS = ['etcd', 'etcd3', 'consul', 'zookeeper', 'raft', 'exhibitor', 'kubernetes'] as const;

function dcsSection(kind: (typeof DCS)[number], env: CaseEnvironment, next: () => number): Yaml {
  const host = `127.0.0.1:${env.reachable}`;
  switch (kind) {
    case 'etcd':
    case 'etcd3': {
      const forms: Yaml[] = [{ hosts: raw(`${host},${host},${host}`) }, { hosts: [raw(host), raw(host), raw(host)] }, { host: raw(host) }, { url: raw('http://etcd:2379') }, { srv: raw('etcd.example') }, { proxy: raw('http://proxy:2379') }];
      return forms[Math.floor(next() * forms.length)];
    }
    case 'consul':
      return next() < 0.5 ? { host: raw(host) } : { url: raw('http://consul:8500') };
    case 'zookeeper':
      return next() < 0.5 ? { hosts: [raw(host)] } : { hosts: raw(`${host},${host}`) };
    case 'raft':
      return { self_addr: raw('10.0.0.1:2222'), partner_addrs: [raw(host)], data_dir: raw('/var/lib/raft') };
    case 'exhibitor':
      return { hosts: [raw('zk1'), raw('zk2')], port: raw('8181') };
    case 'kubernetes':
      return { labels: { application: raw('patroni') }, namespace: raw('default'), use_endpoints: raw('true'), pod_ip: raw('10.1.2.3'), ports: [{ name: raw('postgresql'), port: raw('5432') }], retriable_http_codes: raw('401') };
  }
}

export function baseConfig(env: CaseEnvironment, next: () => number): { [key: string]: Yaml } {
  const kind = DCS[Math.floor(next() * DCS.length)];
  return {
    scope: raw('demo'),
    name: raw('patroni1'),
    restapi: { listen: raw(`127.0.0.1:${env.free[0]}`), connect_address: raw('10.0.0.1:8008') },
    [kind]: dcsSection(kind, env, next),
    bootstrap: {
      dcs: { ttl: raw('30'), loop_wait: raw('10'), retry_timeout: raw('10'), maximum_lag_on_failover: raw('1048576') },
      pg_hba: [raw('host replication replicator 10.0.0.0/8 scram-sha-256')],
      initdb: [{ encoding: raw('UTF8') }, raw('data-checksums')],
    },
    postgresql: {
      listen: raw(`127.0.0.1:${env.free[1]}`),
      connect_address: raw('10.0.0.1:5432'),
      data_dir: raw(env.missingDir),
      bin_dir: raw(env.binDir),
      authentication: { replication: { username: raw('replicator'), password: raw('r') }, superuser: { username: raw('postgres'), password: raw('s') }, rewind: { username: raw('rewind_user'), password: raw('w') } },
      parameters: { unix_socket_directories: raw('/var/run/postgresql'), shared_buffers: raw('128MB') },
      pg_hba: [raw('local all all trust')],
      pg_ctl_timeout: raw('60'),
      use_pg_rewind: raw('true'),
    },
    watchdog: { mode: raw('automatic'), device: raw('/dev/watchdog') },
    tags: { nofailover: raw('false'), clonefrom: raw('true'), noloadbalance: raw('off'), replicatefrom: raw('patroni2'), nosync: raw('no') },
  };
}

/** Scalars of every YAML 1.1 type PyYAML resolves, plus collections. */
const SCALARS = ['1', '-3', '1.5', '30.0', '1e3', '030', '0x1F', '1_000', 'on', 'off', 'yes', 'No', 'true', 'null', '~', '""', "''", 'x', '"8008"', '2024-01-01', '.inf', '[]', '{}', '[a, b]', '{a: 1}', '[1]', "'it''s'"];
/** Addresses to connect to (only their text is checked): no port, a port that is no number, loopback hosts, IPv6. */
const CONNECT = ['10.0.0.1', '10.0.0.1:abc', 'localhost:8008', '127.0.0.1:1', '0.0.0.0:5432', '"*:5432"', '[::1]:5432', '::1:5432', 'db1:+5432', '"db1: 5432"', '"db1,db2:5432"', '":5432"', '10.0.0.1:8_008', 'host:'];
/** Addresses Patroni listens on or reaches (their hosts resolve here): the same shapes on 127.0.0.1. */
const NETWORK = ['127.0.0.1', '127.0.0.1:abc', '"127.0.0.1:"', '"*,127.0.0.1:5432"', '"127.0.0.1: x"', '127.0.0.1:5432:1'];
const MODES = ['off', 'automatic', 'required', 'Automatic', 'on', '""'];
const IPS = ['10.1.2.3', '1', '1.2', '0x7f.1', '256.1.1.1', '::1', 'fe80::1%eth0', 'a', '1.2.3.4.5', '010.1.1.1', '1.2.3.09'];

/** Every path of the base (mappings, sequence items and scalars). */
function paths(value: Yaml, prefix: (string | number)[] = []): (string | number)[][] {
  if (isRaw(value)) return [prefix];
  const children = Array.isArray(value) ? value.map((item, i) => [i, item] as const) : Object.entries(value);
  return [prefix, ...children.flatMap(([key, item]) => paths(item, [...prefix, key]))];
}

function parentOf(root: Yaml, path: (string | number)[]): Yaml | undefined {
  let node: Yaml | undefined = root;
  for (const step of path.slice(0, -1)) node = node && !isRaw(node) ? (node as Record<string, Yaml>)[step] : undefined;
  return node;
}

function setAt(root: Yaml, path: (string | number)[], value: Yaml | undefined): void {
  const parent = parentOf(root, path);
  const last = path[path.length - 1];
  if (!parent || isRaw(parent)) return;
  if (Array.isArray(parent)) {
    if (value === undefined) parent.splice(Number(last), 1);
    else parent[Number(last)] = value;
  } else if (value === undefined) delete (parent as Record<string, Yaml>)[last];
  else (parent as Record<string, Yaml>)[last] = value;
}

const pick = <T>(list: readonly T[], next: () => number): T => list[Math.floor(next() * list.length)];

function mutate(root: { [key: string]: Yaml }, next: () => number): void {
  const all = paths(root).filter((p) => p.length > 0);
  const path = pick(all, next);
  const name = String(path[path.length - 1]);
  const roll = next();
  if (roll < 0.25) return setAt(root, path, undefined);
  if (roll < 0.35) return setAt(root, path, []);
  if (/connect_address|self_addr|proxy_address/.test(path.join('.')) && roll < 0.8) return setAt(root, path, raw(pick(CONNECT, next)));
  if (/listen|host|hosts|partner/.test(path.join('.')) && roll < 0.8) return setAt(root, path, raw(pick(NETWORK, next)));
  // A path names the target machine's file system: only values whose verdict does not depend on it.
  if (name === 'bin_dir' || name === 'data_dir') return setAt(root, path, raw(pick(['0', '1', '2', 'true', 'false', '""', '1.5', '[]', '{}', '[a]', '~', '2024-01-01'], next)));
  if (name === 'mode' && roll < 0.8) return setAt(root, path, raw(pick(MODES, next)));
  if (name === 'pod_ip' && roll < 0.8) return setAt(root, path, raw(pick(IPS, next)));
  if (name === 'port' && roll < 0.8) return setAt(root, path, raw(pick(['65535', '65536', 'abc', '[1]', '8181.5', '" 42 "'], next)));
  setAt(root, path, raw(pick(SCALARS, next)));
}

/** `count` files: about a fifth left valid, the rest with one to three mutations. */
export function generatePatroniFiles(env: CaseEnvironment, count: number, seed: number): string[] {
  const next = random(seed);
  const files: string[] = [];
  for (let i = 0; i < count; i++) {
    const root = baseConfig(env, next);
    if (next() >= 0.2) {
      const mutations = 1 + Math.floor(next() * 3);
      for (let m = 0; m < mutations; m++) mutate(root, next);
    }
    // Now and then a whole file of another shape: empty, a list, a scalar.
    const odd = next();
    files.push(odd < 0.01 ? '' : odd < 0.02 ? '- a\n- b\n' : odd < 0.03 ? 'just text\n' : emitFile(root));
  }
  return files;
}

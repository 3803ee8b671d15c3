import * as path from 'path';
import type { FileSystemHost } from '../../service/types';
import { readSmallFile } from './files';
import type { ServiceInfo } from './model';

/**
 * Container ports where HA tools serve PostgreSQL clients or manage the cluster, as the file shows them: HAProxy
 * sections whose servers are PostgreSQL services of the file (or the ports PostgreSQL and its poolers use),
 * HAProxy in Patroni's own image (5000 and 5001), the stolon proxy, Patroni's REST API and
 * pgpool-II's PCP port.
 */
export interface ToolPort {
  port: number;
  /** What it is, for messages: `an HAProxy port that forwards to PostgreSQL on "node1", "node2"`. */
  what: string;
  /** What someone who reaches it can do (for the information message). */
  risk: string;
  /** Services of this file it forwards to. */
  targets: string[];
}

const THROUGH = 'other machines that reach this host can connect to PostgreSQL through it';

const POSTGRES_PORTS = new Set([5432, 6432, 9999]);
const HAPROXY_CONFIG = /(^|\/)haproxy\.cfg$|^\/usr\/local\/etc\/haproxy(\/|$)|^\/etc\/haproxy(\/|$)/;

interface Section {
  name: string;
  binds: number[];
  servers: { host: string; port?: number }[];
  backends: string[];
}

/** `listen`/`frontend`/`backend` sections of an haproxy.cfg with their bind ports, servers and backends used. */
export function haproxySections(text: string): Section[] {
  const sections: Section[] = [];
  let current: Section | undefined;
  for (const raw of text.split('\n')) {
    const words = raw.replace(/#.*$/, '').trim().split(/\s+/).filter(Boolean);
    if (!words.length) continue;
    if (/^(listen|frontend|backend|defaults|global|resolvers|peers|userlist|program|cache|mailers)$/.test(words[0])) {
      current = { name: words[1] ?? '', binds: [], servers: [], backends: [] };
      sections.push(current);
      // `listen name addr:port` (old syntax) binds too.
      if (words[0] === 'listen' && words[2]) current.binds.push(...bindPorts(words[2]));
      continue;
    }
    if (!current) continue;
    if (words[0] === 'bind' && words[1]) current.binds.push(...bindPorts(words[1]));
    else if (words[0] === 'server' && words[2]) {
      const [host, port] = words[2].split(/:(?=\d+$)/);
      current.servers.push({ host, port: port ? Number(port) : undefined });
    } else if ((words[0] === 'default_backend' || words[0] === 'use_backend') && words[1]) current.backends.push(words[1]);
  }
  return sections;
}

function bindPorts(address: string): number[] {
  return address.split(',').map((a) => Number(/:(\d+)$/.exec(a)?.[1])).filter((p) => Number.isInteger(p) && p > 0);
}

/** The HAProxy config a service mounts, when it is a readable workspace file. */
function mountedHaproxyConfig(service: ServiceInfo, composeDir: string | undefined, fs: FileSystemHost): string | undefined {
  const volume = service.volumes.find((v) => v.type === 'bind' && v.source && HAPROXY_CONFIG.test(v.target.replace(/\/+$/, '')));
  if (!volume?.source || !composeDir) return undefined;
  const host = path.resolve(composeDir, volume.source);
  return fs.isDirectory(host) ? readSmallFile(fs, path.join(host, 'haproxy.cfg')) : readSmallFile(fs, host);
}

function haproxyPorts(text: string, servers: ReadonlySet<string>): ToolPort[] {
  const sections = haproxySections(text);
  const byName = new Map(sections.map((s) => [s.name, s]));
  const found: ToolPort[] = [];
  for (const section of sections.filter((s) => s.binds.length)) {
    const targets = [section, ...section.backends.map((b) => byName.get(b)).filter((b): b is Section => !!b)].flatMap((s) => s.servers);
    const postgres = targets.filter((t) => servers.has(t.host) || (t.port !== undefined && POSTGRES_PORTS.has(t.port)));
    if (!postgres.length) continue;
    const hosts = [...new Set(postgres.map((t) => t.host))];
    const what = `an HAProxy port that forwards to PostgreSQL on ${hosts.map((h) => `"${h}"`).join(', ')}`;
    for (const port of section.binds) found.push({ port, what, risk: THROUGH, targets: hosts.filter((h) => servers.has(h)) });
  }
  return found;
}

const isHaproxy = (s: ServiceInfo) => s.image?.name === 'haproxy' || s.command.firstWord === 'haproxy' || (s.built && /haproxy/i.test(s.name));
const portOf = (address: string | undefined) => Number(/:(\d+)\s*$/.exec(address ?? '')?.[1]) || undefined;

/** The ports of `service` that belong to an HA tool (none for PostgreSQL servers and poolers themselves). */
export function toolPorts(service: ServiceInfo, env: (name: string) => string | undefined, servers: () => ReadonlySet<string>, composeDir: string | undefined, fs: FileSystemHost): ToolPort[] {
  if (isHaproxy(service)) {
    const text = mountedHaproxyConfig(service, composeDir, fs);
    if (text !== undefined) return haproxyPorts(text, servers());
    // Patroni's image runs HAProxy with its own config when the command is `haproxy`.
    if (service.family === 'patroni') return [5000, 5001].map((port) => ({ port, what: "an HAProxy port of the Patroni image (it forwards to the cluster's PostgreSQL nodes)", risk: THROUGH, targets: [] }));
    return [];
  }
  const words = [...(service.command.entrypoint ?? []), ...service.command.words.map((w) => w.text)];
  const proxy = words.findIndex((w) => /(^|\/)stolon-proxy$/.test(w));
  if (proxy >= 0) {
    const at = words.findIndex((w, i) => i > proxy && /^--port(=|$)/.test(w));
    const port = at < 0 ? 5432 : Number(words[at].includes('=') ? words[at].split('=')[1] : words[at + 1]);
    return Number.isInteger(port) && port > 0 ? [{ port, what: 'the stolon proxy (it forwards to the current master)', risk: THROUGH, targets: [] }] : [];
  }
  if (service.family === 'patroni') return [{ port: portOf(env('PATRONI_RESTAPI_LISTEN')) ?? 8008, what: "Patroni's REST API", risk: 'anyone who reaches it reads the cluster state, and unless its restapi authentication is set, can also switch over, restart or reinitialise nodes', targets: [] }];
  if (service.flavor === 'pgpool') return [{ port: Number(env('PGPOOL_PCP_PORT') ?? env('PCP_PORT')) || 9898, what: "pgpool-II's PCP port", risk: 'anyone who reaches it and knows a pcp.conf password can detach, attach or promote backends', targets: [] }];
  return [];
}

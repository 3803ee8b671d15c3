/**
 * Patroni's REST API, read and driven from this machine through the 127.0.0.1-published port of each node (never a
 * container address). Every call is bounded in time and in the size of the answer; a node that does not answer is a
 * state the callers report, not an exception that stops a refresh.
 */
import { request } from 'node:http';

/** A member as Patroni's /cluster lists it (3.0: role leader / replica / sync_standby / standby_leader). */
export interface PatroniMember {
  name: string;
  role: string;
  state: string;
  host?: string;
  port?: number;
  apiUrl?: string;
  timeline?: number;
  /** Bytes behind the leader; undefined when Patroni says 'unknown' or nothing (the leader). */
  lag?: number;
  pendingRestart: boolean;
  tags: Record<string, unknown>;
}

export interface PatroniClusterView {
  scope?: string;
  members: PatroniMember[];
  leader?: string;
  paused: boolean;
}

/** What one node says about itself (/patroni). */
export interface PatroniNodeView {
  /** Patroni's words: master / replica / … ('primary' in newer releases). */
  role: string;
  state: string;
  timeline?: number;
  pendingRestart: boolean;
  paused: boolean;
  /** When the node last read the store (epoch seconds); undefined when Patroni does not say. */
  dcsLastSeen?: number;
  /** Streaming standbys on a leader: application name → state and sync state. */
  replication: { applicationName: string; state: string; syncState: string }[];
  version?: string;
}

export interface RestEndpoint {
  host: string;
  port: number;
  auth?: { username: string; password?: string };
}

export interface RestAnswer {
  status: number;
  body: string;
}

const MAX_BODY = 256 << 10;

/** One HTTP call; rejects on a connection failure or after timeoutMs. */
export function restCall(endpoint: RestEndpoint, method: 'GET' | 'POST', path: string, body?: unknown, timeoutMs = 2000): Promise<RestAnswer> {
  return new Promise((resolve, reject) => {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const headers: Record<string, string> = payload ? { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(payload)) } : {};
    if (endpoint.auth) headers.authorization = `Basic ${Buffer.from(`${endpoint.auth.username}:${endpoint.auth.password ?? ''}`).toString('base64')}`;
    const req = request({ host: endpoint.host, port: endpoint.port, method, path, headers, timeout: timeoutMs, agent: false }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        if (text.length < MAX_BODY) text += chunk;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text.slice(0, MAX_BODY) }));
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error(`no answer from ${endpoint.host}:${endpoint.port}${path} within ${timeoutMs} ms`)));
    req.on('error', reject);
    req.end(payload);
  });
}

function parseJson(answer: RestAnswer): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(answer.body);
    return value && typeof value === 'object' ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

const num = (value: unknown) => (typeof value === 'number' && Number.isFinite(value) ? value : undefined);
const str = (value: unknown) => (typeof value === 'string' ? value : undefined);

function member(raw: Record<string, unknown>): PatroniMember {
  return {
    name: str(raw.name) ?? '?',
    role: str(raw.role) ?? 'unknown',
    state: str(raw.state) ?? 'unknown',
    host: str(raw.host),
    port: num(raw.port),
    apiUrl: str(raw.api_url),
    timeline: num(raw.timeline),
    lag: num(raw.lag),
    pendingRestart: raw.pending_restart === true,
    tags: raw.tags && typeof raw.tags === 'object' ? (raw.tags as Record<string, unknown>) : {},
  };
}

/** GET /cluster: every member as the store knows it. */
export async function readCluster(endpoint: RestEndpoint, timeoutMs?: number): Promise<PatroniClusterView> {
  const raw = parseJson(await restCall(endpoint, 'GET', '/cluster', undefined, timeoutMs));
  const members = (Array.isArray(raw.members) ? raw.members : []).filter((m): m is Record<string, unknown> => !!m && typeof m === 'object').map(member);
  return { scope: str(raw.scope), members, leader: members.find((m) => m.role === 'leader' || m.role === 'standby_leader')?.name, paused: raw.pause === true };
}

/** GET /patroni: the node's own view (role, timeline, replication on a leader, last contact with the store). */
export async function readNode(endpoint: RestEndpoint, timeoutMs?: number): Promise<PatroniNodeView> {
  const raw = parseJson(await restCall(endpoint, 'GET', '/patroni', undefined, timeoutMs));
  const replication = (Array.isArray(raw.replication) ? raw.replication : []).map((r: Record<string, unknown>) => ({
    applicationName: str(r.application_name) ?? '',
    state: str(r.state) ?? '',
    syncState: str(r.sync_state) ?? '',
  }));
  const patroni = raw.patroni && typeof raw.patroni === 'object' ? (raw.patroni as Record<string, unknown>) : {};
  return {
    role: str(raw.role) ?? 'unknown',
    state: str(raw.state) ?? 'unknown',
    timeline: num(raw.timeline),
    pendingRestart: raw.pending_restart === true,
    paused: raw.pause === true,
    dcsLastSeen: num(raw.dcs_last_seen),
    replication,
    version: str(patroni.version),
  };
}

/** Patroni's own word for the leader role in /patroni (3.0 says master, later releases primary). */
export function isLeaderRole(role: string): boolean {
  return role === 'master' || role === 'primary' || role === 'leader' || role === 'standby_leader';
}

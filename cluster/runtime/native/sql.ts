/** node-postgres connections to native nodes: over TCP on 127.0.0.1 with a login, or a bootstrap server's private socket. */
import type { Client } from 'pg';
import { withNode } from '../../failover/context';
import type { Login } from './plan';

export interface Endpoint {
  /** 127.0.0.1, or the socket folder (a path) for bootstrap servers. */
  host: string;
  port: number;
}

/** Runs `work` on a fresh connection (ended afterwards), the way failover actions reach a node. */
export function withClient<T>(endpoint: Endpoint, login: Login, work: (client: Client) => Promise<T>): Promise<T> {
  return withNode({ service: 'pgha-native', ...endpoint, ...login, aliases: [] }, work);
}

/** A quoted identifier. */
export function ident(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** node-postgres connections to native nodes: over TCP on 127.0.0.1 with a login, or the node's private socket. */
import { Client } from 'pg';
import type { Login } from './plan';

export interface Endpoint {
  /** 127.0.0.1, or the socket folder (a path) for bootstrap servers. */
  host: string;
  port: number;
}

export async function connect(endpoint: Endpoint, login: Login, timeoutMs = 5_000): Promise<Client> {
  const client = new Client({
    host: endpoint.host,
    port: endpoint.port,
    user: login.user,
    password: login.password ?? '',
    database: login.database,
    application_name: 'pgha-native',
    connectionTimeoutMillis: timeoutMs,
  });
  client.on('error', () => undefined); // a server stopping under an idle client must not crash us
  await client.connect();
  return client;
}

export async function withClient<T>(endpoint: Endpoint, login: Login, work: (client: Client) => Promise<T>): Promise<T> {
  const client = await connect(endpoint, login);
  try {
    return await work(client);
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** A quoted identifier. */
export function ident(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

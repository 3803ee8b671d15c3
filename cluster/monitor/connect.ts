/** One short-lived node-postgres connection: opened, used, ended (the monitor's long-lived ones: ./probe.ts). */
import { Client, type ClientConfig } from 'pg';

/** Runs `work` on a fresh connection and ends it; a connection that fails later (server gone) never crashes us. */
export async function withConnection<T>(config: ClientConfig, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client(config);
  client.on('error', () => undefined);
  try {
    await client.connect();
    return await work(client);
  } finally {
    await client.end().catch(() => undefined);
  }
}

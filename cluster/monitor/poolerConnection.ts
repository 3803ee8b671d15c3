/**
 * A kept admin-console connection to one PgBouncer, for a monitor that reads it every refresh (the tree): one
 * login (a SCRAM exchange costs more than the SHOW commands) instead of one per refresh. A failure closes it; the
 * next probe connects again. Never throws: a pooler that does not answer is a state.
 */
import { Client } from 'pg';
import { DEFAULT_POOLER_THRESHOLDS, failedPoolerStatus, readPoolerStatus, type PoolerStatus, type PoolerTarget, type PoolerThresholds } from './pooler';

export class PoolerConnection {
  private client: Client | undefined;
  private opened = 0;

  constructor(
    readonly target: PoolerTarget,
    private readonly timeoutMs = 3000,
  ) {}

  /** Connections opened so far (one while the pooler stays up). */
  get connectionsOpened(): number {
    return this.opened;
  }

  async probe(thresholds: PoolerThresholds = DEFAULT_POOLER_THRESHOLDS): Promise<PoolerStatus> {
    try {
      return await readPoolerStatus(await this.connected(), this.target.service, thresholds);
    } catch (error) {
      await this.close();
      return failedPoolerStatus(this.target.service, error);
    }
  }

  async close(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    if (client) await client.end().catch(() => undefined);
  }

  private async connected(): Promise<Client> {
    if (this.client) return this.client;
    const { host, port, user, password } = this.target;
    const client = new Client({ host, port, user, password, database: 'pgbouncer', application_name: 'pgha-monitor', connectionTimeoutMillis: this.timeoutMs, query_timeout: this.timeoutMs });
    // A pooler that goes away between refreshes emits 'error' on the idle client; without a listener Node would crash.
    client.on('error', () => {
      if (this.client === client) this.client = undefined;
    });
    this.opened++;
    try {
      await client.connect();
    } catch (error) {
      await client.end().catch(() => undefined);
      throw error;
    }
    this.client = client;
    return client;
  }
}

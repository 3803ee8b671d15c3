/** Writers for no-data-loss proofs: rows committed one after another, reconnecting after a failure, acknowledged ids kept. */
import type { Client } from 'pg';

/** Connects `client`, runs one statement, closes it. */
export async function queryOnce<T>(client: Client, sql: string): Promise<T[]> {
  try {
    await client.connect();
    return (await client.query(sql)).rows as T[];
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Runs `insert` ($1 = the next id) until stopped, on a client from `connect` (asked again after each failure). */
export class RowWriter {
  readonly acknowledged: number[] = [];
  /** Time of each acknowledgement (ms since epoch). */
  readonly at: number[] = [];
  private stopped = false;
  private done: Promise<void> = Promise.resolve();
  private nextId = 1;

  constructor(
    private readonly connect: () => Promise<Client>,
    private readonly insert: string,
  ) {}

  start(): void {
    this.stopped = false;
    this.done = this.loop();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.done;
  }

  private async loop(): Promise<void> {
    let client: Client | undefined;
    while (!this.stopped) {
      const id = this.nextId++;
      try {
        client ??= await this.connect();
        await client.query(this.insert, [id]);
        this.acknowledged.push(id);
        this.at.push(Date.now());
      } catch {
        await client?.end().catch(() => undefined);
        client = undefined;
        await new Promise((resolve) => setImmediate(resolve));
      }
    }
    await client?.end().catch(() => undefined);
  }
}

/**
 * Failover follows into PgBouncer under synchronous replication (issue #10's proof): a client writes through
 * PgBouncer without pause, the primary is killed, pgha promotes the replica (re-pointing PgBouncer), and writes
 * through the same PgBouncer address succeed again within 10 s; every write that was acknowledged is on the new
 * primary.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import type { Client } from 'pg';
import { poolerFollowersOf, stackAdminLogin } from '../../../cluster/failover/poolers';
import { promote } from '../../../cluster/failover/promote';
import { targetsFromTopology } from '../../../cluster/monitor/targets';
import { connectEngine } from '../../../cluster/runtime/docker/engine';
import { down, up } from '../../../cluster/runtime/docker/index';
import { DockerRuntime } from '../../../cluster/runtime/docker/runtime';
import { loadTopology } from '../../../cluster/runtime/topologySource';
import { judgeWhy } from '../../../scripts/differential/poolers/oracle';
import { requirePart } from '../../support/parts';
import { waitFor } from '../../support/waitFor';
import { dockerWhy, freePorts, imagesWhy, tempDir } from '../runtime/docker/dockerSupport';
import { copyPgbouncerExample, exampleImageMap, poolerClient, throughPooler } from './exampleSupport';

/** Writes ids one after another through PgBouncer, reconnecting after a failure; keeps the ids it saw acknowledged. */
class Writer {
  readonly acknowledged: number[] = [];
  /** Time of each acknowledgement (ms since epoch). */
  readonly at: number[] = [];
  private stopped = false;
  private done: Promise<void> = Promise.resolve();

  constructor(private readonly port: number) {}

  start(): void {
    this.done = this.loop();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.done;
  }

  private async loop(): Promise<void> {
    let client: Client | undefined;
    for (let id = 1; !this.stopped; id++) {
      try {
        if (!client) {
          client = poolerClient(this.port);
          await client.connect();
        }
        await client.query('INSERT INTO writes VALUES ($1)', [id]);
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

describe('PgBouncer follows a failover under synchronous replication (Docker)', function () {
  this.timeout(300_000);
  const engine = connectEngine();
  let dir = '';
  let project = '';

  before(async function () {
    requirePart(this, 'Docker with pgha-test/postgres:17 and pgbouncer:1.24', (await dockerWhy(engine)) ?? (await imagesWhy(engine, [17])) ?? (await judgeWhy('pgbouncer', '1.24')));
  });

  after(async () => {
    if (project) await down(engine, project, { volumes: true }).catch(() => undefined);
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('a client writing through PgBouncer writes again within 10 s of the promotion, and no acknowledged row is lost', async function () {
    dir = tempDir('pgbouncer-sync');
    project = path.basename(dir);
    const base = await freePorts(3);
    const file = copyPgbouncerExample(dir, base, ["synchronous_standby_names = '*'", 'synchronous_commit = on']);
    const topology = loadTopology(file);
    await up(topology, { engine, imageMap: exampleImageMap(), wait: true, timeoutMs: 180_000 });
    const port = base + 2;
    await throughPooler(port, 'CREATE TABLE writes (id int PRIMARY KEY)');
    const targets = targetsFromTopology(topology).targets;
    await waitFor(async () => (await throughPooler<{ n: number }>(port, "SELECT count(*)::int AS n FROM pg_stat_replication WHERE sync_state = 'sync'"))[0]?.n === 1, 'replica1 to be the synchronous standby', 60_000, 200);
    const writer = new Writer(port);
    writer.start();
    try {
      await waitFor(async () => writer.acknowledged.length >= 20, '20 acknowledged writes through PgBouncer', 60_000, 50);
      const control = new DockerRuntime({ engine }).nodeControl(project);
      await control.signal('primary', 'SIGKILL');
      await control.waitStopped('primary', 30_000);
      const beforePromote = writer.acknowledged.length;
      const promoted = Date.now();
      const poolers = poolerFollowersOf(topology, stackAdminLogin(targets));
      await promote({ targets, control, poolers, progress: () => undefined, stepTimeoutMs: 60_000, force: true }, 'replica1');
      await waitFor(async () => writer.at.some((t) => t > promoted), 'a write through PgBouncer after the promotion', 10_000, 50);
      const resumedMs = writer.at.find((t) => t > promoted)! - promoted;
      console.log(`      ${beforePromote} writes acknowledged before the kill; writes through PgBouncer resumed ${resumedMs} ms after pgha promote began`);
    } finally {
      await writer.stop();
    }
    const rows = await throughPooler<{ id: number }>(port, 'SELECT id FROM writes ORDER BY id');
    const present = new Set(rows.map((r) => r.id));
    assert.deepStrictEqual(writer.acknowledged.filter((id) => !present.has(id)), [], 'acknowledged writes missing on the new primary');
    assert.ok(writer.acknowledged.length > 20);
  });
});

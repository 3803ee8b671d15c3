/** pgha up --wait on examples/logical (PostgreSQL 15 → 17 in Docker): up once every subscribed table is ready; rows flow. */
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as fs from 'node:fs';
import { Client } from 'pg';
import { connectEngine } from '../../../cluster/runtime/docker/engine';
import { pgha as run } from '../../support/cli';
import { requirePart } from '../../support/parts';
import { waitFor } from '../../support/waitFor';
import { copyExample, dockerWhy, freePorts, imagesWhy, leftovers, nothingLeft, tempDir, testImageMapEnv } from '../../cluster/runtime/docker/dockerSupport';

const engine = connectEngine();

const pgha = (args: string[], cwd: string) => run(args, testImageMapEnv(), cwd);

describe('pgha up --wait on examples/logical (publisher 15 → subscriber 17)', function () {
  this.timeout(300_000);
  let dir = '';

  after(async () => {
    if (!dir) return;
    await pgha(['down', 'compose.yaml', '--volumes'], dir);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('is clean under pgha check, waits for every subscribed table, and replicates new rows', async function () {
    requirePart(this, 'docker', await dockerWhy(engine));
    requirePart(this, 'test images', await imagesWhy(engine, [15, 17]));
    dir = tempDir('cli-logical');
    const base = await freePorts(12);
    copyExample(dir, base, 'logical');
    const check = await pgha(['check', 'compose.yaml'], dir);
    assert.equal(check.code, 0, check.out + check.err);
    assert.match(check.out, /0 errors, 0 warnings/);
    const up = await pgha(['up', 'compose.yaml', '--wait', '--backend', 'docker'], dir);
    assert.equal(up.code, 0, up.out + up.err);
    assert.match(up.out, /1 logical subscription ready \(every table copied, changes streaming\)\n$/);
    const password = fs.readFileSync(path.join(dir, 'secrets/postgres_password.txt'), 'utf8').trim();
    const connect = async (port: number) => {
      const client = new Client({ host: '127.0.0.1', port, user: 'postgres', password, database: 'app' });
      await client.connect();
      return client;
    };
    const publisher = await connect(base + 10);
    const subscriber = await connect(base + 11);
    try {
      assert.equal(Number((await subscriber.query('SELECT count(*) FROM orders')).rows[0].count), 3, 'the initial copy');
      await publisher.query("INSERT INTO customers (name) VALUES ('Barbara')");
      await waitFor(async () => (await subscriber.query("SELECT 1 FROM customers WHERE name = 'Barbara'")).rowCount === 1, 'the new row on the subscriber', 30_000, 200);
    } finally {
      await publisher.end();
      await subscriber.end();
    }
    const down = await pgha(['down', 'compose.yaml', '--volumes'], dir);
    assert.equal(down.code, 0, down.err);
    assert.deepEqual(await leftovers(engine, path.basename(dir)), nothingLeft);
  });
});

/**
 * The proof of issue #13 in real containers (pgha-test/postgres 13 → 17, Docker): examples/logical turned into an
 * upgrade rehearsal from 13 with a table without primary key and disable_on_error. Our identity warning is the
 * error the UPDATE then meets; a conflicting row stops the subscription (pgha status --json shows it disabled
 * with errors), `pgha subscription … skip` reads the LSN from the container's log and it goes on; a disabled
 * subscription's lag (its slot on the publisher) grows under writes. Runs in every suite (strict CI: Docker and
 * the 13/17 test images are required parts); alone: `npm run test:logical:docker`.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Client } from 'pg';
import { connectEngine } from '../../../cluster/runtime/docker/engine';
import { noIdentityServerMessage } from '../../../language/formats/compose/rules/logical';
import { pgha as run } from '../../support/cli';
import { requirePart } from '../../support/parts';
import { waitFor } from '../../support/waitFor';
import { copyExample, dockerWhy, freePorts, imagesWhy, tempDir, testImageMapEnv } from '../../cluster/runtime/docker/dockerSupport';

const engine = connectEngine();
const pgha = (args: string[], cwd: string) => run(args, testImageMapEnv(), cwd);

/** examples/logical as 13 → 17 with an `events` table without primary key, stopping on the first apply error. */
function rehearsal(dir: string, base: number): void {
  copyExample(dir, base, 'logical');
  const edit = (file: string, change: (text: string) => string) => fs.writeFileSync(path.join(dir, file), change(fs.readFileSync(path.join(dir, file), 'utf8')));
  edit('compose.yaml', (t) => t.replace('image: postgres:15', 'image: postgres:13'));
  for (const side of ['publisher', 'subscriber']) edit(`${side}/01-schema.sql`, (t) => `${t}\nCREATE TABLE events (at timestamptz NOT NULL DEFAULT now(), body text);\n`);
  edit('publisher/02-publication.sql', (t) => t.replace('GRANT SELECT ON customers, orders', 'GRANT SELECT ON customers, orders, events').replace('FOR TABLE customers, orders', 'FOR TABLE customers, orders, events'));
  edit('subscriber/02-subscription.sql', (t) => t.replace('PUBLICATION shop;', 'PUBLICATION shop WITH (disable_on_error = true);'));
}

const subscriptionOf = async (dir: string) => {
  const status = await pgha(['status', 'compose.yaml', '--json'], dir);
  const json = JSON.parse(status.out) as { nodes: { service: string; subscriptions: { name: string; enabled: boolean; state: string; lagBytes: number | null; errors: number | null; lastError?: string }[] }[] };
  return json.nodes.find((n) => n.service === 'subscriber')?.subscriptions.find((s) => s.name === 'shop_sub');
};

describe('logical replication proof in containers (13 → 17)', function () {
  this.timeout(600_000);
  let dir = '';

  after(async () => {
    if (!dir) return;
    await pgha(['down', 'compose.yaml', '--volumes'], dir);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('predicts the identity error, shows a conflict, skips it, and shows a disabled subscription’s slot growing', async function () {
    requirePart(this, 'docker', await dockerWhy(engine));
    requirePart(this, 'test images', await imagesWhy(engine, [13, 17]));
    dir = tempDir('cli-logical-proof');
    const base = await freePorts(12);
    rehearsal(dir, base);
    const check = await pgha(['check', 'compose.yaml'], dir);
    assert.match(check.out, /warning compose\/logical-no-replica-identity Table public\.events/, check.out);
    assert.ok(check.out.includes(noIdentityServerMessage('events', 'update')), check.out);
    const up = await pgha(['up', 'compose.yaml', '--wait', '--backend', 'docker'], dir);
    assert.equal(up.code, 0, up.out + up.err);
    const password = fs.readFileSync(path.join(dir, 'secrets/postgres_password.txt'), 'utf8').trim();
    const connect = async (port: number) => {
      const client = new Client({ host: '127.0.0.1', port, user: 'postgres', password, database: 'app' });
      await client.connect();
      return client;
    };
    const [publisher, subscriber] = [await connect(base + 10), await connect(base + 11)];
    try {
      await publisher.query("INSERT INTO events (body) VALUES ('x')");
      await assert.rejects(publisher.query("UPDATE events SET body = 'y'"), (error: Error) => error.message === noIdentityServerMessage('events', 'update'));
      // A local row that the next replicated insert collides with.
      await subscriber.query("INSERT INTO customers (id, name) VALUES (100, 'local')");
      await publisher.query("INSERT INTO customers (id, name) OVERRIDING SYSTEM VALUE VALUES (100, 'remote')");
      const stopped = await waitFor(async () => {
        const s = await subscriptionOf(dir);
        return s && !s.enabled && (s.errors ?? 0) > 0 && s;
      }, 'the subscription to stop on the conflict', 120_000, 500);
      assert.equal(stopped.state, 'disabled');
      assert.match(stopped.lastError ?? '', /^duplicate key value violates unique constraint "customers_pkey"/, 'pgha status shows PostgreSQL’s message from the log');
      const skip = await pgha(['subscription', 'compose.yaml', 'subscriber', 'shop_sub', 'skip'], dir);
      assert.equal(skip.code, 0, skip.out + skip.err);
      assert.match(skip.err, /"shop_sub" fails at [0-9A-F]+\/[0-9A-F]+ \(duplicate key value violates unique constraint "customers_pkey"/);
      assert.equal((await pgha(['subscription', 'compose.yaml', 'subscriber', 'shop_sub', 'enable'], dir)).code, 0);
      await publisher.query("INSERT INTO customers (name) VALUES ('after the skip')");
      await waitFor(async () => (await subscriber.query("SELECT 1 FROM customers WHERE name = 'after the skip'")).rowCount === 1, 'the next row after the skipped one', 60_000, 500);
      assert.equal((await subscriber.query('SELECT name FROM customers WHERE id = 100')).rows[0].name, 'local');
      // Disabled: the publisher's slot keeps WAL for it, more with every write.
      assert.equal((await pgha(['subscription', 'compose.yaml', 'subscriber', 'shop_sub', 'disable'], dir)).code, 0);
      const before = await waitFor(async () => {
        const s = await subscriptionOf(dir);
        return s?.state === 'disabled' && s.lagBytes !== null && s;
      }, 'the disabled subscription with its lag', 60_000, 500);
      await publisher.query("INSERT INTO events (body) SELECT repeat('w', 500) FROM generate_series(1, 3000)");
      const after = await subscriptionOf(dir);
      assert.ok((after?.lagBytes ?? 0) > (before.lagBytes ?? 0), `${before.lagBytes} → ${after?.lagBytes}`);
    } finally {
      await publisher.end();
      await subscriber.end();
    }
  });
});

import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { main } from '../../../cli/main';
import { compareLsn } from '../../../cluster/monitor/lsn';
import { composeFileFor, dockerUnavailable, startTestCluster, type TestCluster } from '../../../scripts/soak/dockerCluster';
import { connectEngine } from '../../../cluster/runtime/docker/engine';
import { copyExample, dockerWhy, freePorts, imagesWhy, leftovers, nothingLeft, tempDir, testImageMapEnv } from '../../cluster/runtime/docker/dockerSupport';
import { capture } from '../../support/cli';
import { requirePart } from '../../support/parts';
import { waitFor } from '../../support/waitFor';

const MAJOR = 15;

describe('pgha status / promote / switchover on a real cluster', function () {
  this.timeout(180_000);
  let cluster: TestCluster | undefined;
  let dir: string;
  let file: string;

  before(async function () {
    requirePart(this, `Docker with pgha-test/postgres:${MAJOR}`, await dockerUnavailable(MAJOR));
    cluster = await startTestCluster({ major: MAJOR, replicas: 2 });
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pgha-status-'));
    // The file that created the cluster: pgha acts on a stack only through its own compose file (a look-alike is refused).
    file = cluster.file ?? path.join(dir, 'compose.yaml');
    fs.writeFileSync(file, composeFileFor(cluster, MAJOR));
  });

  after(async () => {
    await cluster?.dispose();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('status --json prints the documented shape', async () => {
    const io = capture(dir);
    const code = await waitFor(async () => {
      const attempt = capture(dir);
      const result = await main(['status', path.relative(dir, file), '--json'], attempt);
      const parsed = JSON.parse(attempt.stdout());
      if (parsed.nodes.some((n: { lagBytes: number }) => n.lagBytes !== 0)) return false;
      io.out(attempt.stdout());
      return { result };
    }, 'a caught-up status', 20_000, 200);
    assert.strictEqual(code.result, 0, io.stderr());
    const json = JSON.parse(io.stdout());
    assert.deepStrictEqual(Object.keys(json), ['nodes', 'health', 'problems']);
    assert.deepStrictEqual(
      json.nodes.map((n: Record<string, unknown>) => Object.keys(n)),
      Array(3).fill(['service', 'role', 'state', 'timeline', 'lsn', 'receiveLsn', 'replayLsn', 'lagBytes', 'lagSeconds', 'slot', 'upstream', 'streaming', 'health', 'subscriptions']),
    );
    assert.deepStrictEqual(json.nodes.map((n: { streaming: boolean | null }) => n.streaming), [null, true, true]);
    const [primary, replica1] = json.nodes;
    assert.deepStrictEqual([primary.service, primary.role, primary.state, primary.timeline, primary.lagBytes, primary.upstream], ['primary', 'primary', 'running', 1, 0, null]);
    assert.deepStrictEqual([replica1.service, replica1.role, replica1.state, replica1.slot, replica1.upstream, replica1.lagBytes], ['replica1', 'replica', 'streaming', 'replica1', 'primary', 0]);
    assert.match(replica1.replayLsn, /^[0-9A-F]+\/[0-9A-F]+$/);
  });

  it('status prints a table and the summary; --watch refreshes', async () => {
    const io = capture(dir);
    assert.strictEqual(await main(['status', file, '--watch', '--interval', '200', '--count', '2'], io), 0, io.stderr());
    const blocks = io.stdout().split('1 primary · 2 replicas · max lag').length - 1;
    assert.strictEqual(blocks, 2, io.stdout());
    assert.match(io.stdout(), /^MEMBER\s+ROLE\s+STATE\s+TL\s+LSN\s+RECEIVE LSN\s+RECEIVE LAG\s+REPLAY LSN\s+REPLAY LAG\s+SLOT\s+UPSTREAM/m);
    assert.match(io.stdout(), /^replica1\s+replica\s+streaming\s+1\s/m);
  });

  it('status --connect attaches to nodes by connection string (monitoring only)', async () => {
    const io = capture(dir);
    const args = cluster!.targets.flatMap((t) => ['--connect', `postgresql://postgres:${t.password}@127.0.0.1:${t.port}/postgres?application_name=${t.service}`]);
    assert.strictEqual(await main(['status', ...args, '--json'], io), 0, io.stderr());
    const nodes = JSON.parse(io.stdout()).nodes;
    assert.deepStrictEqual(nodes.map((n: { service: string; role: string; upstream: string | null }) => [n.service, n.role, n.upstream]), [['primary', 'primary', null], ['replica1', 'replica', 'primary'], ['replica2', 'replica', 'primary']]);
    assert.ok(nodes.slice(1).every((n: { lagBytes: number | null }) => typeof n.lagBytes === 'number'));
  });

  it('gives usage errors with exit code 2', async () => {
    const io = capture(dir);
    assert.strictEqual(await main(['status'], io), 2);
    assert.match(io.stderr(), /give the compose file/);
    assert.strictEqual(await main(['promote', file, 'nosuch'], io), 2);
    assert.match(io.stderr(), /no PostgreSQL node 'nosuch'; nodes: primary, replica1, replica2/);
    assert.strictEqual(await main(['status', 'missing.yaml'], io), 2);
    assert.match(io.stderr(), /cannot read missing.yaml: no such file/);
  });

  it('promote refuses while the primary is up (exit 1), switchover then works', async () => {
    const refused = capture(dir);
    assert.strictEqual(await main(['promote', file, 'replica2'], refused), 1);
    assert.match(refused.stderr(), /refused, nothing changed:\n {2}- primary still accepts writes/);
    const io = capture(dir);
    assert.strictEqual(await main(['switchover', file, 'replica2'], io), 0, io.stderr() + io.stdout());
    assert.match(io.stdout(), /primary streams from replica2/);
    assert.match(io.stdout(), /switchover to replica2: done in/);
  });

  it('after SIGKILL of the new primary, promote makes the most advanced replica primary, the other follows', async () => {
    await cluster!.control.signal('replica2', 'SIGKILL');
    await cluster!.control.waitStopped('replica2', 10_000);
    const before = capture(dir);
    await main(['status', file, '--json'], before);
    const replicas = JSON.parse(before.stdout()).nodes.filter((n: { role: string }) => n.role === 'replica') as { service: string; receiveLsn: string }[];
    const [winner, follower] = replicas.sort((a, b) => compareLsn(b.receiveLsn, a.receiveLsn)).map((n) => n.service);
    const unknownLag = capture(dir);
    assert.strictEqual(await main(['promote', file, winner], unknownLag), 1);
    assert.match(unknownLag.stderr(), new RegExp(`refused, nothing changed:\n {2}- the primary is unreachable — replica2 \\(unreachable.*beyond what ${winner} received \\(${replicas.find((r) => r.service === winner)!.receiveLsn.replace('/', '\\/')}\\) is unknown[^\n]*\nRun again with --force if you accept that[.]\n$`));
    const io = capture(dir);
    assert.strictEqual(await main(['promote', file, winner, '--force'], io), 0, io.stderr() + io.stdout());
    assert.match(io.stdout(), new RegExp(`${follower} streams from ${winner}`));
    const status = capture(dir);
    assert.strictEqual(await main(['status', file, '--json'], status), 1); // replica2 is down: critical
    const nodes = JSON.parse(status.stdout()).nodes as { service: string; role: string; state: string; upstream: string | null }[];
    assert.deepStrictEqual(nodes.map((n) => [n.service, n.role, n.state, n.upstream]), [
      [winner, 'primary', 'running', null],
      [follower, 'replica', 'streaming', winner],
      ['replica2', 'unknown', 'unreachable', null],
    ].sort((a, b) => ['primary', 'replica1', 'replica2'].indexOf(a[0] as string) - ['primary', 'replica1', 'replica2'].indexOf(b[0] as string)));
  });
});

describe('pgha status on the example stack (passwords in secret files)', function () {
  this.timeout(180_000);
  const engine = connectEngine();
  let dir = '';
  let file = '';

  before(async function () {
    requirePart(this, 'Docker with pgha-test/postgres:17', (await dockerWhy(engine)) ?? (await imagesWhy(engine, [17])));
    dir = tempDir('status-example');
    file = copyExample(dir, await freePorts(3));
    const io = capture(os.tmpdir(), testImageMapEnv());
    assert.strictEqual(await main(['up', file, '--wait'], io), 0, io.stderr());
  });

  after(async () => {
    if (file) {
      const io = capture(os.tmpdir());
      assert.strictEqual(await main(['down', file, '--volumes'], io), 0, io.stderr());
      assert.deepStrictEqual(await leftovers(engine, path.basename(dir)), nothingLeft);
    }
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('shows all three nodes with roles and lag, from any working directory (secrets resolve next to the file)', async () => {
    const text = await waitFor(async () => {
      const io = capture(os.tmpdir());
      const code = await main(['status', file], io);
      return code === 0 && /^replica2\s+replica\s+streaming\s+1\s/m.test(io.stdout()) ? io.stdout() : false;
    }, 'both replicas streaming', 30_000, 200);
    assert.match(text, /^primary\s+primary\s+running\s+1\s+[0-9A-F]+\/[0-9A-F]+/m);
    assert.match(text, /^replica1\s+replica\s+streaming\s+1\s+[0-9A-F]+\/[0-9A-F]+\s+[0-9A-F]+\/[0-9A-F]+\s+\d+ B · [\d.]+ m?s\s+[0-9A-F]+\/[0-9A-F]+\s+\d+ B · [\d.]+ m?s\s+replica1\s+primary$/m);
    assert.match(text, /1 primary · 2 replicas · max lag/);
    assert.doesNotMatch(text, /authentication failed/);
  });

  it('--json gives roles, lag in bytes and seconds, slots and upstreams', async () => {
    const io = capture(os.tmpdir());
    assert.strictEqual(await main(['status', file, '--json'], io), 0, io.stderr());
    const nodes = JSON.parse(io.stdout()).nodes as { service: string; role: string; state: string; lagBytes: number | null; lagSeconds: number | null; slot: string | null; upstream: string | null }[];
    assert.deepStrictEqual(nodes.map((n) => [n.service, n.role, n.state, n.slot, n.upstream]), [
      ['primary', 'primary', 'running', null, null],
      ['replica1', 'replica', 'streaming', 'replica1', 'primary'],
      ['replica2', 'replica', 'streaming', 'replica2', 'primary'],
    ]);
    for (const replica of nodes.slice(1)) {
      assert.strictEqual(typeof replica.lagBytes, 'number', JSON.stringify(replica));
      assert.strictEqual(typeof replica.lagSeconds, 'number', JSON.stringify(replica));
    }
  });
});

describe('pgha status on a stack that is not running', () => {
  it('says the stack is probably down and how to check and start it', async () => {
    const dir = tempDir('cli-status-down');
    try {
      const file = copyExample(dir, await freePorts(3));
      const io = capture(dir);
      assert.strictEqual(await main(['status', file], io), 1);
      assert.match(io.stdout(), /0 primaries · 0 replicas · 3 down/);
      assert.strictEqual(io.stderr(), `pgha status: no node answers. Is the stack running? See pgha ps ${file}; start it with pgha up ${file}\n`);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

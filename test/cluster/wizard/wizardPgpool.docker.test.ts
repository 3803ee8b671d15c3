/**
 * The wizard's stack with pgpool-II, for real: `pgha check` finds nothing in it, `up` starts primary, replica and
 * pgpool (its mounted pgpool.conf on our pgpool-II 4.6 image) and waits until pgpool answers; clients log in
 * through pgpool with the generated superuser password (scram-sha-256 against pool_passwd), writes reach the
 * primary and pgpool names it, with the replica as a standby.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Client } from 'pg';
import { readPoolNodes } from '../../../cluster/monitor/pgpoolNodes';
import { connectEngine } from '../../../cluster/runtime/docker/engine';
import { buildImageMap } from '../../../cluster/runtime/docker/imageMap';
import { up } from '../../../cluster/runtime/docker/launcher';
import { down } from '../../../cluster/runtime/docker/manage';
import { loadTopology } from '../../../cluster/runtime/topologySource';
import { generateCluster } from '../../../cluster/wizard/generate';
import { PGPOOL_IMAGE } from '../../../cluster/wizard/pgpool';
import { writeGeneratedFiles } from '../../../cluster/wizard/write';
import { judgeWhy } from '../../../scripts/differential/poolers/oracle';
import { imageMapValue } from '../../../scripts/images/build';
import { pgha } from '../../support/cli';
import { requirePart } from '../../support/parts';
import { waitFor } from '../../support/waitFor';
import { dockerWhy, freePorts, imagesWhy, leftovers, nothingLeft, tempDir } from '../runtime/docker/dockerSupport';

const PASSWORD = 'wizard-pgpool';

describe('wizard stack with pgpool-II on Docker', function () {
  this.timeout(300_000);
  const engine = connectEngine();

  before(async function () {
    requirePart(this, 'Docker with pgha-test/postgres:17 and pgpool:4.6', (await dockerWhy(engine)) ?? (await imagesWhy(engine, [17])) ?? (await judgeWhy('pgpool', '4.6')));
  });

  it('is clean under pgha check, starts with pgpool, waits until it answers, and serves clients through it', async () => {
    const dir = tempDir('wizard-pgpool');
    const project = path.basename(dir);
    const basePort = await freePorts(4);
    try {
      writeGeneratedFiles(dir, generateCluster({ major: 17, replicas: 1, mode: 'async', pgbouncer: false, pgpool: true, basePort, superuserPassword: PASSWORD }));
      const check = await pgha(['check', dir]);
      assert.equal(check.code, 0, check.out + check.err);
      const imageMap = buildImageMap(undefined, { PGHA_IMAGE_MAP: `${imageMapValue([17])},${PGPOOL_IMAGE}=pgha-test/pgpool:4.6` }).map;
      const events: string[] = [];
      const started = Date.now();
      await up(loadTopology(path.join(dir, 'compose.yaml')), { engine, imageMap, wait: true, timeoutMs: 240_000, onProgress: (e) => events.push(e.message) });
      const port = basePort + 2;
      assert.ok(events.includes(`pgpool (pgpool-II) answers on port ${port}`), events.join('\n'));
      console.log(`      pgha up with pgpool: ${Date.now() - started} ms until pgpool answered`);
      const endpoint = { host: '127.0.0.1', port, user: 'postgres', password: PASSWORD, database: 'postgres' };
      const nodes = await waitFor(async () => {
        const seen = (await readPoolNodes(endpoint)).nodes;
        return seen.length === 2 && seen.every((n) => n.status === 'up' || n.status === 'waiting') ? seen : undefined;
      }, 'pgpool reports both nodes up', 120_000, 500);
      assert.deepEqual(nodes.map((n) => [n.host, n.role]), [['primary', 'primary'], ['replica1', 'standby']]);
      const client = new Client({ ...endpoint, connectionTimeoutMillis: 20_000 });
      await client.connect();
      try {
        await client.query('CREATE TABLE through_pgpool (id int PRIMARY KEY)');
        // In one transaction pgpool sends the read after the write to the primary (asynchronous replicas may lag).
        await client.query('BEGIN');
        await client.query('INSERT INTO through_pgpool VALUES (1)');
        assert.deepEqual((await client.query('SELECT count(*)::int AS n FROM through_pgpool')).rows, [{ n: 1 }]);
        await client.query('COMMIT');
      } finally {
        await client.end();
      }
    } finally {
      await down(engine, project, { volumes: true });
      fs.rmSync(dir, { recursive: true, force: true });
    }
    assert.deepEqual(await leftovers(engine, project), nothingLeft);
  });
});

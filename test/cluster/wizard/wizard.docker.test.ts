/**
 * The wizard's stack starts and streams on every major it offers that has a test image (the others share their
 * data layout: test/core/majors.test.ts).
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Client } from 'pg';
import { connectEngine } from '../../../cluster/runtime/docker/engine';
import { up } from '../../../cluster/runtime/docker/launcher';
import { down } from '../../../cluster/runtime/docker/manage';
import { loadTopology } from '../../../cluster/runtime/topologySource';
import { generateCluster, offeredMajors } from '../../../cluster/wizard/generate';
import { TEST_IMAGE_MAJORS } from '../../../scripts/images/build';
import { writeGeneratedFiles } from '../../../cluster/wizard/write';
import { requirePart } from '../../support/parts';
import { waitFor } from '../../support/waitFor';
import { dockerWhy, freePorts, imagesWhy, leftovers, nothingLeft, tempDir, testImageMap } from '../runtime/docker/dockerSupport';

const engine = connectEngine();
const proven = offeredMajors().map((m) => m.major).filter((major) => TEST_IMAGE_MAJORS.includes(major)).reverse();

describe('wizard stacks with real Docker', function () {
  this.timeout(180_000);

  before(async function () {
    requirePart(this, 'docker', await dockerWhy(engine));
    requirePart(this, 'test images', await imagesWhy(engine, proven));
  });

  for (const [index, major] of proven.entries()) {
    const mode = index % 2 ? 'sync' : 'async';
    it(`PostgreSQL ${major} (${mode}): primary + 2 replicas start and stream`, async () => {
      const dir = tempDir(`wizard${major}`);
      const project = path.basename(dir);
      const basePort = await freePorts(3);
      try {
        writeGeneratedFiles(dir, generateCluster({ major, replicas: 2, mode, pgbouncer: false, basePort, superuserPassword: 'wizard-test' }));
        const result = await up(loadTopology(path.join(dir, 'compose.yaml')), { engine, imageMap: testImageMap() });
        assert.deepEqual(result.nodes.map((n) => [n.service, n.status?.receiver ?? 'primary']), [
          ['primary', 'primary'],
          ['replica1', 'streaming'],
          ['replica2', 'streaming'],
        ]);
        const client = new Client({ host: '127.0.0.1', port: basePort, user: 'postgres', password: 'wizard-test', database: 'postgres' });
        await client.connect();
        try {
          const version = await client.query<{ v: string }>("select current_setting('server_version_num') as v");
          assert.equal(Math.floor(Number(version.rows[0].v) / 10000), major);
          const senders = await client.query<{ application_name: string; sync_state: string }>('select application_name, sync_state from pg_stat_replication order by 1');
          assert.deepEqual(senders.rows.map((r) => r.application_name), ['replica1', 'replica2']);
          if (mode === 'sync') {
            // A standby counts as a quorum member once it has reported its first flush position.
            await waitFor(
              async () => (await client.query<{ sync_state: string }>('select sync_state from pg_stat_replication')).rows.every((r) => r.sync_state === 'quorum'),
              'both replicas to be quorum members',
              20_000,
              200,
            );
            await client.query('create table sync_probe as select 1 as id'); // returns only once a replica confirmed it
          }
        } finally {
          await client.end();
        }
      } finally {
        await down(engine, project, { volumes: true });
        fs.rmSync(dir, { recursive: true, force: true });
      }
      assert.deepEqual(await leftovers(engine, project), nothingLeft);
    });
  }
});

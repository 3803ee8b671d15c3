/**
 * The wizard's stack as native processes: its init is plain SQL (the replicator password from the pgpass
 * secret), so it starts without allowing shell init scripts, and the replicas stream as `replicator`.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Major } from '../../../core/majors';
import { createNativeRuntime } from '../../../cluster/runtime/native/index';
import { loadTopology } from '../../../cluster/runtime/topologySource';
import { withNode } from '../../../cluster/failover/context';
import { generateCluster } from '../../../cluster/wizard/generate';
import { writeGeneratedFiles } from '../../../cluster/wizard/write';
import { requirePart } from '../../support/parts';
import { freePorts, nativeWhy, postmastersUnder, tempDir } from '../runtime/native/nativeSupport';

const CASES: { major: Major; mode: 'sync' | 'async' }[] = [
  { major: 13, mode: 'async' },
  { major: 18, mode: 'sync' },
];

describe('wizard stacks as native processes', function () {
  this.timeout(240_000);

  for (const { major, mode } of CASES) {
    it(`PostgreSQL ${major} (${mode}): no shell init, primary + 2 replicas stream as replicator`, async function () {
      requirePart(this, `native PostgreSQL ${major}`, nativeWhy(major));
      const dir = tempDir(`wizard${major}`);
      const runtime = createNativeRuntime({ registryFile: path.join(dir, 'registry.json'), allowShellInit: false });
      const stack = path.join(dir, 'stack');
      const basePort = await freePorts(3);
      fs.mkdirSync(stack);
      writeGeneratedFiles(stack, generateCluster({ major, replicas: 2, mode, pgbouncer: false, basePort, superuserPassword: 'wizard-test' }));
      const topology = loadTopology(path.join(stack, 'compose.yaml'));
      try {
        const result = await runtime.up(topology, { timeoutMs: 180_000 });
        assert.deepEqual(result.nodes.map((n) => [n.service, n.role, n.standby]), [['primary', 'primary', false], ['replica1', 'replica', true], ['replica2', 'replica', true]]);
        const target = { service: 'primary', host: '127.0.0.1', port: basePort, user: 'postgres', password: 'wizard-test', database: 'postgres', aliases: [] };
        const senders = await withNode(target, async (client) => (await client.query<{ a: string; u: string }>('SELECT application_name AS a, usename AS u FROM pg_stat_replication ORDER BY 1')).rows);
        assert.deepEqual(senders.map((s) => [s.a, s.u]), [['replica1', 'replicator'], ['replica2', 'replicator']]);
        if (mode === 'sync') await withNode(target, (client) => client.query('CREATE TABLE sync_probe AS SELECT 1 AS id'));
      } finally {
        await runtime.down(topology.project, { volumes: true });
        assert.deepEqual(postmastersUnder(dir), []);
        fs.rmSync(dir, { recursive: true, force: true });
      }
    });
  }
});

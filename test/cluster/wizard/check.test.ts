/** What the wizard writes passes `pgha check` without a finding, for every major and shape it can write. */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { MAJORS } from '../../../core/majors';
import { generateCluster, type ReplicationMode } from '../../../cluster/wizard/generate';
import { writeGeneratedFiles } from '../../../cluster/wizard/write';
import { pgha } from '../../support/cli';
import { tempDir } from '../runtime/docker/dockerSupport';

async function check(dir: string): Promise<{ code: number; findings: { file: string; line: number; code: string; message: string }[] }> {
  const { code, out, err } = await pgha(['check', '--format', 'json', dir], {}, dir);
  return { code, findings: JSON.parse(out + err) };
}

describe('wizard output under pgha check', function () {
  this.timeout(120_000);
  for (const major of MAJORS) {
    for (const [mode, pgbouncer] of [['sync', true], ['async', false]] as [ReplicationMode, boolean][]) {
      it(`PostgreSQL ${major}, ${mode}${pgbouncer ? ' + PgBouncer' : ''}: no finding`, async () => {
        const dir = tempDir(`wizard-check${major}`);
        try {
          writeGeneratedFiles(dir, generateCluster({ major, replicas: 2, mode, pgbouncer, basePort: 7000, superuserPassword: 'su', replicationPassword: 'rp' }));
          const { code, findings } = await check(dir);
          assert.deepEqual(findings.map((f) => `${f.file}:${f.line} ${f.code} ${f.message}`), []);
          assert.equal(code, 0);
        } finally {
          fs.rmSync(dir, { recursive: true, force: true });
        }
      });
    }
  }
});

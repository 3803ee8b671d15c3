import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pcpLoginOf } from '../../../cluster/failover/pcp';
import { pgpoolTargetsOf } from '../../../cluster/monitor/pgpool';
import { loadTopology } from '../../../cluster/runtime/topologySource';
import { generateCluster, validateWizardOptions, type WizardOptions } from '../../../cluster/wizard/generate';
import { writeGeneratedFiles } from '../../../cluster/wizard/write';
import { pgha } from '../../support/cli';
import { tempDir } from '../runtime/docker/dockerSupport';

const options: WizardOptions = { major: 17, replicas: 2, mode: 'async', pgbouncer: true, pgpool: true, basePort: 7000, superuserPassword: 'su', replicationPassword: 'rp', pcpPassword: 'pcp' };

describe('wizard/generate: pgpool-II', () => {
  it('adds pgpool in streaming-replication mode with load balancing, its files, and ports after PgBouncer', () => {
    const files = generateCluster(options);
    const text = (name: string) => files.find((f) => f.path === name)!.content;
    assert.deepEqual(files.filter((f) => /pgpool|pool_|pcp/.test(f.path)).map((f) => [f.path, Boolean(f.secret)]), [
      ['pgpool/pgpool.conf', false],
      ['pgpool/pool_hba.conf', false],
      ['secrets/pool_passwd', true],
      ['secrets/pcp.conf', true],
      ['secrets/pcp_password.txt', true],
    ]);
    const conf = text('pgpool/pgpool.conf');
    assert.match(conf, /backend_clustering_mode = 'streaming_replication'\nload_balance_mode = on/);
    assert.match(conf, /backend_hostname2 = 'replica2'\nbackend_port2 = 5432\nbackend_weight2 = 1/);
    assert.equal(text('secrets/pool_passwd'), 'postgres:TEXTsu\n');
    assert.match(text('secrets/pcp.conf'), new RegExp(`\npgha:${createHash('md5').update('pcp').digest('hex')}\n`));
    assert.match(text('compose.yaml'), /pgpool:[\s\S]*"127\.0\.0\.1:7004:9999"\n {6}- "127\.0\.0\.1:7005:9898"/);
    assert.match(validateWizardOptions({ ...options, basePort: 65531 })[0], /all 6 ports/);
  });

  it('is clean under pgha check, and pgha finds pgpool with its PCP login in the written stack', async function () {
    this.timeout(60_000);
    const dir = tempDir('wizard-pgpool');
    try {
      writeGeneratedFiles(dir, generateCluster(options));
      const check = await pgha(['check', dir]);
      assert.equal(check.code, 0, check.out + check.err);
      assert.match(check.out, /0 errors, 0 warnings/);
      const topology = loadTopology(path.join(dir, 'compose.yaml'));
      const [target] = pgpoolTargetsOf(topology, () => ({ user: 'postgres', password: 'su' }));
      assert.deepEqual([target.service, target.port, target.backends?.map((b) => b.host)], ['pgpool', 7004, ['primary', 'replica1', 'replica2']]);
      assert.deepEqual(target.pcp, { host: '127.0.0.1', port: 7005, user: 'pgha', md5: createHash('md5').update('pcp').digest('hex') });
      const service = topology.services.find((s) => s.name === 'pgpool')!;
      assert.match(pcpLoginOf({ ...service, ports: [] }).why ?? '', /PCP port 9898 is not published/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

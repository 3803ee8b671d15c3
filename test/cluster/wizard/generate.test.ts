import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { loadTopology } from '../../../cluster/runtime/topologySource';
import { generateCluster, validateWizardOptions, type WizardOptions } from '../../../cluster/wizard/generate';
import { existingFiles, writeGeneratedFiles } from '../../../cluster/wizard/write';
import { tempDir } from '../runtime/docker/dockerSupport';
import { MAJORS } from '../../../core/majors';

const base: WizardOptions = { major: 16, replicas: 3, mode: 'sync', pgbouncer: true, basePort: 7000, superuserPassword: 'su', replicationPassword: 'rp' };
const file = (files: ReturnType<typeof generateCluster>, name: string) => files.find((f) => f.path === name)!.content;

describe('wizard/generate', () => {
  it('validates the choices with messages a form can show', () => {
    assert.deepEqual(validateWizardOptions(base), []);
    const problems = validateWizardOptions({ ...base, major: 12, replicas: 6, basePort: 65534 });
    assert.equal(problems.length, 3);
    assert.match(problems[0], new RegExp(`major must be one of ${MAJORS.join(', ')} \\(got 12\\)`));
    assert.match(problems[1], /1 to 5 \(got 6\)/);
    assert.match(problems[2], /below 65536/);
    assert.throws(() => generateCluster({ ...base, replicas: 0 }), /1 to 5/);
  });

  it('writes compose, config, hba, init SQL with one slot per replica, and secrets', () => {
    const files = generateCluster(base);
    assert.deepEqual(files.map((f) => f.path), [
      'compose.yaml',
      'postgresql.conf',
      'pg_hba.conf',
      'init/01-replication.sql',
      'init/02-replication-password.sql',
      'secrets/postgres_password.txt',
      'secrets/replication.pgpass',
      'secrets/.gitignore',
    ]);
    const compose = file(files, 'compose.yaml');
    assert.match(compose, /image: postgres:16/);
    for (const [port, name] of [[7000, 'primary'], [7001, 'replica1'], [7003, 'replica3']] as const) assert.match(compose, new RegExp(`${name}:[\\s\\S]*?"127\\.0\\.0\\.1:${port}:5432"`));
    assert.match(compose, /pgbouncer:[\s\S]*"127\.0\.0\.1:7004:6432"/);
    assert.doesNotMatch(compose, /PASSWORD: /, 'no inline passwords');
    assert.match(file(files, 'postgresql.conf'), /synchronous_standby_names = 'ANY 1 \(replica1, replica2, replica3\)'/);
    assert.match(file(files, 'init/01-replication.sql'), /SET synchronous_commit = local;\nCREATE ROLE replicator WITH REPLICATION LOGIN;\nSELECT pg_create_physical_replication_slot\('replica1'\);[\s\S]*'replica3'/);
    assert.match(file(files, 'pg_hba.conf'), /host\s+replication\s+replicator\s+samenet\s+scram-sha-256/);
    assert.equal(file(files, 'secrets/replication.pgpass'), '*:*:*:replicator:rp\n');
    assert.match(file(files, 'secrets/.gitignore') ?? '', /^\*$/m);
    assert.ok(!files.some((f) => f.path.endsWith('.sh') || f.mode !== undefined), 'plain SQL init only: the native backend runs .sh init scripts on the host');
    assert.match(file(files, 'init/02-replication-password.sql'), /SET synchronous_commit = local;[\s\S]*ALTER ROLE replicator PASSWORD %L[\s\S]*pg_read_file\('\/run\/secrets\/replication_pgpass'\)/);
    assert.match(file(generateCluster({ ...base, mode: 'async' }), 'postgresql.conf'), /synchronous_standby_names = ''/);
    assert.notEqual(file(generateCluster({ ...base, superuserPassword: undefined }), 'secrets/postgres_password.txt'), 'su\n');
  });

  it('puts data where the image of the major keeps it: /var/lib/postgresql/data, or /var/lib/postgresql/18/docker from 18', () => {
    const v17 = file(generateCluster({ ...base, major: 17 }), 'compose.yaml');
    assert.match(v17, /- replica1-data:\/var\/lib\/postgresql\/data\n/);
    assert.match(v17, /pg_basebackup --pgdata=\/var\/lib\/postgresql\/data /);
    const v18 = file(generateCluster({ ...base, major: 18 }), 'compose.yaml');
    assert.doesNotMatch(v18, /\/var\/lib\/postgresql\/data/);
    assert.match(v18, /- primary-data:\/var\/lib\/postgresql\n/);
    assert.match(v18, /- replica1-data:\/var\/lib\/postgresql\n/);
    assert.match(v18, /if \[ ! -s \/var\/lib\/postgresql\/18\/docker\/PG_VERSION \]; then\n\s+pg_basebackup --pgdata=\/var\/lib\/postgresql\/18\/docker /);
  });

  it('produces a file the compose model reads as primary → replicas with slots, and never overwrites', () => {
    const dir = tempDir('wizard');
    try {
      writeGeneratedFiles(dir, generateCluster(base));
      const topology = loadTopology(path.join(dir, 'compose.yaml'));
      assert.deepEqual(topology.services.map((s) => [s.name, s.role, s.major]), [
        ['primary', 'primary', 16],
        ['replica1', 'replica', 16],
        ['replica2', 'replica', 16],
        ['replica3', 'replica', 16],
        ['pgbouncer', 'pooler', undefined],
      ]);
      assert.equal(topology.services[4].upstream, 'primary');
      assert.deepEqual(topology.edges.map((e) => [e.from, e.to, e.slot]), [
        ['primary', 'replica1', 'replica1'],
        ['primary', 'replica2', 'replica2'],
        ['primary', 'replica3', 'replica3'],
      ]);
      assert.ok(topology.services.every((s) => s.unsupportedKeys.length === 0));
      assert.deepEqual(existingFiles(dir, generateCluster(base)).length, 8);
      assert.throws(() => writeGeneratedFiles(dir, generateCluster(base)), /already has compose\.yaml/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

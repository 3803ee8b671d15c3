/** pgha up / down / ps: usage and exit codes, messages before anything is created, and one real stack. */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { connectEngine } from '../../../cluster/runtime/docker/engine';
import { pgha } from '../../support/cli';
import { requirePart } from '../../support/parts';
import { copyExample, dockerWhy, freePorts, imagesWhy, leftovers, nothingLeft, tempDir, testImageMapEnv } from '../../cluster/runtime/docker/dockerSupport';

const engine = connectEngine();

describe('pgha up / down / ps', function () {
  this.timeout(180_000);
  const dirs: string[] = [];
  after(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

  it('exits 2 with the usage on bad arguments', async () => {
    for (const args of [['up'], ['up', 'a.yaml', 'b.yaml'], ['up', 'a.yaml', '--bogus'], ['up', 'a.yaml', '--timeout', '0'], ['down'], ['ps', 'a', 'b'], ['ps', '--all']]) {
      const result = await pgha(args);
      assert.equal(result.code, 2, args.join(' '));
      assert.match(result.err, /^pgha (up|down|ps): .+\n\nUsage: pgha (up|down|ps)/);
    }
    assert.match((await pgha(['up', 'a.yaml', '--bogus'])).err, /^pgha up: unknown option --bogus\n/);
    const backend = await pgha(['up', 'a.yaml', '--backend', 'vm']);
    assert.equal(backend.code, 2);
    assert.match(backend.err, /^pgha up: --backend must be one of auto, docker, native\n/);
    assert.match((await pgha(['up', '--help'])).out, /--wait[\s\S]*--backend B/);
  });

  it('lists unsupported keys in one message and exits 1 before touching Docker', async () => {
    const dir = tempDir('cli-unsupported');
    dirs.push(dir);
    fs.writeFileSync(path.join(dir, 'compose.yaml'), 'services:\n  db:\n    image: postgres:17\n    build: .\n    deploy:\n      replicas: 2\n');
    // A dead engine proves nothing was attempted: the key check comes first.
    const result = await pgha(['up', 'compose.yaml', '--backend', 'docker'], { DOCKER_HOST: 'unix:///nonexistent/docker.sock' }, dir);
    assert.equal(result.code, 1);
    assert.match(result.err, /compose keys the launcher does not support: services\.db\.build, services\.db\.deploy\. Nothing was created/);
  });

  it('names a missing file with exit 1, and a dead engine as a warning while the native backend still lists', async () => {
    const missing = await pgha(['up', 'nope/compose.yaml']);
    assert.equal(missing.code, 1);
    assert.match(missing.err, /Cannot read .*nope\/compose\.yaml/);
    const dead = await pgha(['ps'], { DOCKER_HOST: 'unix:///nonexistent/docker.sock' });
    assert.equal(dead.code, 0);
    assert.match(dead.err, /^warning: Docker: Cannot reach the Docker engine at unix:\/\/\/nonexistent\/docker\.sock \(.*\)\. Start Docker .* or point DOCKER_HOST at a running engine/);
    // VS Code button titles ("How to start Docker") mean nothing in a terminal: only commands to type are listed.
    assert.doesNotMatch(dead.err, /next:/);
  });

  it('suggests the docker command to type for a missing image, and nothing VS Code-only', async function () {
    requirePart(this, 'docker', await dockerWhy(engine));
    const dir = tempDir('cli-missing-image');
    dirs.push(dir);
    fs.writeFileSync(path.join(dir, 'compose.yaml'), 'services:\n  db:\n    image: pgha-missing/postgres:99\n    environment: { POSTGRES_PASSWORD: x }\n');
    const result = await pgha(['up', 'compose.yaml', '--backend', 'docker'], {}, dir);
    assert.equal(result.code, 1);
    assert.match(result.err, /Image 'pgha-missing\/postgres:99' is not available locally\. Nothing was created\./);
    assert.match(result.err, /\n {2}next: docker pull pgha-missing\/postgres:99\n$/);
  });

  it('up --wait, ps and down --volumes on the example', async function () {
    requirePart(this, 'docker', await dockerWhy(engine));
    requirePart(this, 'test images', await imagesWhy(engine, [17]));
    const dir = tempDir('cli-stack');
    dirs.push(dir);
    const project = path.basename(dir);
    const base = await freePorts(3);
    const file = copyExample(dir, base);
    try {
      const started = await pgha(['up', file, '--wait', '--backend', 'docker'], testImageMapEnv());
      assert.equal(started.code, 0, started.err);
      assert.match(started.out, /^\[1\/\d+\] Checking the Docker engine/m);
      assert.match(started.out, /replica2 streams from primary/);
      assert.match(started.out, new RegExp(`Project ${project} is up \\(3 services\\) in [\\d.]+ s: primary=127\\.0\\.0\\.1:${base}, replica1=127\\.0\\.0\\.1:${base + 1}`));

      const listed = await pgha(['ps', file]);
      assert.equal(listed.code, 0);
      const rows = listed.out.trim().split('\n');
      assert.match(rows[0], /^PROJECT\s+SERVICE\s+ROLE\s+MAJOR\s+STATE\s+PORTS\s+RUNTIME\s+STATUS$/);
      assert.deepEqual(rows.slice(1).map((r) => r.split(/\s+/).slice(1, 7)), [
        ['primary', 'primary', '17', 'running', `127.0.0.1:${base}->5432`, 'docker'],
        ['replica1', 'replica', '17', 'running', `127.0.0.1:${base + 1}->5432`, 'docker'],
        ['replica2', 'replica', '17', 'running', `127.0.0.1:${base + 2}->5432`, 'docker'],
      ]);
      const json = await pgha(['ps', file, '--json']);
      assert.equal(json.code, 0, json.err);
      const [primary] = JSON.parse(json.out);
      assert.deepEqual(Object.keys(primary), ['project', 'service', 'role', 'major', 'state', 'ports', 'runtime', 'status']);
      assert.deepEqual(
        { ...primary, status: typeof primary.status },
        { project, service: 'primary', role: 'primary', major: 17, state: 'running', ports: [{ hostIp: '127.0.0.1', hostPort: base, containerPort: 5432 }], runtime: 'docker', status: 'string' },
      );
      // up on a running stack reuses it.
      const again = await pgha(['up', file], testImageMapEnv());
      assert.equal(again.code, 0, again.err);
      assert.match(again.out, /exists; reusing it/);
      assert.doesNotMatch(again.out + again.err, /older definition|still run/);
      // An edited service definition is noticed, and the user is told how to apply it (never recreated unasked).
      fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('-c hba_file=/etc/postgresql/pg_hba.conf\n', '-c hba_file=/etc/postgresql/pg_hba.conf -c work_mem=64MB\n'));
      const edited = await pgha(['up', file], testImageMapEnv());
      assert.equal(edited.code, 0, edited.err);
      assert.match(edited.out, new RegExp(`Container ${project}-primary-1 exists; reusing it \\(created from an older definition of the service\\)`));
      assert.equal(edited.err, `warning: primary still runs as created before the compose file changed; the change is not applied. To apply it: pgha down ${file}, then pgha up ${file} (named volumes and their data are kept).\n`);
    } finally {
      const removed = await pgha(['down', file, '--volumes']);
      assert.equal(removed.code, 0, removed.err);
      assert.match(removed.out, /removed 3 container\(s\), 1 network\(s\), 3 volume\(s\)/);
    }
    assert.deepEqual(await leftovers(engine, project), nothingLeft);
    assert.match((await pgha(['ps', file])).out, new RegExp(`No nodes of project ${project}`));
    assert.equal((await pgha(['ps', file, '--json'])).out, '[]\n');
  });
});

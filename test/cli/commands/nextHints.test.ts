/** The `next:` hints pgha prints run as printed: each is given to a shell and does what it says (no usage error). */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { connectEngine } from '../../../cluster/runtime/docker/engine';
import { pgha } from '../../support/cli';
import { requirePart } from '../../support/parts';
import { dockerWhy, imagesWhy, tempDir, testImageMapEnv } from '../../cluster/runtime/docker/dockerSupport';

const engine = connectEngine();

/** The commands of the `next:` line, run one by one through sh as a user would paste them. */
function runHints(err: string): { command: string; status: number | null; output: string }[] {
  const line = /\n {2}next: (.+)\n$/.exec(err)?.[1];
  assert.ok(line, `no next: line in\n${err}`);
  return line.split('; ').map((command) => {
    const result = spawnSync('sh', ['-c', command], { encoding: 'utf8', timeout: 60_000 });
    return { command, status: result.status, output: `${result.stdout}${result.stderr}` };
  });
}

describe('next: hints run as printed', function () {
  this.timeout(120_000);
  const dirs: string[] = [];
  after(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

  it('a name clash: `docker inspect NAME` shows the container in the way', async function () {
    requirePart(this, 'docker', await dockerWhy(engine));
    requirePart(this, 'test images', await imagesWhy(engine, [17]));
    requirePart(this, 'the docker command', spawnSync('docker', ['--version']).status === 0 ? undefined : 'docker CLI missing');
    const dir = tempDir('cli-hints');
    dirs.push(dir);
    const project = path.basename(dir);
    fs.writeFileSync(path.join(dir, 'compose.yaml'), 'services:\n  db:\n    image: postgres:17\n    environment: { POSTGRES_PASSWORD: x }\n');
    const stranger = await engine.docker.createContainer({ name: `${project}-db-1`, Image: 'pgha-test/postgres:17' });
    try {
      const result = await pgha(['up', 'compose.yaml', '--backend', 'docker'], testImageMapEnv(), dir);
      assert.equal(result.code, 1, result.err);
      const [hint] = runHints(result.err);
      assert.equal(hint.command, `docker inspect ${project}-db-1`);
      assert.equal(hint.status, 0, hint.output);
      assert.equal(JSON.parse(hint.output)[0].Id, stranger.id);
    } finally {
      await stranger.remove({ force: true });
    }
  });

  it('a missing image: `docker pull IMAGE` is a well-formed pull (it fails only for want of the image)', async function () {
    requirePart(this, 'docker', await dockerWhy(engine));
    requirePart(this, 'the docker command', spawnSync('docker', ['--version']).status === 0 ? undefined : 'docker CLI missing');
    const dir = tempDir('cli-hints');
    dirs.push(dir);
    fs.writeFileSync(path.join(dir, 'compose.yaml'), 'services:\n  db:\n    image: pgha-missing/postgres:99\n    environment: { POSTGRES_PASSWORD: x }\n');
    const result = await pgha(['up', 'compose.yaml', '--backend', 'docker'], {}, dir);
    const [hint] = runHints(result.err);
    assert.equal(hint.command, 'docker pull pgha-missing/postgres:99');
    assert.doesNotMatch(hint.output, /invalid reference format|unknown (command|flag|shorthand)|requires (exactly|at least)|Usage:/, hint.output);
    assert.ok(hint.status === 0 || /Error response from daemon/.test(hint.output), hint.output);
  });
});

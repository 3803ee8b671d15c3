/**
 * Two compose files with the same project name (every clone of an example has one): the stack started from one
 * is never reused, stopped, removed or promoted through the other; the refusal names both files.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DockerRuntime } from '../../../cluster/runtime/docker';
import { connectEngine } from '../../../cluster/runtime/docker/engine';
import { loadTopology } from '../../../cluster/runtime/topologySource';
import { pgha as run } from '../../support/cli';
import { requirePart } from '../../support/parts';
import { dockerWhy, freePorts, imagesWhy, leftovers, nothingLeft, tempDir, testImageMapEnv } from '../../cluster/runtime/docker/dockerSupport';

const engine = connectEngine();
const pgha = (args: string[]) => run(args, { ...process.env, ...testImageMapEnv() });

function stackFile(dir: string, project: string, port: number): string {
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, 'compose.yaml');
  fs.writeFileSync(
    file,
    `name: ${project}\nservices:\n  primary:\n    image: postgres:17\n    environment: { POSTGRES_PASSWORD: secret }\n` +
      `    ports: ["127.0.0.1:${port}:5432"]\n    volumes: [primary-data:/var/lib/postgresql/data]\nvolumes:\n  primary-data:\n`,
  );
  return file;
}

describe('project identity: a look-alike project from another folder', function () {
  this.timeout(180_000);
  let root = '';
  let project = '';
  let ours = '';
  let lookAlike = '';

  before(async function () {
    requirePart(this, 'docker', await dockerWhy(engine));
    requirePart(this, 'test images', await imagesWhy(engine, [17]));
    root = tempDir('identity');
    project = path.basename(root);
    const port = await freePorts(2);
    ours = stackFile(path.join(root, 'a'), project, port);
    lookAlike = stackFile(path.join(root, 'b'), project, port + 1);
    const started = await pgha(['up', ours, '--backend', 'docker']);
    assert.equal(started.code, 0, started.err);
  });

  after(async () => {
    if (!root) return;
    const removed = await pgha(['down', ours, '--volumes']);
    assert.equal(removed.code, 0, removed.err);
    assert.deepEqual(await leftovers(engine, project), nothingLeft);
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('up of the look-alike is refused, naming both files; nothing is created', async () => {
    const before = await leftovers(engine, project);
    const result = await pgha(['up', lookAlike, '--backend', 'docker']);
    assert.equal(result.code, 1);
    assert.match(result.err, new RegExp(`Project '${project}' in Docker belongs to ${ours}, not to ${lookAlike}: .*Nothing was created or started\\.`));
    assert.deepEqual(await leftovers(engine, project), before);
  });

  it('down --volumes of the look-alike is refused and the stack keeps running with its data', async () => {
    const result = await pgha(['down', lookAlike, '--volumes']);
    assert.equal(result.code, 1);
    assert.match(result.err, new RegExp(`belongs to ${ours}, not to ${lookAlike}: .*Nothing was removed\\.`));
    const [node] = await new DockerRuntime().list(project);
    assert.equal(node.lifecycle, 'running');
    assert.equal((await leftovers(engine, project)).volumes.length, 1);
  });

  it("the look-alike's node control refuses to signal or stop our nodes", async () => {
    const control = new DockerRuntime().nodeControl(project, loadTopology(lookAlike));
    await assert.rejects(control.signal('primary', 'SIGKILL'), /belongs to .*a\/compose\.yaml, not to .*b\/compose\.yaml: .*Nothing was changed/);
    const stop = await new DockerRuntime().stop(project, { composeFile: lookAlike }).catch((error: Error) => error.message);
    assert.match(String(stop), /Nothing was stopped/);
    assert.equal((await new DockerRuntime().list(project))[0].lifecycle, 'running');
  });
});

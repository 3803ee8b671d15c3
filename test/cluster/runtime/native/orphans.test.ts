/**
 * Killing pgha in the middle of `up` leaves no orphan: the next up adopts what is complete and redoes what was
 * half-made; `down` removes everything the interrupted run started, its temporary bootstrap server included.
 */
import * as assert from 'assert';
import { spawn } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { loadTopology } from '../../../../cluster/runtime/topologySource';
import { createNativeRuntime } from '../../../../cluster/runtime/native/index';
import { requirePart } from '../../../support/parts';
import { copyExample, freePorts, nativeWhy, postmastersUnder, query, tempDir } from './nativeSupport';

/** Starts `up` in a child and SIGKILLs it as soon as a progress line matches `killAt`; resolves with its output. */
function upKilledAt(composeFile: string, registryFile: string, killAt: RegExp): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(__dirname, 'upChild.ts'), composeFile, registryFile], { stdio: ['ignore', 'pipe', 'inherit'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString('utf8');
      if (killAt.test(output)) child.kill('SIGKILL');
    });
    child.once('error', reject);
    child.once('exit', (_code, signal) => (signal === 'SIGKILL' ? resolve(output) : reject(new Error(`up ended before ${killAt}:\n${output}`))));
  });
}

describe('native runtime: pgha killed in the middle of up', function () {
  this.timeout(300_000);
  let dir = '';
  let composeFile = '';
  let registryFile = '';
  let base = 0;

  before(async function () {
    requirePart(this, 'native PostgreSQL 17', nativeWhy(17));
    dir = tempDir('orphans');
    base = await freePorts(3);
    composeFile = copyExample(path.join(dir, 'stack'), 17, base);
    registryFile = path.join(dir, 'registry.json');
  });

  after(async () => {
    if (!dir) return;
    await createNativeRuntime({ registryFile }).down(path.basename(path.join(dir, 'stack')), { volumes: true, composeFile }).catch(() => undefined);
    assert.deepStrictEqual(postmastersUnder(dir), []);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('the next up adopts the running primary and redoes the half-copied replica', async () => {
    await upKilledAt(composeFile, registryFile, /replica1: base backup of primary/);
    const primaryPid = postmastersUnder(path.join(dir, 'stack', '.pgha', 'stack', 'primary'));
    assert.strictEqual(primaryPid.length, 1);
    const runtime = createNativeRuntime({ registryFile });
    const messages: string[] = [];
    const result = await runtime.up(loadTopology(composeFile), { onProgress: (e) => messages.push(e.message) });
    assert.ok(messages.includes('replica1: removed what an interrupted run left half-made'), messages.join('\n'));
    assert.ok(messages.some((m) => m.startsWith('primary: already running')), messages.join('\n'));
    assert.strictEqual(result.created, 2);
    assert.deepStrictEqual(postmastersUnder(path.join(dir, 'stack', '.pgha', 'stack', 'primary')), primaryPid);
    assert.strictEqual(postmastersUnder(dir).length, 3);
    const streaming = await query<{ n: string }>(base, `SELECT count(*) AS n FROM pg_stat_replication WHERE state = 'streaming'`);
    assert.strictEqual(streaming[0].n, '2');
    await runtime.down('stack', { volumes: true, composeFile });
    assert.deepStrictEqual(postmastersUnder(dir), []);
  });

  it('down removes what a run killed during the first start left, its bootstrap server included', async () => {
    await upKilledAt(composeFile, registryFile, /primary: init script 01-replication\.sql/);
    const runtime = createNativeRuntime({ registryFile });
    const nodes = await runtime.list('stack');
    assert.deepStrictEqual(nodes.map((n) => [n.service, n.lifecycle]), [['primary', 'starting']]);
    const result = await runtime.down('stack', { volumes: true, composeFile });
    assert.deepStrictEqual([result.removed, result.volumesRemoved], [1, 1]);
    assert.deepStrictEqual(postmastersUnder(dir), []);
    assert.strictEqual(fs.existsSync(path.join(dir, 'stack', '.pgha')), false);
  });
});

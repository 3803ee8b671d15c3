/** `pgha chaos`: listed in the help; bad usage and a cluster Patroni does not manage are refused before anything runs. */
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { pgha } from '../../support/cli';

const root = path.resolve(__dirname, '../../..');

describe('pgha chaos', () => {
  it('is listed in the help', async () => {
    assert.match((await pgha(['--help'])).out, /chaos\s+failure rehearsals on a Patroni cluster/);
  });

  it('refuses an unknown scenario and a stack that Patroni does not manage (exit 2)', async () => {
    const unknown = await pgha(['chaos', path.join(root, 'examples/patroni/compose.yaml'), 'flood']);
    assert.equal(unknown.code, 2);
    assert.match(unknown.err, /unknown scenario 'flood'/);
    const plain = await pgha(['chaos', path.join(root, 'examples/ha-stack/compose.yaml'), 'kill-leader']);
    assert.equal(plain.code, 2);
    assert.match(plain.err, /is not a Patroni cluster/);
  });
});

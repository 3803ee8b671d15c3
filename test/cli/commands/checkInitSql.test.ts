/** pgha check on SQL files: PostgreSQL's syntax error on an init script of a stack, at file:line:col; other SQL files checked quietly. */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pgha } from '../../support/cli';
import { suiteTempDir } from '../../support/tempDir';

describe('pgha check on SQL init scripts', function () {
  this.timeout(60_000);
  let dir: string;
  suiteTempDir('pgha-check-sql-', (made) => (dir = made));

  it('reports the syntax error of a script the stack runs, where the entrypoint would stop', async () => {
    fs.cpSync(path.resolve(__dirname, '../../../examples/logical'), dir, { recursive: true });
    const script = path.join(dir, 'publisher/02-publication.sql');
    fs.writeFileSync(script, fs.readFileSync(script, 'utf8').replace('FOR TABLE customers', 'FOR TABEL customers'));
    fs.writeFileSync(path.join(dir, 'report.sql'), 'SELECT 1;\n');
    const result = await pgha(['check', 'publisher/02-publication.sql', 'report.sql'], {}, dir);
    assert.equal(result.code, 1, result.out + result.err);
    assert.match(result.out, /publisher\/02-publication\.sql:5:29 error sql\/syntax invalid publication object list\. The entrypoint of "publisher" \(compose\.yaml\)/);
    assert.match(result.out, /2 files checked: 1 error, 0 warnings/);
  });
});

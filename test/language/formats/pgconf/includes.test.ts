import * as assert from 'assert';
import { resolveIncludes } from '../../../../language/formats/pgconf/includes';
import { parseConf } from '../../../../language/formats/pgconf/parser';
import { memoryFs } from './memoryFs';

describe('pgconf includes', () => {
  it('reads include_dir files ending in .conf, not hidden, in name order, inline where the directive is', () => {
    const files = {
      '/db/conf.d/20-b.conf': 'b.x = 2\n',
      '/db/conf.d/10-a.conf': 'a.x = 1\n',
      '/db/conf.d/.hidden.conf': 'hidden.x = 1\n',
      '/db/conf.d/notes.txt': 'txt.x = 1\n',
      '/db/conf.d/sub/30-c.conf': 'sub.x = 1\n',
    };
    const root = parseConf("first.x = 0\ninclude_dir 'conf.d'\nlast.x = 9\n");
    const graph = resolveIncludes(root, '/db/postgresql.conf', memoryFs(files));
    assert.deepStrictEqual(graph.settings.map((s) => [s.setting.key, s.file]), [
      ['first.x', '/db/postgresql.conf'],
      ['a.x', '/db/conf.d/10-a.conf'],
      ['b.x', '/db/conf.d/20-b.conf'],
      ['last.x', '/db/postgresql.conf'],
    ]);
    assert.strictEqual(graph.settings[1].via?.line, 1);
    assert.deepStrictEqual(graph.diagnostics, []);
  });

  it('resolves nested relative paths against the including file and reports deep problems on the root line', () => {
    const files = { '/db/a/one.conf': "include '../b/two.conf'\n", '/db/b/two.conf': "include 'gone.conf'\n" };
    const graph = resolveIncludes(parseConf("include 'a/one.conf'\n"), '/db/postgresql.conf', memoryFs(files));
    assert.strictEqual(graph.diagnostics.length, 1);
    assert.match(graph.diagnostics[0].message, /could not open configuration file "\/db\/b\/gone.conf".*included from \/db\/b\/two.conf/);
    assert.strictEqual(graph.diagnostics[0].range.start.line, 0);
  });

  it('leaves includes of documents without a path alone', () => {
    const graph = resolveIncludes(parseConf("include 'x.conf'\nwork_mem = 1MB\n"), undefined, memoryFs({}));
    assert.deepStrictEqual([graph.settings.length, graph.diagnostics.length, graph.links.length], [1, 0, 0]);
  });
});

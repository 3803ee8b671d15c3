import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { COMPOSE_CODES } from '../../../../language/formats/compose/codes';
import { SqlParserHost } from '../../../../language/sql/parser';
import { FIXTURES, fixtureDoc, service } from './helpers';

/**
 * Every fixture line ending in `# expect: code, …` must get exactly those diagnostics there (starting on that line), each once;
 * any other diagnostic must be listed in the file's `# ignore:` header.
 */
describe('compose rules (fixtures)', () => {
  // The init-SQL rules (compose/logical-…, compose/init-sql-syntax) need PostgreSQL's parser loaded.
  const sql = new SqlParserHost();
  const ls = service(undefined, sql);
  before(() => sql.load());
  const files = fs.readdirSync(path.join(FIXTURES, 'rules')).filter((f) => f.endsWith('.yaml'));
  const covered = new Set<string>();

  for (const file of files) {
    it(file, () => {
      const doc = fixtureDoc(`rules/${file}`);
      const lines = doc.getText().split('\n');
      const ignore = new Set((/# ignore: (.*)/.exec(doc.getText())?.[1] ?? '').split(',').map((s) => s.trim()));
      const expected: string[] = [];
      lines.forEach((line, i) => {
        const m = /# expect: (.*)$/.exec(line);
        if (m) for (const code of m[1].split(',')) expected.push(`${i + 1} ${code.trim()}`);
      });
      const diagnostics = ls.getDiagnostics(doc);
      const actual = diagnostics.filter((d) => !ignore.has(String(d.code))).map((d) => `${d.range.start.line + 1} ${d.code}`);
      for (const d of diagnostics) covered.add(String(d.code));
      // No de-duplication: a rule that reports the same finding twice fails here (list a code twice to expect it twice).
      assert.deepStrictEqual(actual.sort(), expected.sort(), diagnostics.map((d) => `${d.range.start.line + 1}: ${d.code} ${d.message}`).join('\n'));
    });
  }

  it('covers every rule code with a fixture', () => {
    const seedCodes = ['compose/hba-md5'];
    const missing = COMPOSE_CODES.filter((c) => !covered.has(c) && !seedCodes.includes(c));
    assert.deepStrictEqual(missing, []);
  });
});

import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { checkDescriptions, parseDescribeConfig, sharedWordRun } from '../../../scripts/catalog/listNames';
import { embeddedPostgresMissing, runPostgres } from '../../../scripts/pg/embedded';
import { requirePart } from '../../support/parts';

const dataDir = path.join(__dirname, '..', '..', '..', 'data');
const readJson = <T>(name: string): T => JSON.parse(fs.readFileSync(path.join(dataDir, name), 'utf8')) as T;

describe('scripts/catalog/listNames', function () {
  this.timeout(60_000);

  it('parses --describe-config rows into lower-case names and official texts', () => {
    const rows = parseDescribeConfig('DateStyle\tuser\tClient\tSTRING\tISO, MDY\t\t\tShort text.\tExtra text.\n');
    assert.deepStrictEqual(rows, [{ name: 'datestyle', officialTexts: ['Short text.', 'Extra text.'] }]);
  });

  it('finds a long run of copied words but not shared jargon', () => {
    assert.ok(sharedWordRun('It sets the maximum number of concurrent connections here.', 'Sets the maximum number of concurrent connections.'));
    assert.strictEqual(sharedWordRun('Upper limit on client sessions.', 'Sets the maximum number of concurrent connections.'), undefined);
  });

  it('reports missing, empty, copied, unsorted and mixed-case entries', () => {
    const problems = checkDescriptions(
      ['a_name', 'b_name', 'c_name'],
      { c_name: 'Same as theirs.', b_name: ' ', Z: 'x' },
      new Map([['c_name', ['Same as theirs.']]]),
    );
    assert.strictEqual(problems.length, 5, problems.join('\n'));
    assert.match(problems[0], /^a_name: no description/);
  });

  it('has a description for every catalog parameter of every major', () => {
    const catalog = readJson<{ parameters: { name: string }[] }>('catalog.json');
    const names = catalog.parameters.map((parameter) => parameter.name.toLowerCase());
    assert.deepStrictEqual(checkDescriptions(names, readJson<Record<string, string>>('descriptions.json')), []);
  });

  it('has recommendations only for known parameters, each with a value and a note', () => {
    const descriptions = readJson<Record<string, string>>('descriptions.json');
    const recommendations = readJson<Record<string, { value: string; note: string }>>('recommendations.json');
    assert.ok(Object.keys(recommendations).length >= 16);
    for (const [name, { value, note }] of Object.entries(recommendations)) {
      assert.ok(descriptions[name], `${name} is not a known parameter`);
      assert.ok(value && note, `${name} needs a value and a note`);
    }
  });

  it('never repeats the describe-config text of the real binaries', function () {
    const major = 18;
    requirePart(this, 'embedded PostgreSQL', embeddedPostgresMissing(major));
    const rows = parseDescribeConfig(runPostgres(major, ['--describe-config']).stdout);
    const descriptions = readJson<Record<string, string>>('descriptions.json');
    const official = new Map(rows.map((row) => [row.name, row.officialTexts]));
    assert.deepStrictEqual(checkDescriptions([...official.keys()].sort(), descriptions, official), []);
  });
});

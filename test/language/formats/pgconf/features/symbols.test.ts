import * as assert from 'assert';
import { pgconfFolding } from '../../../../../language/formats/pgconf/features/folding';
import { pgconfSymbols } from '../../../../../language/formats/pgconf/features/symbols';
import { featureInput } from './fixtures';

const SAMPLE = [
  '#------------------------------------------------------------------------------', // 0
  '# RESOURCE USAGE (except WAL)', // 1
  '#------------------------------------------------------------------------------', // 2
  '', // 3
  '# - Memory -', // 4
  '', // 5
  'shared_buffers = 128MB', // 6
  'work_mem = 4MB', // 7
  '', // 8
  '#------------------------------------------------------------------------------', // 9
  '# REPLICATION', // 10
  '#------------------------------------------------------------------------------', // 11
  'max_wal_senders = 10', // 12
  'wal_level = replica', // 13
  'max_replication_slots = 10', // 14
  'pg_stat_statements.max = 1000', // 15
  'no_such_parameter = 1', // 16
  "include_if_exists 'local.conf'", // 17
  '', // 18
].join('\n');

describe('pgconf features: document symbols and folding', () => {
  it('groups settings by catalog category in order of appearance', () => {
    const { input } = featureInput(SAMPLE);
    const symbols = pgconfSymbols(input);
    assert.deepStrictEqual(
      symbols.map((s) => [s.name, s.children?.map((c) => c.name)]),
      [
        ['Resource Usage / Memory', ['shared_buffers', 'work_mem']],
        ['Replication / Sending Servers', ['max_wal_senders', 'max_replication_slots']],
        ['Write-Ahead Log / Settings', ['wal_level']],
        ['Customized Options', ['pg_stat_statements.max']],
        ['Unknown parameters', ['no_such_parameter']],
        ['Includes', ['include_if_exists local.conf']],
      ],
    );
    const replication = symbols[1];
    assert.deepStrictEqual([replication.range.start.line, replication.range.end.line], [12, 14]);
    assert.strictEqual(replication.children?.[0].detail, '10');
    assert.deepStrictEqual(replication.children?.[0].selectionRange, { start: { line: 12, character: 0 }, end: { line: 12, character: 15 } });
  });

  it('folds sample-style sections, subsections, comment blocks and category runs', () => {
    const { input } = featureInput(SAMPLE);
    const folds = pgconfFolding(input).map((f) => [f.startLine, f.endLine, f.kind ?? '']);
    assert.deepStrictEqual(folds, [
      [0, 7, 'region'], // section, up to its last content line
      [4, 7, 'region'], // "# - Memory -" subsection
      [6, 7, ''], // two Resource Usage settings in a row
      [9, 17, 'region'], // REPLICATION; 12–14 is no run: wal_level sits between
    ]);
    const plain = featureInput('# why we tune memory:\n# the box has 64GB\nwork_mem = 4MB\nshared_buffers = 1GB\n');
    assert.deepStrictEqual(pgconfFolding(plain.input).map((f) => [f.startLine, f.endLine, f.kind ?? '']), [
      [0, 1, 'comment'],
      [2, 3, ''],
    ]);
  });

  it('returns nothing for an empty file', () => {
    const { input } = featureInput('');
    assert.deepStrictEqual(pgconfSymbols(input), []);
    assert.deepStrictEqual(pgconfFolding(input), []);
  });
});

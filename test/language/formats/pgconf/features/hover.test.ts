import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { pgconfHover } from '../../../../../language/formats/pgconf/features/hover';
import { readRecommendation } from '../../../../../language/formats/pgconf/features/recommendations';
import { featureInput } from './fixtures';

const hover = (text: string, major: 13 | 14 | 15 | 16 | 17 | 18 = 17) => {
  const { input, position } = featureInput(text, major);
  const result = pgconfHover(input, position);
  return result ? { text: (result.contents as { value: string }).value, range: result.range } : undefined;
};

describe('pgconf features: hover', () => {
  it('explains a parameter name: description, type, default in human units, range, context, majors, docs link', () => {
    const result = hover('shared_buf|fers = 256MB');
    assert.ok(result);
    assert.deepStrictEqual(result.range, { start: { line: 0, character: 0 }, end: { line: 0, character: 14 } });
    assert.match(result.text, /\*\*shared_buffers\*\* — integer \(8kB\) · PostgreSQL 17/);
    assert.match(result.text, /Memory the server uses for its shared page cache\./);
    assert.match(result.text, /\| Default \| `16384 × 8kB = 128MB` \|/);
    assert.match(result.text, /\| Range \| `16 × 8kB = 128kB … 1073741823 × 8kB ≈ 8TB` \|/);
    assert.match(result.text, /\| Applies \| needs a server restart \|/);
    assert.match(result.text, /\| Exists in \| PostgreSQL 13–18 \|/);
    assert.match(result.text, /\(https:\/\/www\.postgresql\.org\/docs\/17\/runtime-config-resource\.html#GUC-SHARED-BUFFERS\)/);
  });

  it('on a value, also says what the value means in base units', () => {
    const result = hover('shared_buffers = 25|6MB');
    assert.ok(result);
    assert.deepStrictEqual(result.range, { start: { line: 0, character: 17 }, end: { line: 0, character: 22 } });
    assert.match(result.text, /^Value `256MB` = `32768 × 8kB = 256MB`/);
  });

  it('lists allowed, build-dependent and legacy enum values and reload context', () => {
    const wal = hover('wal_le|vel = replica');
    assert.match(wal?.text ?? '', /\| Allowed values \| `minimal`, `replica`, `logical` \|/);
    assert.match(wal?.text ?? '', /\| Also accepted \| `archive`, `hot_standby` \(legacy aliases\) \|/);
    const toast = hover('default_toast_compression = l|z4');
    assert.match(toast?.text ?? '', /Build-dependent values \| `lz4`/);
    assert.match(toast?.text ?? '', /Exists in \| PostgreSQL 14–18/);
    assert.match(hover('checkpoint_time|out = 10min')?.text ?? '', /takes effect on reload/);
  });

  it('says when a parameter does not exist in the target major', () => {
    const result = hover('vacuum_defer_clean|up_age = 0', 16);
    assert.match(result?.text ?? '', /not a parameter of PostgreSQL 16 \(removed after PostgreSQL 15; exists in 13–15\)/);
    assert.match(hover('default_toast|_compression = pglz', 13)?.text ?? '', /added in PostgreSQL 14/);
  });

  it('explains commented-out settings, as postgresql.conf.sample has them', () => {
    const result = hover('\n  #shared_buffers = 12|8MB\t\t# min 128kB');
    assert.ok(result);
    assert.deepStrictEqual(result.range, { start: { line: 1, character: 20 }, end: { line: 1, character: 25 } });
    assert.match(result.text, /^Value `128MB` = `16384 × 8kB = 128MB`\n\n_Commented out: PostgreSQL uses the default/);
    assert.deepStrictEqual(hover('#wal_le|vel = replica')?.range, { start: { line: 0, character: 1 }, end: { line: 0, character: 10 } });
  });

  it('has nothing to say about unknown names, comments and blank space', () => {
    assert.strictEqual(hover('no_such_par|ameter = 1'), undefined);
    assert.strictEqual(hover('# tune shared_buf|fers here'), undefined);
    assert.strictEqual(hover('shared_buffers = 1MB   |  '), undefined);
  });

  it('reads recommendations from a {name: {value, note}} file and tolerates a missing one', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pgha-rec-'));
    const file = path.join(dir, 'recommendations.json');
    fs.writeFileSync(file, JSON.stringify({ wal_level: { value: 'replica', note: 'for replication setups' } }));
    assert.deepStrictEqual(readRecommendation('WAL_LEVEL', file), { value: 'replica', note: 'for replication setups' });
    assert.strictEqual(readRecommendation('work_mem', file), undefined);
    assert.strictEqual(readRecommendation('wal_level', path.join(dir, 'missing.json')), undefined);
    fs.writeFileSync(file, JSON.stringify({ wal_level: { value: 'logical' } }));
    assert.deepStrictEqual(readRecommendation('wal_level', file), { value: 'logical' }, 'a changed file is read again');
    fs.writeFileSync(file, '{ not json');
    assert.strictEqual(readRecommendation('wal_level', file), undefined, 'a malformed file is no crash');
    fs.rmSync(dir, { recursive: true, force: true });
  });
});

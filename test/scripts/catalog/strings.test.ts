import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { dataPath } from '../../../core/packageRoot';
import type { StringFactsFile } from '../../../language/formats/pgconf/stringFacts';
import { literalTails } from '../../../scripts/catalog/strings/binaryWords';
import { buildStringFacts, committedMajor, serializeStringFacts } from '../../../scripts/catalog/strings/generate';
import { readStringFacts as readFromServer, type MajorStringFacts } from '../../../scripts/catalog/strings/readFacts';
import { zoneAbbreviations } from '../../../scripts/catalog/strings/tzif';
import { embeddedPostgresMissing, findEmbeddedPostgres, MAJORS, type Major } from '../../../scripts/pg/embedded';
import { requirePart } from '../../support/parts';

const committedText = () => fs.readFileSync(dataPath('strings.json'), 'utf8');
const committedFile = () => JSON.parse(committedText()) as StringFactsFile;

function committedByMajor(): Map<Major, MajorStringFacts> {
  const file = committedFile();
  return new Map(MAJORS.map((major) => [major, committedMajor(file, major)!]));
}

describe('scripts/catalog/strings', function () {
  this.timeout(120_000);

  it('writes the committed file byte for byte from its own data, small enough to ship', () => {
    const text = committedText();
    assert.strictEqual(serializeStringFacts(buildStringFacts(committedByMajor())), text);
    assert.ok(text.length < 60_000, `strings.json is ${text.length} bytes`);
  });

  it('stores facts shared by several majors once', () => {
    const file = committedFile();
    assert.strictEqual(file.encodings.length, 1);
    assert.deepStrictEqual(file.encodings[0].majors, [...MAJORS]);
  });

  it('finds words the linker keeps only as the tail of a longer string', () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'pgha-tails-')), 'binary');
    fs.writeFileSync(file, Buffer.from('\x01SPGist\x00Heap2\x00\x7fx\x00', 'latin1'));
    const tails = literalTails(file);
    for (const word of ['SPGist', 'PGist', 'Gist', 'Heap2', 'eap2']) assert.ok(tails.has(word), word);
    assert.ok(!tails.has('x'), 'one-letter words are no candidates');
    fs.rmSync(path.dirname(file), { recursive: true, force: true });
  });

  it('reads the abbreviations of a compiled zone file', function () {
    const binaries = findEmbeddedPostgres(16);
    requirePart(this, 'embedded PostgreSQL 16', binaries ? undefined : embeddedPostgresMissing(16));
    const zone = (name: string) => zoneAbbreviations(path.join(binaries!.shareDir, 'timezone', name));
    assert.deepStrictEqual(zone('America/New_York'), ['EDT', 'EPT', 'EST', 'EWT', 'LMT']);
    assert.deepStrictEqual(zone('UTC'), ['UTC']);
  });

  it('reads PostgreSQL 16 again and matches the committed facts', async function () {
    requirePart(this, 'embedded PostgreSQL 16', embeddedPostgresMissing(16));
    const fresh = await readFromServer(16, () => {});
    assert.deepStrictEqual(fresh, committedMajor(committedFile(), 16), 'data/strings.json is out of date (run: npm run catalog:strings)');
  });
});

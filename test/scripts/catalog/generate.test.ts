import * as assert from 'assert';
import * as fs from 'fs';
import type { CatalogFile } from '../../../language/catalog/catalog';
import type { ParameterVariant } from '../../../language/catalog/types';
import { dataPath } from '../../../core/packageRoot';
import { embeddedPostgresMissing } from '../../../scripts/pg/embedded';
import { buildCatalogFile, diffCatalogData, expandCatalogFile, serializeCatalog, type CatalogData } from '../../../scripts/catalog/compact';
import { checkSupplement, parseArgs } from '../../../scripts/catalog/generate';
import { sampleNames, snapshotMajor } from '../../../scripts/catalog/snapshot';
import { requirePart } from '../../support/parts';
import { MAJORS } from '../../../core/majors';

const committedText = () => fs.readFileSync(dataPath('catalog.json'), 'utf8');

describe('scripts/catalog/generate', function () {
  this.timeout(120_000);

  it('parses --major and --check, and names the mistake in bad arguments', () => {
    assert.deepStrictEqual(parseArgs([]), { majors: [...MAJORS], check: false });
    assert.deepStrictEqual(parseArgs(['--major', '16', '--major=13', '--check']), { majors: [16, 13], check: true });
    assert.throws(() => parseArgs(['--major', '12']), new RegExp(`--major 12 is not one of ${MAJORS.join(', ')}`));
    assert.throws(() => parseArgs(['--frobnicate']), /unknown argument "--frobnicate"/);
  });

  it('reads sample names from set and commented-out lines only', () => {
    const names = sampleNames(['#shared_buffers = 128MB\t# min 128kB', "listen_addresses = '*'", '# - Memory -', '#   (change requires restart)', '#DateStyle = iso'].join('\n'));
    assert.deepStrictEqual([...names].sort(), ['datestyle', 'listen_addresses', 'shared_buffers']);
  });

  it('writes the committed file byte for byte from its own data (deterministic layout)', () => {
    const text = committedText();
    assert.strictEqual(serializeCatalog(buildCatalogFile(expandCatalogFile(JSON.parse(text) as CatalogFile))), text);
    assert.ok(text.length < 200_000, `catalog.json is ${text.length} bytes; the VSIX must stay under 2 MB`);
  });

  it('summarises differences per major and parameter', () => {
    const variant: ParameterVariant = { vartype: 'integer', unit: '8kB', min: 16, max: 100, bootVal: '1024', context: 'postmaster', category: 'x', notInSample: false };
    const before: CatalogData = { 16: { version: '16.1', settingsCount: 2, parameters: new Map([['shared_buffers', variant], ['gone', variant]]) } };
    const after: CatalogData = { 16: { version: '16.2', settingsCount: 2, parameters: new Map([['shared_buffers', { ...variant, max: 200 }], ['fresh', variant]]) } };
    assert.deepStrictEqual(diffCatalogData(before, after), [
      'PostgreSQL 16: version 16.1 → 16.2',
      'PostgreSQL 16: + fresh (new)',
      'PostgreSQL 16: - gone (gone)',
      'PostgreSQL 16: ~ shared_buffers: max 100 → 200',
    ]);
  });

  it('regenerates PostgreSQL 16 from a real server and matches the committed catalog', async function () {
    requirePart(this, 'embedded PostgreSQL', embeddedPostgresMissing(16));
    const snapshot = await snapshotMajor(16);
    checkSupplement(snapshot);
    const committed = expandCatalogFile(JSON.parse(committedText()) as CatalogFile);
    const differences = diffCatalogData({ 16: committed[16] }, { 16: snapshot });
    assert.deepStrictEqual(differences, [], 'data/catalog.json is out of date for PostgreSQL 16 (run: npm run catalog)');
    assert.strictEqual(snapshot.settingsCount, 362);
    // Byte-level too: rebuilding the file with the fresh major gives the committed text.
    assert.strictEqual(serializeCatalog(buildCatalogFile({ ...committed, 16: snapshot })), committedText());
  });
});

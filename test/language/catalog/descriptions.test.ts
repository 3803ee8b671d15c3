import * as assert from 'assert';
import * as fs from 'fs';
import type { CatalogFile } from '../../../language/catalog/catalog';
import { MAJORS } from '../../../language/catalog/types';
import { dataPath } from '../../../core/packageRoot';
import { embeddedPostgresMissing, runPostgres } from '../../../scripts/pg/embedded';
import { requirePart } from '../../support/parts';

/** Compared loosely: case, spacing and a final period do not make a text our own. */
const normalize = (text: string) => text.toLowerCase().replace(/\s+/g, ' ').replace(/[.\s]+$/, '').trim();

describe('server/catalog: descriptions (data/descriptions.json)', () => {
  const file = JSON.parse(fs.readFileSync(dataPath('catalog.json'), 'utf8')) as CatalogFile;
  const descriptions = JSON.parse(fs.readFileSync(dataPath('descriptions.json'), 'utf8')) as Record<string, unknown>;
  const byKey = new Map(Object.entries(descriptions).map(([name, text]) => [name.toLowerCase(), text]));

  it('has a non-empty description of our own for every parameter in the catalog', () => {
    const missing = file.parameters
      .map((record) => record.name)
      .filter((name) => {
        const text = byKey.get(name.toLowerCase());
        return typeof text !== 'string' || text.trim() === '';
      });
    assert.deepStrictEqual(missing, [], `${missing.length} of ${file.parameters.length} parameters lack a description in data/descriptions.json`);
  });

  it('never copies PostgreSQL\'s own short or extra description (postgres --describe-config, every major)', function () {
    requirePart(this, 'embedded PostgreSQL', MAJORS.map(embeddedPostgresMissing).find((why) => why !== undefined));
    const copied = new Set<string>();
    for (const major of MAJORS) {
      const result = runPostgres(major, ['--describe-config']);
      assert.strictEqual(result.status, 0, result.stderr);
      for (const line of result.stdout.split('\n')) {
        const [name, , , , , , , shortDesc = '', extraDesc = ''] = line.split('\t');
        const ours = byKey.get(name?.toLowerCase() ?? '');
        if (typeof ours !== 'string' || ours.trim() === '') continue;
        const text = normalize(ours);
        if ((shortDesc && text === normalize(shortDesc)) || (extraDesc && text === normalize(extraDesc))) copied.add(name);
      }
    }
    assert.deepStrictEqual([...copied], [], 'these descriptions repeat pg_settings text; write them in our own words');
  });
});

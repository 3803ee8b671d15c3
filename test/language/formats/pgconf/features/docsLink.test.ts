import * as assert from 'assert';
import { loadCatalog } from '../../../../../language/catalog/catalog';
import { MAJORS } from '../../../../../language/catalog/types';
import { docsUrl } from '../../../../../language/formats/pgconf/features/docsLink';

describe('pgconf features: documentation links for the generated catalog', function () {
  const catalog = loadCatalog();
  before(function () {
  });

  it('maps every category of every major to a runtime-config page (never the search fallback)', () => {
    const unmapped = new Set<string>();
    for (const major of MAJORS) {
      for (const name of catalog.names(major)) {
        const info = catalog.get(name, major)!;
        const url = docsUrl(info.name, info.category, major);
        if (!url.startsWith(`https://www.postgresql.org/docs/${major}/runtime-config-`)) unmapped.add(`${major}: ${info.category}`);
      }
    }
    assert.deepStrictEqual([...unmapped], []);
  });

  it('follows the PostgreSQL 18 move of autovacuum into the vacuuming page', () => {
    const info17 = catalog.get('autovacuum', 17)!;
    const info18 = catalog.get('autovacuum', 18)!;
    assert.match(docsUrl('autovacuum', info17.category, 17), /\/docs\/17\/runtime-config-autovacuum\.html#GUC-AUTOVACUUM$/);
    assert.match(docsUrl('autovacuum', info18.category, 18), /\/docs\/18\/runtime-config-vacuum\.html#GUC-AUTOVACUUM$/);
  });
});

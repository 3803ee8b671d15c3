import * as assert from 'assert';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { generateConf } from '../../../scripts/bench/pgconf';
import { loadCatalog } from '../../../language/catalog/catalog';
import { MAJORS } from '../../../language/catalog/types';
import { getLanguageService } from '../../../language/service/languageService';

describe('scripts/bench/pgconf: the generated benchmark file', function () {
  const catalog = loadCatalog();
  before(function () {
  });

  for (const major of MAJORS) {
    it(`has 3,000 lines and only the planted problems for PostgreSQL ${major}`, () => {
      const text = generateConf(catalog, major);
      assert.strictEqual(text.split('\n').length - 1, 3000);
      const fs = { readFile: () => undefined, exists: () => false, isDirectory: () => false, readDir: () => [] };
      const service = getLanguageService({ catalog, fs, settings: () => ({ defaultMajor: major }) });
      const diagnostics = service.getDiagnostics(TextDocument.create('file:///bench/postgresql.conf', 'pgconf', 1, text));
      const codes = [...new Set(diagnostics.map((d) => String(d.code)))].sort();
      assert.deepStrictEqual(codes, ['pgconf/invalid-unit', 'pgconf/overridden', 'pgconf/unknown-parameter'], JSON.stringify(diagnostics.filter((d) => d.code !== 'pgconf/overridden').map((d) => d.message)));
    });
  }
});

import * as assert from 'assert';
import { documentSelector } from '../../../client/src/lsp/documentSelector';
import { FORMATS } from '../../../language/formats/registry';

// What the globs really match is checked in a real editor (test/vscode/suite/pgconf.test.ts).
describe('documentSelector', () => {
  it('serves every registered format', () => {
    for (const format of FORMATS) {
      const languages = [format.languageId, ...(format.alsoLanguageIds ?? [])];
      for (const language of languages) assert.ok(documentSelector.some((f) => f.language === language), `${format.id}: ${language}`);
    }
  });

  it('takes whole languages the extension contributes, saved or untitled', () => {
    for (const format of FORMATS.filter((f) => f.contributes)) {
      const filters = documentSelector.filter((f) => f.language === format.languageId);
      assert.deepStrictEqual(filters, [
        { language: format.languageId, scheme: 'file' },
        { language: format.languageId, scheme: 'untitled' },
      ]);
    }
  });

  it('takes other extensions’ languages (yaml, dockercompose) only for the file names a format claims', () => {
    const owned = new Set(FORMATS.filter((f) => f.contributes).map((f) => f.languageId));
    const borrowed = documentSelector.filter((f) => !owned.has(f.language));
    assert.ok(borrowed.length > 0);
    for (const filter of borrowed) {
      const format = FORMATS.find((f) => f.languageId === filter.language || f.alsoLanguageIds?.includes(filter.language))!;
      assert.strictEqual(filter.scheme, 'file');
      assert.ok(format.filePatterns.some((p) => filter.pattern === `**/${p}`), `${filter.language} must be limited to ${format.id} file names, got ${filter.pattern}`);
    }
  });
});

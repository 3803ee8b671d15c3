import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { loadCatalog } from '../../../../../language/catalog/catalog';
import { MAJORS } from '../../../../../language/catalog/types';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { haSnippets } from '../../../../../language/formats/pgconf/features/haSnippets';
import { getLanguageService } from '../../../../../language/service/languageService';

const root = path.resolve(__dirname, '..', '..', '..', '..', '..');

describe('pgconf features: HA snippets and snippets/pgconf.json against the generated catalog', function () {
  const catalog = loadCatalog();
  before(function () {
  });

  it('keeps every line of every HA block in every major 13–18', () => {
    for (const major of MAJORS) {
      const snippets = haSnippets(catalog, major);
      assert.deepStrictEqual(snippets.map((s) => s.label), ['ha-primary', 'ha-standby', 'ha-archive'], `PostgreSQL ${major}`);
      assert.deepStrictEqual(
        snippets.map((s) => s.preview.split('\n').length),
        [6, 4, 2],
        `PostgreSQL ${major}`,
      );
    }
  });

  it('inserts blocks the validator finds no error in, for every major', () => {
    const fs = { readFile: () => undefined, exists: () => false, isDirectory: () => false, readDir: () => [] };
    for (const major of MAJORS) {
      const service = getLanguageService({ catalog, fs, settings: () => ({ defaultMajor: major }) });
      for (const snippet of haSnippets(catalog, major)) {
        const doc = TextDocument.create(`file:///snippets/${snippet.label}/postgresql.conf`, 'pgconf', 1, snippet.preview + '\n');
        const errors = service.getDiagnostics(doc).filter((d) => d.severity === 1);
        assert.deepStrictEqual(errors.map((d) => d.message), [], `${snippet.label} on PostgreSQL ${major}`);
      }
    }
  });

  it('snippets/pgconf.json only sets parameters every major has', () => {
    const snippets = JSON.parse(fs.readFileSync(path.join(root, 'snippets', 'pgconf.json'), 'utf8')) as Record<string, { prefix: string; body: string[] }>;
    const names = Object.values(snippets)
      .flatMap((s) => s.body)
      .map((line) => /^([a-z_]+) = /.exec(line)?.[1])
      .filter((n): n is string => Boolean(n));
    assert.ok(names.length >= 8, `found ${names.length} settings`);
    for (const major of MAJORS) for (const name of names) assert.ok(catalog.get(name, major), `${name} in PostgreSQL ${major}`);
  });
});

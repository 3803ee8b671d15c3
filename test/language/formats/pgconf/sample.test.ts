import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { loadCatalog } from '../../../../language/catalog/catalog';
import { MAJORS } from '../../../../language/catalog/types';
import { getLanguageService } from '../../../../language/service/languageService';
import { embeddedPostgresMissing, findEmbeddedPostgres } from '../../../../scripts/pg/embedded';
import { uncommentSample } from '../../../../scripts/differential/sample';
import { requirePart } from '../../../support/parts';
import { memoryFs } from './memoryFs';

describe("each major's postgresql.conf.sample, uncommented", () => {
  const catalog = loadCatalog();
  for (const major of MAJORS) {
    it(`gives no error for PostgreSQL ${major} but the ones postgres itself gives`, function () {
      requirePart(this, `embedded PostgreSQL ${major}`, embeddedPostgresMissing(major));
      const sample = path.join(findEmbeddedPostgres(major)!.shareDir, 'postgresql.conf.sample');
      const text = uncommentSample(fs.readFileSync(sample, 'utf8'));
      const settingLines = text.split('\n').filter((line) => /^[a-z_]+\s*=/.test(line)).length;
      assert.ok(settingLines > 250, `only ${settingLines} settings uncommented`);
      const service = getLanguageService({ catalog, fs: memoryFs({}), settings: () => ({ defaultMajor: major }) });
      const diagnostics = service.getDiagnostics(TextDocument.create('untitled:postgresql.conf', 'pgconf', 1, text));
      // From 16 the sample's `#lc_messages = ''` is itself invalid once uncommented: real postgres -C says
      // `invalid value for parameter "lc_messages": ""` (checked against the embedded 16 server).
      const errors = diagnostics
        .filter((d) => d.severity === DiagnosticSeverity.Error)
        .map((d) => d.message)
        .filter((m) => !(major >= 16 && m.startsWith('invalid value for parameter "lc_messages": ""')));
      assert.deepStrictEqual(errors, []);
    });
  }
});

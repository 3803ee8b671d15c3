/** Cross-setting checks on the real catalog: settings PostgreSQL reads fine one by one but refuses together. */
import * as assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic } from 'vscode-languageserver-types';
import { lazyCatalog } from '../../../../language/catalog/catalog';
import type { Major } from '../../../../language/catalog/types';
import { CODES, type PgconfDiagnosticData } from '../../../../language/formats/pgconf/codes';
import { getLanguageService } from '../../../../language/service/languageService';
import { fileUri, memoryFs } from './memoryFs';

const catalog = lazyCatalog();

function diagnose(text: string, major: Major): Diagnostic[] {
  const file = '/db/postgresql.conf';
  const service = getLanguageService({ catalog, fs: memoryFs({ [file]: text }), settings: () => ({ defaultMajor: major }) });
  return service.getDiagnostics(TextDocument.create(fileUri(file), 'pgconf', 1, text));
}

describe('pgconf cross checks: reserved connections', () => {
  it('reports max_connections at or below superuser_reserved_connections, with PostgreSQL 13-15 wording', () => {
    const [d, ...rest] = diagnose('max_connections = 3\n', 13);
    assert.equal(rest.length, 0);
    assert.equal(d.code, CODES.reservedConnections);
    assert.match(d.message, /^superuser_reserved_connections \(3\) must be less than max_connections \(3\)\. PostgreSQL refuses to start\./);
    assert.deepEqual(d.range, { start: { line: 0, character: 18 }, end: { line: 0, character: 19 } });
    assert.equal((d.data as PgconfDiagnosticData).fixes?.[0].edits[0].newText, '4');
    assert.deepEqual(diagnose('max_connections = 4\n', 13), []);
  });

  it('adds reserved_connections from PostgreSQL 16 and shows the error on each line that decides it', () => {
    const diagnostics = diagnose('max_connections = 10\nreserved_connections = 7\n', 17);
    assert.deepEqual(diagnostics.map((d) => [d.code, d.range.start.line]), [[CODES.reservedConnections, 0], [CODES.reservedConnections, 1]]);
    assert.match(diagnostics[0].message, /^superuser_reserved_connections \(3\) plus reserved_connections \(7\) must be less than max_connections \(10\)/);
    assert.equal((diagnostics[0].data as PgconfDiagnosticData).fixes?.[0].edits[0].newText, '11');
    assert.deepEqual(diagnose('max_connections = 11\nreserved_connections = 7\n', 17), []);
    assert.deepEqual(diagnose('max_connections = 20\nsuperuser_reserved_connections = 0\n', 16), []);
  });

  it('stays silent with the defaults', () => {
    assert.deepEqual(diagnose('shared_buffers = 128MB\n', 18), []);
  });
});

/**
 * SPIKE (removed in the next commit): pg_ident.conf, to prove a format is one folder plus one registry entry.
 * One rule: every map line has three fields (map name, system user, database user).
 */
import type { Diagnostic } from 'vscode-languageserver-types';
import { makeDiagnostic } from '../../diagnostics';
import type { ServiceContext } from '../../service/context';
import { DocumentCache } from '../../service/documentCache';
import { emptyService } from '../../service/emptyService';
import type { FormatService } from '../../service/types';
import { defineFormat } from '../types';

const PGIDENT = 'pgident';
const CODES = { missingField: 'pgident/missing-field' } as const;

/** Lines with fewer than three fields, as PostgreSQL's ident-file reader rejects them. */
function identDiagnostics(text: string): Diagnostic[] {
  return text.split('\n').flatMap((line, index) => {
    const content = line.replace(/#.*$/, '');
    const fields = content.trim().split(/\s+/).filter(Boolean);
    if (fields.length === 0 || fields.length >= 3) return [];
    const range = { start: { line: index, character: 0 }, end: { line: index, character: content.trimEnd().length } };
    return [makeDiagnostic({ range, code: CODES.missingField, severity: 'error', message: 'missing entry at end of line', hint: 'A map line needs a map name, a system user name and a database user name.' })];
  });
}

function createPgidentService(_context: ServiceContext): FormatService {
  const diagnostics = new DocumentCache((doc) => identDiagnostics(doc.getText()));
  return { ...emptyService, getDiagnostics: (doc) => diagnostics.get(doc) };
}

export const pgidentFormat = defineFormat({
  id: PGIDENT,
  title: 'pg_ident.conf',
  languageId: 'pgident',
  filePatterns: ['pg_ident.conf'],
  contributes: { aliases: ['PostgreSQL User Name Maps', 'pgident'] },
  codes: Object.values(CODES),
  capabilities: [],
  createService: createPgidentService,
});

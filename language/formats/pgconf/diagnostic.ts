import type { Diagnostic, DiagnosticRelatedInformation, Range } from 'vscode-languageserver-types';
import { DiagnosticSeverity, DiagnosticTag } from 'vscode-languageserver-types';
import type { PgconfCode, PgconfDiagnosticData, PgconfFix } from './codes';

export interface DiagnosticParts {
  range: Range;
  code: PgconfCode;
  severity: DiagnosticSeverity;
  message: string;
  hint?: string;
  data?: PgconfDiagnosticData;
  related?: DiagnosticRelatedInformation[];
  unnecessary?: boolean;
}

/** One pgconf diagnostic: PostgreSQL's own message, then our advice, and `data` for quick fixes. */
export function makeDiagnostic(parts: DiagnosticParts): Diagnostic {
  const hint = parts.hint ? ` ${parts.hint}` : '';
  const diagnostic: Diagnostic = {
    range: parts.range,
    severity: parts.severity,
    code: parts.code,
    source: 'pgha',
    message: `${parts.message}.${hint}`.replace(/\.\./g, '.'),
    data: parts.data ?? {},
  };
  if (parts.related?.length) diagnostic.relatedInformation = parts.related;
  if (parts.unnecessary) diagnostic.tags = [DiagnosticTag.Unnecessary];
  return diagnostic;
}

export const replaceFix = (title: string, range: Range, newText: string, isPreferred = false): PgconfFix => ({
  title,
  edits: [{ range, newText }],
  isPreferred,
});

/** Quotes a value for postgresql.conf: single quotes, '' for a quote, \\ for a backslash (core/guc.ts). */
export { quoteGucValue as quoteConfValue } from '../../../core/guc';

export { DiagnosticSeverity };

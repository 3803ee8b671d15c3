/**
 * What `patroni --validate-config` says about a patroni.yml, as diagnostics: YAML errors, an empty file, then the
 * validator's lines (schema.ts) each on the value (or the mapping a missing key belongs in).
 */
import type { Diagnostic, Range } from 'vscode-languageserver-types';
import type { PatroniCatalogFile } from './catalog';
import { CODES, patroniDiagnostic, type PatroniCode } from './codes';
import type { PatroniDocument, Span } from './document';
import { resultText, schemaFailures, type SchemaResult } from './schema';

export type SpanToRange = (span: Span) => Range;

function codeOf(result: SchemaResult): PatroniCode {
  if (result.error === 'is not defined.') return CODES.required;
  if (result.error?.startsWith('is not ')) return CODES.type;
  return CODES.invalid;
}

const HINTS: Partial<Record<PatroniCode, string>> = {
  [CODES.required]: '`patroni --validate-config` requires this key.',
};

/** The lines `patroni --validate-config` prints, in its order (for the differential test and `pgha check`). */
export function validatorLines(doc: PatroniDocument, catalog: PatroniCatalogFile): string[] {
  if (doc.errors.length > 0 || !doc.root || doc.root.kind === 'null') return [];
  return schemaFailures(catalog.schema, doc.root).map(resultText);
}

export function validatePatroni(doc: PatroniDocument, catalog: PatroniCatalogFile, toRange: SpanToRange): Diagnostic[] {
  if (doc.errors.length > 0) {
    return doc.errors.map((error) =>
      patroniDiagnostic({ range: toRange(error.span), code: CODES.yaml, severity: 'error', message: error.message, hint: 'Patroni cannot read the file (PyYAML refuses it) and stops.' }),
    );
  }
  if (!doc.root || doc.root.kind === 'null') {
    const end = doc.text.length;
    return [patroniDiagnostic({ range: toRange({ start: 0, end }), code: CODES.empty, severity: 'error', message: "AttributeError: 'NoneType' object has no attribute 'items'", hint: 'The file is empty: Patroni 3.0 stops with this traceback. Write at least scope, name, restapi, the DCS and postgresql.' })];
  }
  return schemaFailures(catalog.schema, doc.root).map((result) => {
    const line = resultText(result);
    const code = codeOf(result);
    const span = result.span ?? { start: 0, end: 0 };
    return patroniDiagnostic({ range: toRange(span), code, severity: 'error', message: line.replace(/ {2,}/, ' ').trim(), hint: HINTS[code], data: { patroni: line } });
  });
}

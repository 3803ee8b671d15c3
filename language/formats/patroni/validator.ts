/**
 * What `patroni --validate-config` says about a patroni.yml, as diagnostics: YAML errors, an empty file, then the
 * validator's lines (schema.ts) each on the value (or the mapping a missing key belongs in).
 */
import type { Diagnostic, Range } from 'vscode-languageserver-types';
import type { PatroniCatalogFile } from './catalog';
import { CODES, patroniDiagnostic, type PatroniCode } from './codes';
import type { PatroniDocument, PyNode, Span } from './document';
import { pyTypeName } from './pyRepr';
import { PatroniCrash, resultText, schemaFailures, type SchemaResult } from './schema';

export type SpanToRange = (span: Span) => Range;

function codeOf(result: SchemaResult): PatroniCode {
  if (result.error === 'is not defined.') return CODES.required;
  if (result.error?.startsWith('is not ')) return CODES.type;
  return CODES.invalid;
}

const HINTS: Partial<Record<PatroniCode, string>> = {
  [CODES.required]: '`patroni --validate-config` requires this key.',
};

/** What Patroni validates: the file's mapping after patch_config, which drops top-level keys whose value is null. */
function loaded(root: Extract<PyNode, { kind: 'dict' }>): PyNode {
  return { ...root, entries: new Map([...root.entries].filter(([, value]) => value.kind !== 'null')) };
}

export interface PatroniVerdict {
  /** The traceback's last line when Patroni stops instead of validating ('yaml' for a YAML error). */
  crash?: string;
  crashSpan?: Span;
  failures: SchemaResult[];
}

/** What `patroni --validate-config` makes of a file: a crash, or the validator's failures in its order. */
export function patroniVerdict(doc: PatroniDocument, catalog: PatroniCatalogFile): PatroniVerdict {
  const crash = crashOf(doc);
  if (crash || doc.root?.kind !== 'dict') return { crash, failures: [] };
  try {
    return { failures: schemaFailures(catalog.schema, loaded(doc.root)) };
  } catch (error) {
    if (error instanceof PatroniCrash) return { crash: error.message, crashSpan: error.span, failures: [] };
    throw error;
  }
}

/**
 * Why Patroni 3.0.2 stops before validating: PyYAML refuses the text, or the file is not a mapping (an empty file
 * included: patch_config calls .items() on it) — the traceback's last line.
 */
export function crashOf(doc: PatroniDocument): string | undefined {
  if (doc.errors.length > 0) return 'yaml';
  const root = doc.root;
  if (root?.kind === 'dict') return undefined;
  return `AttributeError: '${root ? pyTypeName(root) : 'NoneType'}' object has no attribute 'items'`;
}

/** The lines `patroni --validate-config` prints, in its order (for the differential test). */
export function validatorLines(doc: PatroniDocument, catalog: PatroniCatalogFile): string[] {
  return patroniVerdict(doc, catalog).failures.map(resultText);
}

export function validatePatroni(doc: PatroniDocument, catalog: PatroniCatalogFile, toRange: SpanToRange): Diagnostic[] {
  if (doc.errors.length > 0) {
    return doc.errors.map((error) =>
      patroniDiagnostic({ range: toRange(error.span), code: CODES.yaml, severity: 'error', message: error.message, hint: 'Patroni cannot read the file (PyYAML refuses it) and stops.' }),
    );
  }
  const crash = crashOf(doc);
  if (crash || !doc.root) {
    const span = doc.root && doc.root.kind !== 'null' ? doc.root : { start: 0, end: doc.text.length };
    return [patroniDiagnostic({ range: toRange(span), code: CODES.empty, severity: 'error', message: crash ?? '', hint: 'The file holds no mapping of settings: Patroni 3.0 stops with this traceback. Write at least scope, name, restapi, the DCS and postgresql.' })];
  }
  const verdict = patroniVerdict(doc, catalog);
  if (verdict.crash) {
    return [patroniDiagnostic({ range: toRange(verdict.crashSpan ?? doc.root), code: CODES.invalid, severity: 'error', message: verdict.crash, hint: 'Patroni\'s validator stops with this traceback.' })];
  }
  return verdict.failures.map((result) => {
    const line = resultText(result);
    const code = codeOf(result);
    const span = result.span ?? { start: 0, end: 0 };
    return patroniDiagnostic({ range: toRange(span), code, severity: 'error', message: line.replace(/ {2,}/, ' ').trim(), hint: HINTS[code], data: { patroni: line } });
  });
}

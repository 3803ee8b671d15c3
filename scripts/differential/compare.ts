/**
 * Our verdict on one differential case, through the language service itself (parser, validator, includes),
 * plus the canonical value from the same judge the validator uses, and how it compares with PostgreSQL's.
 */
import { TextDocument } from 'vscode-languageserver-textdocument';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import type { Catalog, Major } from '../../language/catalog/types';
import { nodeFileSystem } from '../../core/nodeFileSystem';
import { CODES } from '../../language/formats/pgconf/codes';
import { judgeSetting } from '../../language/formats/pgconf/judge';
import { parseConf } from '../../language/formats/pgconf/parser';
import { getLanguageService } from '../../language/service/languageService';
import type { DifferentialCase } from './generate';
import { postgresMessage, sameMessage } from './messages';
import type { PostgresVerdict } from './oracle';

export interface OurVerdict {
  accepted: boolean;
  canonical?: string;
  message?: string;
}

/** Rules PostgreSQL applies when the server starts, not while `postgres -C` reads the file. */
const STARTUP_ONLY = new Set<string>([CODES.walSendersNeedReplica, CODES.archiveNeedsReplica, CODES.summarizeNeedsReplica, CODES.reservedConnections]);

/** Where the case file pretends to live: a folder that does not exist, so includes of other files are missing. */
const CASE_URI = 'file:///nonexistent-pgha-differential/pgha_differential.conf';

/** PostgreSQL reports a syntax error first (it stops parsing), then include problems met while parsing, then values. */
const phase = (d: Diagnostic) => (d.code === CODES.syntax ? 0 : String(d.code).startsWith('pgconf/include-') ? 1 : 2);
const firstComplaint = (a: Diagnostic, b: Diagnostic) => phase(a) - phase(b) || a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character;

export function ourVerdict(catalog: Catalog, major: Major, line: string, ask: string): OurVerdict {
  const service = getLanguageService({ catalog, fs: nodeFileSystem, settings: () => ({ defaultMajor: major }) });
  const text = `${line}\n`;
  const errors = service
    .getDiagnostics(TextDocument.create(CASE_URI, 'pgconf', 1, text))
    .filter((d) => d.severity === DiagnosticSeverity.Error && !STARTUP_ONLY.has(String(d.code)))
    .sort(firstComplaint);
  if (errors.length) return { accepted: false, message: errors[0].message };
  const last = parseConf(text)
    .settings.filter((s) => s.key === ask.toLowerCase())
    .pop();
  // Asking for a parameter the case did not set prints its default; only the verdicts are compared then.
  if (!last) return { accepted: true };
  return { accepted: true, canonical: judgeSetting(catalog, major, last.name, last.value).canonical };
}

/** verdict: one accepts what the other rejects; value: both accept, printed values differ; message: both reject, in other words. */
export type DisagreementKind = 'verdict' | 'value' | 'message';

export interface Disagreement {
  kind: DisagreementKind;
  case: DifferentialCase;
  ours: OurVerdict;
  theirs: PostgresVerdict;
}

/** How our verdict differs from PostgreSQL's, or undefined when they agree (verdict, printed value and message). */
export function disagreement(ours: OurVerdict, theirs: PostgresVerdict): DisagreementKind | undefined {
  if (ours.accepted !== theirs.accepted) return 'verdict';
  if (ours.accepted) return ours.canonical === undefined || ours.canonical === theirs.canonical ? undefined : 'value';
  const message = postgresMessage(theirs.log);
  return message && ours.message !== undefined && sameMessage(ours.message, message) ? undefined : 'message';
}

/**
 * Our verdict on one differential case, through the language service itself (parser, validator, includes),
 * plus the canonical value from the same judge the validator uses.
 */
import { TextDocument } from 'vscode-languageserver-textdocument';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import type { Catalog, Major } from '../../language/catalog/types';
import { nodeFileSystem } from '../../core/nodeFileSystem';
import { CODES } from '../../language/formats/pgconf/codes';
import { judgeSetting } from '../../language/formats/pgconf/judge';
import { parseConf } from '../../language/formats/pgconf/parser';
import { getLanguageService } from '../../language/service/languageService';
import type { DifferentialCase } from './generate';
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

export function ourVerdict(catalog: Catalog, major: Major, line: string, ask: string): OurVerdict {
  const service = getLanguageService({ catalog, fs: nodeFileSystem, settings: () => ({ defaultMajor: major }) });
  const text = `${line}\n`;
  const errors = service
    .getDiagnostics(TextDocument.create(CASE_URI, 'pgconf', 1, text))
    .filter((d) => d.severity === DiagnosticSeverity.Error && !STARTUP_ONLY.has(String(d.code)));
  if (errors.length) return { accepted: false, message: errors[0].message };
  const last = parseConf(text)
    .settings.filter((s) => s.key === ask.toLowerCase())
    .pop();
  // Asking for a parameter the case did not set prints its default; only the verdicts are compared then.
  if (!last) return { accepted: true };
  return { accepted: true, canonical: judgeSetting(catalog, major, last.name, last.value).canonical };
}

export interface Disagreement {
  case: DifferentialCase;
  ours: OurVerdict;
  theirs: PostgresVerdict;
}

export function agrees(ours: OurVerdict, theirs: PostgresVerdict): boolean {
  if (ours.accepted !== theirs.accepted) return false;
  return !ours.accepted || ours.canonical === undefined || ours.canonical === theirs.canonical;
}

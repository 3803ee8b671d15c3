import * as fs from 'fs';
import type { SqlParserHost } from '../../language/sql/parser';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { nodeFileSystem } from '../../core/nodeFileSystem';
import { loadCatalog } from '../../language/catalog/catalog';
import type { Catalog } from '../../language/catalog/types';
import { matchesAny } from '../../language/formats/glob';
import { FORMATS, formatOfFile } from '../../language/formats/registry';
import { getLanguageService } from '../../language/service/languageService';

/** The real-world corpus (issue 15): public compose stacks with their mounted files, and postgresql.conf files. */
export const REALWORLD_DIR = path.resolve(__dirname, '../../test/fixtures/realworld');
/** Folders of the corpus the checker runs on (pg_hba.conf, pgbouncer.ini and pgpool.conf get their own checkers). */
export const CHECKED_FOLDERS = ['compose', 'postgresql-conf', 'pg_hba', 'pgbouncer', 'pgpool'];

export type Severity = 'error' | 'warning' | 'information' | 'hint';

export interface Finding {
  /** Relative to the corpus folder, with forward slashes: `compose/<stack>/docker-compose.yml`. */
  path: string;
  line: number;
  code: string;
  severity: Severity;
  message: string;
}

const SEVERITY: Record<DiagnosticSeverity, Severity> = {
  [DiagnosticSeverity.Error]: 'error',
  [DiagnosticSeverity.Warning]: 'warning',
  [DiagnosticSeverity.Information]: 'information',
  [DiagnosticSeverity.Hint]: 'hint',
};

function corpusFiles(dir: string): string[] {
  const found: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) found.push(...corpusFiles(file));
    else if (entry.isFile() && FORMATS.some((format) => matchesAny(entry.name, format.filePatterns))) found.push(file);
  }
  return found;
}

/** Every finding of the language service on the corpus, as `pgha check` would print it (1-based lines); give a loaded `sql` parser for the init-SQL rules. */
export function checkCorpus(catalog: Catalog = loadCatalog(), root = REALWORLD_DIR, sql?: SqlParserHost): { files: number; findings: Finding[] } {
  const service = getLanguageService({ catalog, fs: nodeFileSystem, sql });
  const files = CHECKED_FOLDERS.flatMap((folder) => corpusFiles(path.join(root, folder)));
  const findings: Finding[] = [];
  for (const file of files) {
    const format = formatOfFile(file)!;
    const doc = TextDocument.create(pathToFileURL(file).toString(), format.languageId, 0, fs.readFileSync(file, 'utf8'));
    const relative = path.relative(root, file).split(path.sep).join('/');
    for (const d of service.forFormat(format.id)?.getDiagnostics(doc) ?? []) {
      findings.push({ path: relative, line: d.range.start.line + 1, code: String(d.code ?? ''), severity: SEVERITY[d.severity ?? DiagnosticSeverity.Error], message: d.message });
    }
  }
  findings.sort((a, b) => a.path.localeCompare(b.path) || a.line - b.line || a.code.localeCompare(b.code));
  return { files: files.length, findings };
}

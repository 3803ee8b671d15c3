import * as fs from 'fs';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import { lazyCatalog } from '../../language/catalog/catalog';
import { DEFAULT_MAJOR, isMajor, MAJORS, type Major } from '../../language/catalog/types';
import { refusalMessage } from '../../core/fileSystem';
import { nodeFileSystem, readFileChecked } from '../../core/nodeFileSystem';
import { composeDiagnostic } from '../../language/formats/compose/codes';
import { matchesAny } from '../../language/formats/glob';
import { FORMATS, formatOfFileText, unreadFile } from '../../language/formats/registry';
import type { FormatDescriptor } from '../../language/formats/types';
import { getLanguageService } from '../../language/service/languageService';
import { SqlParserHost } from '../../language/sql/parser';
import { isComposeFile } from '../../language/formats/compose/format';
import type { LanguageService } from '../../language/service/types';
import { parseArgs, usageError } from '../args';
import type { CliCommand, CliIO } from '../command';

/** One finding in `--format json`, 1-based like a compiler's. */
export interface CheckFinding {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  severity: 'error' | 'warning' | 'information' | 'hint';
  code: string;
  message: string;
}

/** "postgresql.conf (postgresql.conf, postgresql.auto.conf)", one per registered format. */
const FORMAT_LIST = FORMATS.map((format) => `${format.title} (${format.filePatterns.join(', ')})`).join('; ');

const USAGE = `Usage: pgha check [--pg-version N] [--format text|json] PATH...

Runs the language server's diagnostics on configuration files, like a compiler.
Folders are searched recursively for the files of every format pgha reads:
  ${FORMATS.map((format) => `${format.title}: ${format.filePatterns.join(', ')}`).join('\n  ')}

Options:
  --pg-version N     PostgreSQL major (${MAJORS.join(', ')}) assumed when no PG_VERSION file is beside
                     a config file (default ${DEFAULT_MAJOR})
  --format F         text (default: file:line:col severity code message) or json
Exit status: 0 no errors, 1 errors found, 2 bad usage or unreadable path.
`;

const SEVERITY: Record<DiagnosticSeverity, CheckFinding['severity']> = {
  [DiagnosticSeverity.Error]: 'error',
  [DiagnosticSeverity.Warning]: 'warning',
  [DiagnosticSeverity.Information]: 'information',
  [DiagnosticSeverity.Hint]: 'hint',
};

const SKIPPED_FOLDERS = new Set(['node_modules', '.git', '.cache', 'out', 'dist']);

interface Options {
  major: Major;
  format: 'text' | 'json';
  paths: string[];
}

const SPEC = { options: { '--pg-version': { value: true }, '--format': { value: true } } };

function checkOptions(args: string[]): Options | string {
  const parsed = parseArgs(args, SPEC);
  if (typeof parsed === 'string') return parsed;
  const options: Options = { major: DEFAULT_MAJOR, format: 'text', paths: parsed.positional };
  if (parsed.has('--pg-version')) {
    const major = Number(parsed.value('--pg-version'));
    if (!isMajor(major)) return `--pg-version must be one of ${MAJORS.join(', ')}`;
    options.major = major;
  }
  const format = parsed.value('--format') ?? 'text';
  if (format !== 'text' && format !== 'json') return '--format must be text or json';
  options.format = format;
  return options.paths.length ? options : 'give at least one file or folder';
}

interface CheckedFile {
  absolute: string;
  /** The path as the user gave it (findings name files this way). */
  shown: string;
}

/** Files under a folder the check looks at, in a stable order. */
function findFiles(dir: string, shown: string): CheckedFile[] {
  const found: CheckedFile[] = [];
  const entries = fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name));
  for (const entry of entries) {
    const absolute = path.join(dir, entry.name);
    const display = path.join(shown, entry.name);
    if (entry.isDirectory() && !SKIPPED_FOLDERS.has(entry.name)) found.push(...findFiles(absolute, display));
    else if (entry.isFile() && FORMATS.some((format) => matchesAny(entry.name, format.filePatterns))) found.push({ absolute, shown: display });
  }
  return found;
}

/** The format to read a file as, or why it cannot be checked. */
function formatFor(file: string, text: string): FormatDescriptor | string {
  const unread = unreadFile(file);
  if (unread) return `it is not a ${FORMATS.map((format) => format.title).join(' or ')} (it holds ${unread.what}, a syntax pgha check does not read yet)`;
  // A NUL byte never occurs in a config file; PostgreSQL would reject it line by line with meaningless syntax errors.
  if (text.slice(0, 65536).includes('\0')) return 'it is a binary file, not a configuration file';
  return formatOfFileText(file, text) ?? `pgha check does not know its format (it reads ${FORMAT_LIST})`;
}

const toFinding = (file: string, d: Diagnostic): CheckFinding => ({
  file,
  line: d.range.start.line + 1,
  column: d.range.start.character + 1,
  endLine: d.range.end.line + 1,
  endColumn: d.range.end.character + 1,
  severity: SEVERITY[d.severity ?? DiagnosticSeverity.Error],
  code: String(d.code ?? ''),
  message: d.message,
});

/** The files the paths name (folders searched), or the exit message for a path that names none. */
function collectFiles(paths: string[], cwd: string): CheckedFile[] | string {
  const files: CheckedFile[] = [];
  for (const given of paths) {
    const absolute = path.resolve(cwd, given);
    try {
      const stat = fs.statSync(absolute);
      if (stat.isDirectory()) {
        const found = findFiles(absolute, given);
        if (!found.length) return `"${given}" holds no file of a format pgha reads: ${FORMAT_LIST}. Give the config file itself or the folder that holds it.`;
        files.push(...found);
      } else {
        fs.accessSync(absolute, fs.constants.R_OK);
        files.push({ absolute, shown: given });
      }
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      const reason = code === 'ENOENT' ? 'no such file or folder' : code === 'ELOOP' ? refusalMessage({ refused: 'loop' }) : (error as Error).message;
      return `cannot read "${given}": ${reason}. Give a configuration file (${FORMATS.map((format) => format.title).join(', ')}) or a folder holding them.`;
    }
  }
  return files;
}

/** Bytes that are not UTF-8 in a YAML file: Compose refuses it, where the editor only shows U+FFFD. */
function encodingDiagnostic(format: FormatDescriptor, doc: TextDocument, invalidUtf8: boolean | undefined): Diagnostic[] {
  if (!invalidUtf8 || format.id !== 'compose') return [];
  const at = Math.max(0, doc.getText().indexOf('\uFFFD'));
  const range = { start: doc.positionAt(at), end: doc.positionAt(at + 1) };
  const message = 'YAML: bytes that are not UTF-8 (shown as \uFFFD): Compose refuses the file (YAML must be UTF-8). Save the file as UTF-8.';
  return [composeDiagnostic({ range, severity: 'error', code: 'compose/yaml-syntax', message })];
}

/** One file's findings through its format's service, in line order; a string says why it was skipped. */
function checkFile(service: LanguageService, file: CheckedFile, read: { text: string; invalidUtf8?: boolean }): CheckFinding[] | string {
  const { text } = read;
  const format = formatFor(file.absolute, text);
  if (typeof format === 'string') return format;
  const doc = TextDocument.create(pathToFileURL(file.absolute).toString(), format.languageId, 0, text);
  const own = service.forFormat(format.id)?.getDiagnostics(doc) ?? [];
  const diagnostics = [...encodingDiagnostic(format, doc, read.invalidUtf8), ...own].sort(
    (a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character,
  );
  // A loop, not push(...spread): a huge file can have more findings than a call may take arguments.
  const findings: CheckFinding[] = [];
  for (const d of diagnostics) findings.push(toFinding(file.shown, d));
  return findings;
}

function report(io: CliIO, format: Options['format'], findings: CheckFinding[], checked: number): void {
  if (format === 'json') {
    io.out(`${JSON.stringify(findings, null, 2)}\n`);
    return;
  }
  for (const f of findings) io.out(`${f.file}:${f.line}:${f.column} ${f.severity} ${f.code} ${f.message}\n`);
  const errors = findings.filter((f) => f.severity === 'error').length;
  const warnings = findings.filter((f) => f.severity === 'warning').length;
  io.out(`${checked} file${checked === 1 ? '' : 's'} checked: ${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}\n`);
}

async function run(args: string[], io: CliIO): Promise<number> {
  const options = checkOptions(args);
  if (typeof options === 'string') return usageError(io, 'check', options, USAGE);
  const files = collectFiles(options.paths, io.cwd);
  if (typeof files === 'string') {
    io.err(`pgha check: ${files}\n`);
    return 2;
  }
  // Init SQL (of compose files, or given itself) is read with PostgreSQL's parser: load it (about half a second) only then.
  const sql = new SqlParserHost();
  if (files.some((file) => isComposeFile(file.absolute) || /\.sql$/i.test(file.absolute))) await sql.load();
  const service = getLanguageService({ catalog: lazyCatalog(), fs: nodeFileSystem, settings: () => ({ defaultMajor: options.major }), sql });
  const findings: CheckFinding[] = [];
  let checked = 0;
  for (const file of files) {
    const read = readFileChecked(file.absolute);
    if (!('text' in read)) {
      io.err(`pgha check: cannot check "${file.shown}": ${refusalMessage(read)}. Give a regular file of a format pgha checks.\n`);
      return 1;
    }
    const result = checkFile(service, file, read);
    if (typeof result === 'string') {
      io.err(`pgha check: skipped "${file.shown}": ${result}.\n`);
      continue;
    }
    checked++;
    for (const finding of result) findings.push(finding);
  }
  report(io, options.format, findings, checked);
  if (checked === 0) return 2; // every file given was skipped: nothing was verified, so do not report success
  return findings.some((f) => f.severity === 'error') ? 1 : 0;
}

export const checkCommand: CliCommand = {
  name: 'check',
  summary: `check configuration files (${FORMATS.map((format) => format.title).join(', ')}) like the real programs would (exit 1 on errors)`,
  usage: USAGE,
  run,
};

import * as fs from 'fs';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import { lazyCatalog } from '../../language/catalog/catalog';
import { DEFAULT_MAJOR, isMajor, MAJORS, type Major } from '../../language/catalog/types';
import { refusalMessage } from '../../core/fileSystem';
import { nodeFileSystem, readFileChecked } from '../../core/nodeFileSystem';
import { isComposePath, isPgconfPath } from '../../language/service/documentKind';
import { getLanguageService } from '../../language/service/languageService';
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

const USAGE = `Usage: pgha check [--pg-version N] [--format text|json] PATH...

Runs the language server's diagnostics on postgresql.conf and compose files, like a compiler.
Folders are searched recursively for postgresql.conf, postgresql.auto.conf and compose files.

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

/** Files under a folder the check looks at, in a stable order. */
function findFiles(dir: string, shown: string): Array<{ absolute: string; shown: string }> {
  const found: Array<{ absolute: string; shown: string }> = [];
  const entries = fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name));
  for (const entry of entries) {
    const absolute = path.join(dir, entry.name);
    const display = path.join(shown, entry.name);
    if (entry.isDirectory() && !SKIPPED_FOLDERS.has(entry.name)) found.push(...findFiles(absolute, display));
    else if (entry.isFile() && (isPgconfPath(entry.name) || isComposePath(entry.name))) found.push({ absolute, shown: display });
  }
  return found;
}

/** Config files PostgreSQL reads with another syntax: checking them as postgresql.conf gives false errors. */
const OTHER_CONFIG_FILES = /(^|[\\/])(pg_hba|pg_ident|pg_service|pgpass|\.pgpass)(\.conf)?$/i;

/** Why a file cannot be checked, or undefined when it is a text file we understand. */
function unsupportedReason(file: string, text: string): string | undefined {
  if (OTHER_CONFIG_FILES.test(file)) return 'it is not a postgresql.conf (pg_hba.conf, pg_ident.conf and password files have their own syntax, which pgha check does not read)';
  // A NUL byte never occurs in a config file; PostgreSQL would reject it line by line with meaningless syntax errors.
  if (text.slice(0, 65536).includes('\0')) return 'it is a binary file, not a postgresql.conf or compose file';
  return undefined;
}

function languageIdOf(file: string): string {
  if (isComposePath(file) || /\.ya?ml$/i.test(file)) return 'dockercompose';
  return 'pgconf';
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

async function run(args: string[], io: CliIO): Promise<number> {
  const options = checkOptions(args);
  if (typeof options === 'string') return usageError(io, 'check', options, USAGE);
  const files: Array<{ absolute: string; shown: string }> = [];
  for (const given of options.paths) {
    const absolute = path.resolve(io.cwd, given);
    try {
      const stat = fs.statSync(absolute);
      if (stat.isDirectory()) {
        const found = findFiles(absolute, given);
        if (!found.length) {
          io.err(`pgha check: "${given}" holds no postgresql.conf, postgresql.auto.conf or compose file (compose*.yaml, docker-compose*.yml). Give the config file itself or the folder that holds it.\n`);
          return 2;
        }
        files.push(...found);
      } else {
        fs.accessSync(absolute, fs.constants.R_OK);
        files.push({ absolute, shown: given });
      }
    } catch (error) {
      const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file or folder' : (error as Error).message;
      io.err(`pgha check: cannot read "${given}": ${reason}. Give a postgresql.conf, a compose file or a folder holding them.\n`);
      return 2;
    }
  }
  const service = getLanguageService({ catalog: lazyCatalog(), fs: nodeFileSystem, settings: () => ({ defaultMajor: options.major }) });
  const findings: CheckFinding[] = [];
  let checked = 0;
  for (const file of files) {
    const read = readFileChecked(file.absolute);
    if (!('text' in read)) {
      io.err(`pgha check: cannot check "${file.shown}": ${refusalMessage(read)}. Give a regular postgresql.conf or compose file.\n`);
      return 1;
    }
    const text = read.text;
    const unsupported = unsupportedReason(file.absolute, text);
    if (unsupported) {
      io.err(`pgha check: skipped "${file.shown}": ${unsupported}.\n`);
      continue;
    }
    checked++;
    const doc = TextDocument.create(pathToFileURL(file.absolute).toString(), languageIdOf(file.absolute), 0, text);
    const diagnostics = [...service.getDiagnostics(doc)].sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
    // A loop, not push(...spread): a huge file can have more findings than a call may take arguments.
    for (const d of diagnostics) findings.push(toFinding(file.shown, d));
  }
  const errors = findings.filter((f) => f.severity === 'error').length;
  if (options.format === 'json') io.out(`${JSON.stringify(findings, null, 2)}\n`);
  else {
    for (const f of findings) io.out(`${f.file}:${f.line}:${f.column} ${f.severity} ${f.code} ${f.message}\n`);
    const warnings = findings.filter((f) => f.severity === 'warning').length;
    io.out(`${checked} file${checked === 1 ? '' : 's'} checked: ${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}\n`);
  }
  if (checked === 0) return 2; // every file given was skipped: nothing was verified, so do not report success
  return errors > 0 ? 1 : 0;
}

export const checkCommand: CliCommand = {
  name: 'check',
  summary: 'check postgresql.conf and compose files like PostgreSQL would (exit 1 on errors)',
  usage: USAGE,
  run,
};

/**
 * Our verdict and message on a generated pgbouncer.ini against the real PgBouncer's: valid/invalid must agree,
 * and for a refused file our first error must say the program's first complaint (the line that names the
 * problem; "fill_defaults fail" only precedes it) with the same line number.
 */
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import type { FileSystemHost } from '../../../core/fileSystem';
import type { PgbouncerKnowledge } from '../../../language/formats/pgbouncer/knowledge';
import { parseIni } from '../../../language/formats/pgbouncer/parser';
import { validatePgbouncer } from '../../../language/formats/pgbouncer/validator';
import type { PoolerVerdict } from './oracle';
import type { PgbouncerCase } from './pgbouncerCases';

export interface PgbouncerDisagreement {
  case: PgbouncerCase;
  kind: 'verdict' | 'message';
  theirs: string;
  ours: string;
}

/** The judge's container: /dev/null exists, nothing else the files name does. */
const JUDGE_FS: FileSystemHost = {
  readFile: (path) => (path === '/dev/null' ? '' : undefined),
  exists: (path) => path === '/dev/null',
  isDirectory: () => false,
  readDir: () => [],
};

const LOCATION = /\s*\(<?[^()]*?>?:(\d+)\)(?:, stopping loading)?/;

/** The message without its `(file:line)` part, and that line. */
export function splitLocation(message: string): { text: string; line?: number } {
  const match = LOCATION.exec(message);
  if (!match) return { text: message.replace(/\.$/, '') };
  return { text: message.replace(LOCATION, '').replace(/ in configuration$/, ''), line: Number(match[1]) };
}

/** The program's first complaint about a file it refused. */
export function firstComplaint(verdict: PoolerVerdict): string | undefined {
  return verdict.message
    .split('\n')
    .map((line) => line.replace(/^(ERROR|FATAL|WARNING)\s+/, ''))
    .find((line) => line && line !== 'fill_defaults fail' && line !== 'cannot load config file');
}

export function oursFor(knowledge: PgbouncerKnowledge, version: string, text: string) {
  const diagnostics = validatePgbouncer({ parsed: parseIni(text), file: '/judge/pgbouncer.ini', knowledge, version, fs: JUDGE_FS });
  const errors = diagnostics.filter((d) => d.severity === DiagnosticSeverity.Error).sort((a, b) => a.range.start.line - b.range.start.line);
  return { valid: errors.length === 0, first: errors[0] };
}

export function comparePgbouncer(knowledge: PgbouncerKnowledge, version: string, cases: PgbouncerCase[], verdicts: PoolerVerdict[]): PgbouncerDisagreement[] {
  const out: PgbouncerDisagreement[] = [];
  cases.forEach((c, i) => {
    const theirs = verdicts[i];
    const ours = oursFor(knowledge, version, c.text);
    const complaint = firstComplaint(theirs) ?? '';
    if (theirs.valid !== ours.valid) {
      out.push({ case: c, kind: 'verdict', theirs: theirs.valid ? 'valid' : complaint, ours: ours.valid ? 'valid' : ours.first!.message });
      return;
    }
    if (theirs.valid || !ours.first) return;
    const expected = splitLocation(complaint);
    const said = splitLocation(ours.first.message.split('. ')[0]);
    const sameText = ours.first.message.startsWith(expected.text) || said.text === expected.text;
    const sameLine = expected.line === undefined || said.line === undefined || expected.line === said.line;
    if (!sameText || !sameLine) out.push({ case: c, kind: 'message', theirs: complaint, ours: ours.first.message });
  });
  return out;
}

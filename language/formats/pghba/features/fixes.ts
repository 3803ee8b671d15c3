/** Quick fixes of pg_hba.conf diagnostics, written into each diagnostic's data.fixes (language/diagnostics.ts). */
import type { Diagnostic, Range } from 'vscode-languageserver-types';
import { replaceFix, type Fix } from '../../../diagnostics';
import { closestMatches } from '../../pgconf/didYouMean';
import { methodsOf } from '../check';
import { HBA_CODES } from '../codes';
import { optionNames } from '../options';
import type { ParsedHba } from '../parser';
import { CONNECTION_TYPES } from '../verdict';

const SCRAM = 'scram-sha-256';

function textAt(parsed: ParsedHba, range: Range): string {
  const start = parsed.lineStarts[range.start.line] + range.start.character;
  const end = parsed.lineStarts[range.end.line] + range.end.character;
  return parsed.text.slice(start, end);
}

const suggestions = (word: string, candidates: readonly string[], range: Range): Fix[] =>
  closestMatches(word, candidates).map((name, index) => replaceFix(`Change to '${name}'`, range, name, index === 0));

/** The option name part of a `name=value` token (unquoted tokens only: a quoted one has its quote first). */
function optionNameFixes(parsed: ParsedHba, range: Range): Fix[] {
  const text = textAt(parsed, range);
  const name = /^[^"=]+(?==)/.exec(text)?.[0];
  if (!name) return [];
  const nameRange = { start: range.start, end: { line: range.start.line, character: range.start.character + name.length } };
  return suggestions(name, Object.keys(optionNames(parsed.major)), nameRange);
}

/** The whole physical lines of the logical line a diagnostic is on. */
function deleteLineFix(parsed: ParsedHba, range: Range): Fix[] {
  const line = parsed.lines.find((l) => l.range.start.line <= range.start.line && range.start.line <= l.range.end.line);
  if (!line) return [];
  const start = { line: line.range.start.line, character: 0 };
  const next = line.range.end.line + 1;
  const end = next < parsed.lineStarts.length ? { line: next, character: 0 } : line.range.end;
  return [replaceFix('Remove this line (it never applies)', { start, end }, '')];
}

function fixesOf(diagnostic: Diagnostic, parsed: ParsedHba): Fix[] {
  const { range } = diagnostic;
  switch (diagnostic.code) {
    case HBA_CODES.md5:
      return [replaceFix(`Use ${SCRAM} (the roles need SCRAM passwords)`, range, SCRAM)];
    case HBA_CODES.passwordCleartext:
    case HBA_CODES.trustRemote:
      return [replaceFix(`Use ${SCRAM}`, range, SCRAM, true)];
    case HBA_CODES.unknownMethod:
      return suggestions(textAt(parsed, range), methodsOf(parsed.major), range);
    case HBA_CODES.invalidConnectionType:
      return suggestions(textAt(parsed, range), parsed.major >= 16 ? [...CONNECTION_TYPES, 'include', 'include_if_exists', 'include_dir'] : CONNECTION_TYPES, range);
    case HBA_CODES.unknownOption:
      return optionNameFixes(parsed, range);
    case HBA_CODES.shadowedLine:
      return deleteLineFix(parsed, range);
    default:
      return [];
  }
}

/** The diagnostics with their fixes in data.fixes. */
export function withFixes(diagnostics: Diagnostic[], parsed: ParsedHba): Diagnostic[] {
  for (const diagnostic of diagnostics) {
    const fixes = fixesOf(diagnostic, parsed);
    if (fixes.length) diagnostic.data = { ...(diagnostic.data as object | undefined), fixes };
  }
  return diagnostics;
}

import type { Position, Range } from 'vscode-languageserver-types';

/**
 * Where the cursor is on a line that may be half typed (so the parser has no setting for it yet):
 * a name, a value (unquoted or inside quotes), a unit after a number, or nowhere useful.
 * This only looks at the cursor's line; the shared parser remains the one reading files.
 */
export type CompletionSpot =
  | { kind: 'name'; range: Range; restOfLineEmpty: boolean }
  | { kind: 'value'; name: string; typed: string; range: Range; quoted: boolean }
  | { kind: 'unit'; name: string; number: string; range: Range; quoted: boolean }
  | { kind: 'none' };

const NAME_START = /^(\s*)([A-Za-z_\u0080-\uffff][\w$.\u0080-\uffff]*)?$/;
const NAME_THEN_VALUE = /^(\s*)([A-Za-z_\u0080-\uffff][\w$.\u0080-\uffff]*)(\s*=\s*|\s+)(.*)$/;
const INCLUDE_DIRECTIVES = new Set(['include', 'include_if_exists', 'include_dir']);

export function completionSpot(lineText: string, position: Position): CompletionSpot {
  const line = position.line;
  const before = lineText.slice(0, position.character);
  const at = (start: number, end: number): Range => ({ start: { line, character: start }, end: { line, character: end } });
  const extend = (from: number, allowed: RegExp) => {
    let end = from;
    while (end < lineText.length && allowed.test(lineText[end])) end++;
    return end;
  };

  const nameOnly = NAME_START.exec(before);
  if (nameOnly) {
    const start = nameOnly[1].length;
    const end = extend(position.character, /[\w$.\u0080-\uffff]/);
    return { kind: 'name', range: at(start, end), restOfLineEmpty: lineText.slice(end).trim() === '' };
  }
  const withValue = NAME_THEN_VALUE.exec(before);
  if (!withValue || INCLUDE_DIRECTIVES.has(withValue[2].toLowerCase())) return { kind: 'none' };
  const name = withValue[2];
  const valueStart = withValue[1].length + name.length + withValue[3].length;
  const typed = withValue[4];

  if (typed.startsWith("'")) {
    const inside = typed.slice(1);
    // An even number of quotes after the opening one means the string is closed (or '' escapes only).
    if (inside.replace(/\\./g, '').replace(/''/g, '').includes("'")) return { kind: 'none' };
    const end = extend(position.character, /[^'#]/);
    const number = /^([-+]?(?:\d+(?:\.\d*)?|\.\d+))[A-Za-z]*$/.exec(inside);
    if (number) return { kind: 'unit', name, number: number[1], range: at(valueStart + 1, end), quoted: true };
    return { kind: 'value', name, typed: inside, range: at(valueStart + 1, end), quoted: true };
  }
  if (/[\s#']/.test(typed)) return { kind: 'none' }; // past the value, or in a trailing comment
  const end = extend(position.character, /[^\s#']/);
  const number = /^([-+]?\d+)[A-Za-z]*$/.exec(typed);
  if (number) return { kind: 'unit', name, number: number[1], range: at(valueStart, end), quoted: false };
  if (/^[-+.\d]/.test(typed)) return { kind: 'none' }; // hex or real: no unit may follow unquoted
  return { kind: 'value', name, typed, range: at(valueStart, end), quoted: false };
}

const ID = /^[A-Za-z_\u0080-\uffff][A-Za-z_0-9\u0080-\uffff]*$/;
const UNQUOTED_STRING = /^[A-Za-z_\u0080-\uffff][A-Za-z_0-9\u0080-\uffff\-.:/]*$/;
const INTEGER = /^[-+]?(?:\d+|0x[0-9a-fA-F]+)[a-zA-Z]*$/;
const REAL = /^[-+]?(?:\d*\.\d*(?:[Ee][-+]?\d+)?|\d+[Ee][-+]?\d+)$/;

/** Whether PostgreSQL's config lexer needs quotes around this value (empty, spaces, a leading digit with dots, …). */
export function needsQuoting(value: string): boolean {
  if (value === '') return true;
  if (ID.test(value) || UNQUOTED_STRING.test(value) || INTEGER.test(value)) return false;
  return !(REAL.test(value) && /\d/.test(value));
}

export { quoteGucValue as quote } from '../../../../core/guc';

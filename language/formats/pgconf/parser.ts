import type { Range } from 'vscode-languageserver-types';
import type { ConfNode, IncludeDirective, ParsedConf, SettingNode, SyntaxErrorNode, ValueTokenKind } from './ast';
import { runSteps, type Steps } from '../../service/steps';
import { type ConfToken, type ConfTokenType, tokenizeLine, unquoteConfString } from './lexer';

const VALUE_KINDS: Partial<Record<ConfTokenType, ValueTokenKind>> = {
  id: 'identifier',
  'qualified-id': 'qualified-identifier',
  string: 'string',
  'unquoted-string': 'unquoted-string',
  integer: 'integer',
  real: 'real',
};

const INCLUDE_DIRECTIVES: readonly IncludeDirective[] = ['include', 'include_if_exists', 'include_dir'];

/** PostgreSQL gives up on a file after this many syntax errors. */
const MAX_SYNTAX_ERRORS = 100;

/** Lines per step of a stepped parse (a few ms): only files far bigger than a real postgresql.conf yield. */
export const PARSE_STEP_LINES = 8192;

const range = (line: number, start: number, end: number): Range => ({
  start: { line, character: start },
  end: { line, character: end },
});

/** What PostgreSQL says about a line it cannot parse: near the offending token, or near the end of the line. */
function syntaxError(fileName: string, line: number, lineEnd: number, token: ConfToken | undefined): SyntaxErrorNode {
  return token
    ? {
        kind: 'syntax-error',
        message: `syntax error in file "${fileName}" line ${line + 1}, near token "${token.text}"`,
        nearToken: token.text,
        range: range(line, token.start, token.end),
        line,
      }
    : {
        kind: 'syntax-error',
        message: `syntax error in file "${fileName}" line ${line + 1}, near end of line`,
        nearToken: '',
        range: range(line, lineEnd, lineEnd),
        line,
      };
}

/** The node of one line (undefined for a blank line); pure in the line's text, number and the file name. */
function parseLine(lineText: string, line: number, fileName: string): ConfNode | undefined {
  const tokens = tokenizeLine(lineText);
  // The lexer puts a comment last; keep it apart from the tokens the grammar sees.
  const commentToken = tokens[tokens.length - 1]?.type === 'comment' ? tokens.pop() : undefined;
  const lineEnd = lineText.endsWith('\r') ? lineText.length - 1 : lineText.length;
  if (tokens.length === 0) {
    return commentToken ? { kind: 'comment', text: commentToken.text, range: range(line, commentToken.start, commentToken.end), line } : undefined;
  }
  const [nameToken] = tokens;
  if (nameToken.type !== 'id' && nameToken.type !== 'qualified-id') return syntaxError(fileName, line, lineEnd, nameToken);
  let index = 1;
  const equalsToken = tokens[index]?.type === 'equals' ? tokens[index++] : undefined;
  const valueToken = tokens[index++];
  const valueKind = valueToken ? VALUE_KINDS[valueToken.type] : undefined;
  if (!valueToken || !valueKind) return syntaxError(fileName, line, lineEnd, valueToken);
  if (index < tokens.length) return syntaxError(fileName, line, lineEnd, tokens[index]);
  const value = valueToken.type === 'string' ? unquoteConfString(valueToken.text) : valueToken.text;
  const valueRange = range(line, valueToken.start, valueToken.end);
  const key = nameToken.text.toLowerCase();
  const lineRange = range(line, 0, lineEnd);
  const directive = INCLUDE_DIRECTIVES.find((d) => d === key);
  if (directive) return { kind: 'include', directive, path: value, pathRange: valueRange, range: lineRange, line };
  return {
    kind: 'setting',
    name: nameToken.text,
    key,
    nameRange: range(line, nameToken.start, nameToken.end),
    value,
    rawValue: valueToken.text,
    valueKind,
    valueRange,
    equalsRange: equalsToken ? range(line, equalsToken.start, equalsToken.end) : undefined,
    range: lineRange,
    line,
    comment: commentToken?.text,
  };
}

/** Puts line nodes together as ParseConfigFp reads them, giving up after MAX_SYNTAX_ERRORS; yields every PARSE_STEP_LINES lines. */
function* assembleSteps(lineCount: number, nodeAt: (line: number) => ConfNode | undefined): Steps<ParsedConf> {
  const nodes: ConfNode[] = [];
  const settings: SettingNode[] = [];
  const includes: ParsedConf['includes'] = [];
  const errors: SyntaxErrorNode[] = [];
  for (let line = 0; line < lineCount && errors.length < MAX_SYNTAX_ERRORS; line++) {
    if (line > 0 && line % PARSE_STEP_LINES === 0) yield;
    const node = nodeAt(line);
    if (!node) continue;
    nodes.push(node);
    if (node.kind === 'setting') settings.push(node);
    else if (node.kind === 'include') includes.push(node);
    else if (node.kind === 'syntax-error') errors.push(node);
  }
  return { nodes, settings, includes, errors, lineCount };
}

/**
 * Parses postgresql.conf text the way ParseConfigFp does: NAME [=] VALUE per line, a syntax error skips the
 * rest of its line. `fileName` only goes into the PostgreSQL-style error messages.
 */
export function parseConf(text: string, fileName = 'postgresql.conf'): ParsedConf {
  const lines = text.split('\n');
  return runSteps(assembleSteps(lines.length, (line) => parseLine(lines[line], line, fileName)));
}

const moveRange = (r: Range, line: number): Range => ({ start: { line, character: r.start.character }, end: { line, character: r.end.character } });

/** The node a line would give at another line number (syntax errors name their line, so they are re-read). */
function moveNode(node: ConfNode, lineText: string, line: number, fileName: string): ConfNode | undefined {
  switch (node.kind) {
    case 'setting':
      return { ...node, nameRange: moveRange(node.nameRange, line), valueRange: moveRange(node.valueRange, line), equalsRange: node.equalsRange && moveRange(node.equalsRange, line), range: moveRange(node.range, line), line };
    case 'include':
      return { ...node, pathRange: moveRange(node.pathRange, line), range: moveRange(node.range, line), line };
    case 'comment':
      return { ...node, range: moveRange(node.range, line), line };
    default:
      return parseLine(lineText, line, fileName);
  }
}

/**
 * parseConf for one document edited over time. An edit changes a run of lines: the lines before it keep their
 * nodes (same objects, so per-node caches downstream stay valid), the lines after it keep theirs moved to
 * their new line numbers, and only the run itself is read again. A node depends only on its line's text, its
 * line number and the file name, so the result is exactly what parseConf gives.
 */
export class IncrementalConfParser {
  private lines: string[] = [];
  private nodes: (ConfNode | undefined)[] = [];
  private fileName = '';

  parse(text: string, fileName = 'postgresql.conf'): ParsedConf {
    return runSteps(this.parseSteps(text, fileName));
  }

  /** parse in steps (see PARSE_STEP_LINES); the parser takes the new text only once the last step is done. */
  *parseSteps(text: string, fileName = 'postgresql.conf'): Steps<ParsedConf> {
    const lines = text.split('\n');
    const old = fileName === this.fileName ? this.lines : [];
    const previous = this.nodes;
    const shortest = Math.min(old.length, lines.length);
    let prefix = 0;
    while (prefix < shortest && old[prefix] === lines[prefix]) prefix++;
    let suffix = 0;
    while (suffix < shortest - prefix && old[old.length - 1 - suffix] === lines[lines.length - 1 - suffix]) suffix++;
    const shift = lines.length - old.length;
    const suffixStart = lines.length - suffix;
    const nodes = new Array<ConfNode | undefined>(lines.length);
    const parsed = yield* assembleSteps(lines.length, (line) => {
      let node: ConfNode | undefined;
      if (line < prefix || (shift === 0 && line < old.length && old[line] === lines[line])) node = previous[line];
      else if (line >= suffixStart) {
        const before = previous[line - shift];
        node = shift === 0 || !before ? before : moveNode(before, lines[line], line, fileName);
      } else node = parseLine(lines[line], line, fileName);
      nodes[line] = node;
      return node;
    });
    // Lines after the syntax-error limit were not read; they are parsed when needed.
    const read = parsed.errors.length >= MAX_SYNTAX_ERRORS ? parsed.nodes[parsed.nodes.length - 1].line + 1 : lines.length;
    this.lines = lines.slice(0, read);
    this.nodes = nodes.slice(0, read);
    this.fileName = fileName;
    return parsed;
  }
}

import type { Range } from 'vscode-languageserver-types';
import type { ConfNode, IncludeDirective, ParsedConf, SettingNode, SyntaxErrorNode, ValueTokenKind } from './ast';
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

/**
 * Parses postgresql.conf text the way ParseConfigFp does: NAME [=] VALUE per line, a syntax error skips the
 * rest of its line. `fileName` only goes into the PostgreSQL-style error messages.
 */
export function parseConf(text: string, fileName = 'postgresql.conf'): ParsedConf {
  const lines = text.split('\n');
  const nodes: ConfNode[] = [];
  const settings: SettingNode[] = [];
  const includes: ParsedConf['includes'] = [];
  const errors: SyntaxErrorNode[] = [];

  for (let line = 0; line < lines.length && errors.length < MAX_SYNTAX_ERRORS; line++) {
    const lineText = lines[line];
    const tokens = tokenizeLine(lineText);
    // The lexer puts a comment last; keep it apart from the tokens the grammar sees.
    const commentToken = tokens[tokens.length - 1]?.type === 'comment' ? tokens.pop() : undefined;
    const lineRange = range(line, 0, lineText.endsWith('\r') ? lineText.length - 1 : lineText.length);
    if (tokens.length === 0) {
      if (commentToken) nodes.push({ kind: 'comment', text: commentToken.text, range: range(line, commentToken.start, commentToken.end), line });
      continue;
    }
    const fail = (token: ConfToken | undefined): void => {
      const node = syntaxError(fileName, line, lineRange.end.character, token);
      errors.push(node);
      nodes.push(node);
    };

    const [nameToken] = tokens;
    if (nameToken.type !== 'id' && nameToken.type !== 'qualified-id') {
      fail(nameToken);
      continue;
    }
    let index = 1;
    const equalsToken = tokens[index]?.type === 'equals' ? tokens[index++] : undefined;
    const valueToken = tokens[index++];
    const valueKind = valueToken ? VALUE_KINDS[valueToken.type] : undefined;
    if (!valueToken || !valueKind) {
      fail(valueToken);
      continue;
    }
    if (index < tokens.length) {
      fail(tokens[index]);
      continue;
    }
    const value = valueToken.type === 'string' ? unquoteConfString(valueToken.text) : valueToken.text;
    const valueRange = range(line, valueToken.start, valueToken.end);
    const key = nameToken.text.toLowerCase();
    const directive = INCLUDE_DIRECTIVES.find((d) => d === key);
    if (directive) {
      const node = { kind: 'include' as const, directive, path: value, pathRange: valueRange, range: lineRange, line };
      includes.push(node);
      nodes.push(node);
      continue;
    }
    const setting: SettingNode = {
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
    settings.push(setting);
    nodes.push(setting);
  }
  return { nodes, settings, includes, errors, lineCount: lines.length };
}

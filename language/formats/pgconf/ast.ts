import type { Range } from 'vscode-languageserver-types';

/** How PostgreSQL's config lexer classified an unquoted or quoted value token. */
export type ValueTokenKind =
  | 'identifier' // a letter or _ (or any non-ASCII character), then letters, digits, _
  | 'qualified-identifier' // dotted identifier
  | 'unquoted-string' // letters, digits and -._:/ not covered above
  | 'integer' // decimal, 0x hex or leading-0 octal, unit letters attached
  | 'real' // real number, no unit allowed unquoted
  | 'string'; // single-quoted, '' and backslash escapes

export interface SettingNode {
  kind: 'setting';
  /** Name as written. */
  name: string;
  /** Lower-case name, what PostgreSQL looks up. */
  key: string;
  nameRange: Range;
  /** Value text after unquoting and unescaping. */
  value: string;
  /** Value exactly as written in the file (with quotes when quoted). */
  rawValue: string;
  valueKind: ValueTokenKind;
  valueRange: Range;
  /** Range of `=` when present (it is optional). */
  equalsRange?: Range;
  /** Whole line range of the setting, for symbols and folding. */
  range: Range;
  /** 0-based line. */
  line: number;
  /** The trailing comment, if any. */
  comment?: string;
}

export type IncludeDirective = 'include' | 'include_if_exists' | 'include_dir';

export interface IncludeNode {
  kind: 'include';
  directive: IncludeDirective;
  /** Path as written, unquoted. */
  path: string;
  pathRange: Range;
  range: Range;
  line: number;
}

export interface SyntaxErrorNode {
  kind: 'syntax-error';
  /** What PostgreSQL would say: `syntax error in file "…" line N, near token "…"` or end of line. */
  message: string;
  /** The token PostgreSQL complains about (empty at end of line). */
  nearToken: string;
  range: Range;
  line: number;
}

/** A `#` comment line, kept for folding and for finding commented-out defaults. */
export interface CommentNode {
  kind: 'comment';
  text: string;
  range: Range;
  line: number;
}

export type ConfNode = SettingNode | IncludeNode | SyntaxErrorNode | CommentNode;

export interface ParsedConf {
  /** Every node in file order. */
  nodes: ConfNode[];
  settings: SettingNode[];
  includes: IncludeNode[];
  errors: SyntaxErrorNode[];
  lineCount: number;
}

import type { ParsedConf } from './ast';

/** Skeleton: replaced by the real lexer/parser. */
export function parseConf(_text: string): ParsedConf {
  return { nodes: [], settings: [], includes: [], errors: [], lineCount: 0 };
}

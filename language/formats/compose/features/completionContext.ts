import type { ComposeModel } from '../model';

/** Where the cursor is, read from the text (works on half-typed YAML that does not parse). */
export interface CompletionSpot {
  /** Keys from the top of the file to the cursor's parent, e.g. ['services', 'db', 'environment']. */
  path: string[];
  /** Text of the line before the cursor. */
  prefix: string;
  /** Text of the previous non-blank line. */
  previousLine: string;
  /** Text from the start of the enclosing `command:` to the cursor, when inside one. */
  commandText?: string;
  /** Offset of the start of the cursor's line. */
  lineStart: number;
}

const KEY_LINE = /^(\s*)(-\s+)?("[^"]*"|'[^']*'|[^\s#'"][^:#]*?)\s*:(\s|$)/;

export function completionSpot(model: ComposeModel, offset: number): CompletionSpot {
  const text = model.text;
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const prefix = text.slice(lineStart, offset);
  // Only walk within the cursor's chunk (one service or one top-level key): bounded work.
  const chunk = model.chunks.find((c) => offset >= c.base && (offset < c.end || c === model.chunks[model.chunks.length - 1]));
  const floor = chunk?.base ?? 0;
  const path: string[] = [];
  let indent = /^\s*/.exec(prefix)![0].length;
  if (/^\s*-\s/.test(prefix)) indent = /^\s*/.exec(prefix)![0].length;
  let previousLine = '';
  let commandText: string | undefined;
  let end = lineStart - 1;
  while (end > floor - 1 && end >= 0) {
    const start = text.lastIndexOf('\n', end - 1) + 1;
    const line = text.slice(start, end);
    end = start - 1;
    if (!line.trim() || line.trimStart().startsWith('#')) continue;
    if (!previousLine) previousLine = line;
    const lineIndent = /^\s*/.exec(line)![0].length;
    const match = KEY_LINE.exec(line);
    if (match && lineIndent < indent) {
      const key = match[3].replace(/^["']|["']$/g, '');
      path.unshift(key);
      if ((key === 'command' || key === 'entrypoint' || key === 'test') && commandText === undefined) commandText = text.slice(start, offset);
      indent = lineIndent;
      if (indent === 0) break;
    } else if (lineIndent < indent && /^\s*-/.test(line)) {
      indent = lineIndent + 1;
    }
    if (start <= floor) break;
  }
  if (chunk?.isService && path[0] !== 'services') path.unshift('services');
  const own = KEY_LINE.exec(prefix);
  if (own && (own[3] === 'command' || own[3] === 'entrypoint' || own[3] === 'test')) commandText = prefix;
  return { path, prefix, previousLine, commandText, lineStart };
}

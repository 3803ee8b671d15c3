import type { Position, Range } from 'vscode-languageserver-types';
import type { CommentNode, ParsedConf, SettingNode } from '../ast';
import { parseConf } from '../parser';

export function contains(range: Range, position: Position): boolean {
  const afterStart = position.line > range.start.line || (position.line === range.start.line && position.character >= range.start.character);
  const beforeEnd = position.line < range.end.line || (position.line === range.end.line && position.character <= range.end.character);
  return afterStart && beforeEnd;
}

/** Settings on one line (usually one), found by binary search: `settings` is in file order. */
export function settingsOnLine(parsed: ParsedConf, line: number): SettingNode[] {
  const settings = parsed.settings;
  let low = 0;
  let high = settings.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (settings[mid].line < line) low = mid + 1;
    else high = mid;
  }
  const found: SettingNode[] = [];
  for (let i = low; i < settings.length && settings[i].line === line; i++) found.push(settings[i]);
  return found;
}

export interface SettingAtCursor {
  setting: SettingNode;
  part: 'name' | 'value';
  /** A `#name = value` line, as postgresql.conf.sample is full of. */
  commentedOut: boolean;
}

/** The setting whose name or value is under the cursor, and which part; commented-out settings count too. */
export function settingAt(parsed: ParsedConf, position: Position): SettingAtCursor | undefined {
  const candidates = settingsOnLine(parsed, position.line).map((setting) => ({ setting, commentedOut: false }));
  if (candidates.length === 0) {
    const comment = commentOnLine(parsed, position.line);
    const inner = comment && commentedOutSetting(comment);
    if (inner) candidates.push({ setting: inner, commentedOut: true });
  }
  for (const { setting, commentedOut } of candidates) {
    if (contains(setting.nameRange, position)) return { setting, part: 'name', commentedOut };
    if (contains(setting.valueRange, position)) return { setting, part: 'value', commentedOut };
  }
  return undefined;
}

function commentOnLine(parsed: ParsedConf, line: number): CommentNode | undefined {
  // Comment lines are few per line number; nodes are in file order, so search from an estimate.
  const nodes = parsed.nodes;
  let low = 0;
  let high = nodes.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (nodes[mid].line < line) low = mid + 1;
    else high = mid;
  }
  const node = nodes[low];
  return node && node.line === line && node.kind === 'comment' ? node : undefined;
}

/** `#shared_buffers = 128MB  # note` read by the shared parser, with ranges moved back into the line. */
function commentedOutSetting(comment: CommentNode): SettingNode | undefined {
  const body = comment.text.replace(/^#/, '');
  if (!/^\s*[A-Za-z_][\w$.]*\s*=?\s*\S/.test(body)) return undefined;
  const setting = parseConf(body).settings[0];
  if (!setting) return undefined;
  const shift = comment.range.start.character + 1;
  const move = (r: Range): Range => ({
    start: { line: comment.line, character: r.start.character + shift },
    end: { line: comment.line, character: r.end.character + shift },
  });
  return { ...setting, line: comment.line, nameRange: move(setting.nameRange), valueRange: move(setting.valueRange), range: comment.range };
}

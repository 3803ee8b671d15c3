/**
 * `%include file` of pgbouncer.ini: the program reads the named file in place, its settings continuing the
 * current section. Reads are bounded (regular files within the size limit, a depth and a file budget), cycles
 * are cut and reported.
 */
import type { FileSystemHost } from '../../../core/fileSystem';
import { refusalMessage } from '../../../core/fileSystem';
import { parseIni, type IniItem, type ParsedIni } from './parser';

/** Nesting the reader follows (PgBouncer's own limit is of the same order). */
export const MAX_INCLUDE_DEPTH = 10;
/** Files read for one check at most (fan-out of includes). */
export const MAX_INCLUDED_FILES = 100;

export interface IncludedFile {
  path: string;
  parsed?: ParsedIni;
  /** Why the file was not read (missing, refused, a cycle, too deep). */
  problem?: { kind: 'missing' | 'cycle'; message: string };
}

export function dirName(path: string): string {
  const index = path.lastIndexOf('/');
  return index <= 0 ? (index === 0 ? '/' : '.') : path.slice(0, index);
}

/** The path an include names, relative paths taken from the including file's folder (the program's working directory in our stacks). */
export function includeTarget(from: string, target: string): string {
  return target.startsWith('/') || !from ? target : `${dirName(from)}/${target}`;
}

export class IncludeReader {
  private readonly cache = new Map<string, ParsedIni | { refused: string }>();
  private budget = MAX_INCLUDED_FILES;

  constructor(private readonly fs: FileSystemHost) {}

  read(from: string, item: Extract<IniItem, { kind: 'include' }>, chain: readonly string[]): IncludedFile {
    const path = includeTarget(from, item.path.text);
    if (chain.includes(path)) return { path, problem: { kind: 'cycle', message: `include cycle: ${[...chain, path].join(' → ')}` } };
    if (chain.length >= MAX_INCLUDE_DEPTH) return { path, problem: { kind: 'cycle', message: `includes nested deeper than ${MAX_INCLUDE_DEPTH} levels` } };
    const cached = this.cache.get(path) ?? this.load(path);
    if ('refused' in cached) return { path, problem: { kind: 'missing', message: cached.refused } };
    return { path, parsed: cached };
  }

  private load(path: string): ParsedIni | { refused: string } {
    let result: ParsedIni | { refused: string };
    if (this.budget <= 0) result = { refused: `not read: more than ${MAX_INCLUDED_FILES} included files` };
    else {
      this.budget--;
      const read = this.fs.readFileChecked ? this.fs.readFileChecked(path) : textOrMissing(this.fs.readFile(path));
      result = 'text' in read ? parseIni(read.text) : { refused: read.refused === 'missing' ? `could not load file "${path}": No such file or directory` : `could not load file "${path}": ${refusalMessage(read)}` };
    }
    this.cache.set(path, result);
    return result;
  }
}

function textOrMissing(text: string | undefined): { text: string } | { refused: 'missing' } {
  return text === undefined ? { refused: 'missing' } : { text };
}

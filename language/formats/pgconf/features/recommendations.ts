import * as fs from 'fs';
import { dataPath } from '../../../../core/packageRoot';

export interface Recommendation {
  value: string;
  note?: string;
}

type Table = Map<string, Recommendation>;

/**
 * Parsed data files by path, revalidated by mtime and size on every use: a memo of read-only data
 * (never state a test could observe), so hovers and value completions do not re-read the file.
 */
const memo = new Map<string, { mtimeMs: number; size: number; table: Table }>();

function load(file: string): Table {
  const stat = fs.statSync(file);
  const hit = memo.get(file);
  if (hit && hit.mtimeMs === stat.mtimeMs && hit.size === stat.size) return hit.table;
  const raw = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, Partial<Recommendation> | undefined>;
  const table: Table = new Map();
  for (const [name, entry] of Object.entries(raw)) {
    if (entry && typeof entry.value === 'string') table.set(name.toLowerCase(), { value: entry.value, ...(entry.note ? { note: entry.note } : {}) });
  }
  memo.set(file, { mtimeMs: stat.mtimeMs, size: stat.size, table });
  return table;
}

/** The recommended value the seed document gives for a parameter (data/recommendations.json: `{name: {value, note}}`). */
export function readRecommendation(name: string, file: string = safeDataPath()): Recommendation | undefined {
  try {
    return load(file).get(name.toLowerCase());
  } catch {
    return undefined; // missing or malformed file: hover and completion simply omit the recommendation
  }
}

/** Resolved once: finding the package root reads package.json files on the way up. */
const resolvedPaths = new Map<'default', string>();

function safeDataPath(): string {
  let file = resolvedPaths.get('default');
  if (file === undefined) {
    try {
      file = dataPath('recommendations.json');
    } catch {
      file = '';
    }
    resolvedPaths.set('default', file);
  }
  return file;
}

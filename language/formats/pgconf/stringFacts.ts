import * as fs from 'fs';
import { dataPath } from '../../../core/packageRoot';
import type { Major } from '../../catalog/types';

/** One fact that may change between majors: each entry lists the majors it holds for. */
export type PerMajor<T> = Array<{ majors: Major[]; value: T }>;

/**
 * data/strings.json, written by `npm run catalog:strings` from the embedded servers: what the check hooks
 * of string parameters look up (zone files, abbreviation sets, encoding names, resource managers).
 */
export interface StringFactsFile {
  /** server_version per major the facts were read from. */
  generatedFrom: Partial<Record<Major, string>>;
  /** Zone files the server accepts as TimeZone: folder ('' = top level) → file names, space separated. */
  zones: PerMajor<Record<string, string>>;
  /** Alphabetic abbreviations a zone file uses: abbreviations (space separated) → zones (space separated). */
  zoneAbbrevs: PerMajor<Record<string, string>>;
  /** timezone_abbreviations sets: set name → `abbrev:offsetSeconds[:D]` entries, space separated. */
  abbrevSets: PerMajor<Record<string, string>>;
  /** Encodings: canonical name → the lookup keys (lower-case letters and digits) that name it, space separated. */
  encodings: PerMajor<Record<string, string>>;
  /** Resource managers wal_consistency_checking accepts (those that can mask pages). */
  walConsistencyNames: PerMajor<string[]>;
}

export interface ZoneAbbrev {
  /** Seconds east of UTC. */
  offset: number;
  dst: boolean;
}

/** The facts of one major, indexed for the checks. */
export interface StringFacts {
  /** Upper-cased zone path → the file's own spelling. */
  zones: Map<string, string>;
  /** Upper-cased zone path → the upper-cased alphabetic abbreviations the zone uses. */
  zoneAbbrevs: Map<string, Set<string>>;
  /** Set name → lower-cased abbreviation → meaning. */
  abbrevSets: Map<string, Map<string, ZoneAbbrev>>;
  /** Lookup key → canonical encoding name. */
  encodings: Map<string, string>;
  walConsistencyNames: string[];
}

function pick<T>(entries: PerMajor<T>, major: Major): T | undefined {
  return entries.find((entry) => entry.majors.includes(major))?.value;
}

const words = (text: string): string[] => text.split(' ').filter(Boolean);

function indexZones(zones: Record<string, string>): Map<string, string> {
  const index = new Map<string, string>();
  for (const [folder, names] of Object.entries(zones)) {
    for (const name of words(names)) {
      const full = folder ? `${folder}/${name}` : name;
      index.set(full.toUpperCase(), full);
    }
  }
  return index;
}

function indexZoneAbbrevs(groups: Record<string, string>): Map<string, Set<string>> {
  const index = new Map<string, Set<string>>();
  for (const [abbrevs, zones] of Object.entries(groups)) {
    const set = new Set(words(abbrevs).map((a) => a.toUpperCase()));
    for (const zone of words(zones)) index.set(zone.toUpperCase(), set);
  }
  return index;
}

function indexAbbrevSets(sets: Record<string, string>): Map<string, Map<string, ZoneAbbrev>> {
  const index = new Map<string, Map<string, ZoneAbbrev>>();
  for (const [name, entries] of Object.entries(sets)) {
    const table = new Map<string, ZoneAbbrev>();
    for (const entry of words(entries)) {
      const [abbrev, offset, dst] = entry.split(':');
      table.set(abbrev.toLowerCase(), { offset: Number(offset), dst: dst === 'D' });
    }
    index.set(name, table);
  }
  return index;
}

function indexEncodings(encodings: Record<string, string>): Map<string, string> {
  const index = new Map<string, string>();
  for (const [canonical, keys] of Object.entries(encodings)) for (const key of words(keys)) index.set(key, canonical);
  return index;
}

export function indexStringFacts(file: StringFactsFile, major: Major): StringFacts | undefined {
  if (!file.generatedFrom[major]) return undefined;
  return {
    zones: indexZones(pick(file.zones, major) ?? {}),
    zoneAbbrevs: indexZoneAbbrevs(pick(file.zoneAbbrevs, major) ?? {}),
    abbrevSets: indexAbbrevSets(pick(file.abbrevSets, major) ?? {}),
    encodings: indexEncodings(pick(file.encodings, major) ?? {}),
    walConsistencyNames: pick(file.walConsistencyNames, major) ?? [],
  };
}

/**
 * Indexed facts by file and major: a memo of read-only data (revalidated by mtime and size), so checks do
 * not re-read data/strings.json. Undefined when the file is missing or lacks the major: the checks then
 * accept what they cannot judge.
 */
const memo = new Map<string, { mtimeMs: number; size: number; byMajor: Map<Major, StringFacts | undefined>; file: StringFactsFile }>();

/** The default file, resolved once (finding the package root reads package.json files on the way up). */
const defaultPath = new Map<'default', string>();

function stringsPath(): string {
  let path = defaultPath.get('default');
  if (path === undefined) defaultPath.set('default', (path = dataPath('strings.json')));
  return path;
}

export function readStringFacts(major: Major, file?: string): StringFacts | undefined {
  try {
    const path = file ?? stringsPath();
    const stat = fs.statSync(path);
    let hit = memo.get(path);
    if (!hit || hit.mtimeMs !== stat.mtimeMs || hit.size !== stat.size) {
      const parsed = JSON.parse(fs.readFileSync(path, 'utf8')) as StringFactsFile;
      hit = { mtimeMs: stat.mtimeMs, size: stat.size, byMajor: new Map(), file: parsed };
      memo.set(path, hit);
    }
    if (!hit.byMajor.has(major)) hit.byMajor.set(major, indexStringFacts(hit.file, major));
    return hit.byMajor.get(major);
  } catch {
    return undefined;
  }
}

/**
 * Reads the facts behind the string parameters' check hooks off one real server: which zone files it
 * accepts as TimeZone (and the abbreviations they use), its timezone_abbreviations sets, the encoding names
 * it knows and the resource managers wal_consistency_checking takes.
 */
import * as fs from 'fs';
import * as path from 'path';
import type { Client } from 'pg';
import { ensureEmbeddedPostgres, makeDataDir, removeDataDir, startServer, type Major } from '../../pg/embedded';
import { literalTails } from './binaryWords';
import { zoneAbbreviations } from './tzif';

export interface MajorStringFacts {
  version: string;
  zones: Record<string, string>;
  zoneAbbrevs: Record<string, string>;
  abbrevSets: Record<string, string>;
  encodings: Record<string, string>;
  walConsistencyNames: string[];
}

/** A set_config that answers instead of failing: true when the check hook takes the value. */
const ACCEPTS = `CREATE FUNCTION pg_temp.accepts(p text, v text) RETURNS boolean LANGUAGE plpgsql AS $$
BEGIN PERFORM set_config(p, v, true); RETURN true; EXCEPTION WHEN OTHERS THEN RETURN false; END $$`;

async function accepted(client: Client, parameter: string, values: string[]): Promise<string[]> {
  const sql = 'SELECT v FROM unnest($2::text[]) AS v WHERE pg_temp.accepts($1, v) ORDER BY v';
  return (await client.query<{ v: string }>(sql, [parameter, values])).rows.map((row) => row.v);
}

/** Zone file paths below `root` (hidden entries skipped, as PostgreSQL's directory scan does). */
function zoneFiles(root: string, folder = ''): string[] {
  const files: string[] = [];
  for (const entry of fs.readdirSync(path.join(root, folder), { withFileTypes: true })) {
    if (entry.name.startsWith('.')) continue;
    const relative = folder ? `${folder}/${entry.name}` : entry.name;
    if (entry.isDirectory()) files.push(...zoneFiles(root, relative));
    else files.push(relative);
  }
  return files.sort();
}

function byFolder(zones: string[]): Record<string, string> {
  const folders: Record<string, string[]> = {};
  for (const zone of zones) {
    const cut = zone.lastIndexOf('/');
    (folders[cut < 0 ? '' : zone.slice(0, cut)] ??= []).push(zone.slice(cut + 1));
  }
  return Object.fromEntries(Object.entries(folders).map(([folder, names]) => [folder, names.join(' ')]));
}

function groupAbbrevs(zoneDir: string, zones: string[]): Record<string, string> {
  const groups: Record<string, string[]> = {};
  for (const zone of zones) {
    const abbrevs = zoneAbbreviations(path.join(zoneDir, zone)).join(' ');
    if (abbrevs) (groups[abbrevs] ??= []).push(zone);
  }
  return Object.fromEntries(Object.entries(groups).map(([abbrevs, list]) => [abbrevs, list.join(' ')]));
}

/** The sets timezone_abbreviations can name: files of timezonesets whose names are letters only. */
async function abbrevSets(client: Client, setDir: string): Promise<Record<string, string>> {
  const sets: Record<string, string> = {};
  // 18 adds the session zone's own abbreviations to pg_timezone_abbrevs; read only the set itself.
  const own = (await client.query("SELECT to_regproc('pg_timezone_abbrevs_abbrevs') IS NOT NULL AS split")).rows[0].split as boolean;
  const source = own ? 'pg_timezone_abbrevs_abbrevs()' : 'pg_timezone_abbrevs';
  for (const name of fs.readdirSync(setDir).filter((file) => /^[A-Za-z]+$/.test(file)).sort()) {
    await client.query(`SET timezone_abbreviations = '${name}'`);
    const rows = (await client.query<{ abbrev: string; offset: number; is_dst: boolean }>(
      `SELECT abbrev, extract(epoch FROM utc_offset)::int AS offset, is_dst FROM ${source} ORDER BY abbrev`,
    )).rows;
    sets[name] = rows.map((row) => `${row.abbrev}:${row.offset}${row.is_dst ? ':D' : ''}`).join(' ');
  }
  await client.query('RESET timezone_abbreviations');
  return sets;
}

async function encodings(client: Client, candidates: string[]): Promise<Record<string, string>> {
  const sql = `SELECT c, pg_encoding_to_char(pg_char_to_encoding(c)) AS name FROM unnest($1::text[]) AS c
    WHERE pg_char_to_encoding(c) >= 0 ORDER BY 2, 1`;
  const byName: Record<string, string[]> = {};
  for (const row of (await client.query<{ c: string; name: string }>(sql, [candidates])).rows) (byName[row.name] ??= []).push(row.c);
  return Object.fromEntries(Object.entries(byName).map(([name, keys]) => [name, keys.join(' ')]));
}

/** Resource manager names as the server spells them: the accepted candidate with the most capitals wins per name. */
function spellings(names: string[]): string[] {
  const best = new Map<string, string>();
  const capitals = (text: string) => text.replace(/[^A-Z]/g, '').length;
  for (const name of names) {
    const key = name.toLowerCase();
    const seen = best.get(key);
    if (!seen || capitals(name) < capitals(seen)) best.set(key, name);
  }
  return [...best.values()].sort((a, b) => a.localeCompare(b));
}

export async function readStringFacts(major: Major, log: (line: string) => void): Promise<MajorStringFacts> {
  const binaries = ensureEmbeddedPostgres(major);
  const tails = [...literalTails(path.join(binaries.binDir, 'postgres'))];
  const zoneDir = path.join(binaries.shareDir, 'timezone');
  const dataDir = makeDataDir(major);
  try {
    const server = await startServer(major, dataDir);
    try {
      const client = await server.connect();
      try {
        await client.query(ACCEPTS);
        const version = (await client.query<{ server_version: string }>('SHOW server_version')).rows[0].server_version;
        const zones = await accepted(client, 'timezone', zoneFiles(zoneDir));
        const encodingKeys = tails.filter((tail) => /^[a-z0-9]+$/.test(tail));
        const rmgrCandidates = tails.filter((tail) => /^[A-Z][A-Za-z0-9]*$/.test(tail) && tail.length <= 24);
        const facts: MajorStringFacts = {
          version,
          zones: byFolder(zones),
          zoneAbbrevs: groupAbbrevs(zoneDir, zones),
          abbrevSets: await abbrevSets(client, path.join(binaries.shareDir, 'timezonesets')),
          encodings: await encodings(client, encodingKeys),
          walConsistencyNames: spellings(await accepted(client, 'wal_consistency_checking', rmgrCandidates)).filter((name) => name.toLowerCase() !== 'all'),
        };
        log(`${version}: ${zones.length} zones, ${Object.keys(facts.encodings).length} encodings, ${facts.walConsistencyNames.length} resource managers`);
        return facts;
      } finally {
        await client.end();
      }
    } finally {
      await server.stop();
    }
  } finally {
    removeDataDir(dataDir);
  }
}

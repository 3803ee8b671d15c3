/**
 * pg_hba.conf `map=NAME` against the pg_ident.conf of the same folder: a map the hba file names that the ident
 * file does not define (warning in both files: every login through that line fails), and a map defined that no
 * hba line uses (information). Only when both files are there: the server may read another ident_file.
 */
import * as path from 'path';
import type { Diagnostic, Range } from 'vscode-languageserver-types';
import { makeDiagnostic, replaceFix, type Fix } from '../../diagnostics';
import { closestMatches } from '../pgconf/didYouMean';
import { HBA_CODES } from '../pghba/codes';
import { parseHba, type ParsedHba } from '../pghba/parser';
import type { HbaFileSystem, HbaMajor, HbaToken } from '../pghba/types';
import { IDENT_CODES } from './codes';
import { parseIdent } from './parser';
import { identRows, type IdentRows } from './rows';

/** A `map=NAME` option of a pg_hba.conf line. */
export interface MapUse {
  name: string;
  lineNumber: number;
  token: HbaToken;
  range: Range;
}

export function mapUses(parsed: ParsedHba): MapUse[] {
  const uses: MapUse[] = [];
  for (const line of parsed.lines) {
    for (const option of line.rule?.options ?? []) {
      if (option.name === 'map') uses.push({ name: option.value, lineNumber: line.lineNumber, token: option.token, range: parsed.rangeOf(option.token.span) });
    }
  }
  return uses;
}

/** The map names the rows define, with the first token that defines each. */
export function definedMaps(rows: IdentRows): Map<string, HbaToken> {
  const maps = new Map<string, HbaToken>();
  for (const { verdict } of rows.rows) if (verdict.entry && !maps.has(verdict.entry.map.text)) maps.set(verdict.entry.map.text, verdict.entry.map);
  return maps;
}

const sibling = (file: string, name: string) => path.join(path.dirname(file), name);

/** The maps the pg_ident.conf beside `hbaFile` defines (its includes followed), or undefined without one. */
export function mapsBeside(fs: HbaFileSystem, hbaFile: string, major: HbaMajor): Map<string, HbaToken> | undefined {
  const identFile = sibling(hbaFile, 'pg_ident.conf');
  const text = fs.isDirectory(identFile) ? undefined : fs.readFile(identFile);
  if (text === undefined) return undefined;
  return definedMaps(identRows({ major, file: identFile, tokenized: parseIdent(text, major, identFile).tokenized, fs }));
}

/** The map= options of the pg_hba.conf beside `identFile`, or undefined without one. */
export function usesBeside(fs: HbaFileSystem, identFile: string, major: HbaMajor): MapUse[] | undefined {
  const hbaFile = sibling(identFile, 'pg_hba.conf');
  const text = fs.isDirectory(hbaFile) ? undefined : fs.readFile(hbaFile);
  return text === undefined ? undefined : mapUses(parseHba(text, major));
}

/** map=NAME → map=CLOSEST for the maps defined closest to the name written (a typo). */
function mapNameFixes(use: MapUse, names: string[]): Fix[] {
  const { start, end } = use.range;
  // Only where the value is written as is: the token unquoted and on one line.
  if (use.token.quoted || start.line !== end.line) return [];
  const valueRange: Range = { start: { line: start.line, character: end.character - use.name.length }, end };
  return closestMatches(use.name, names).map((name, index) => replaceFix(`Change to map=${name}`, valueRange, name, index === 0));
}

/** In pg_hba.conf: each map= naming a map the pg_ident.conf beside it lacks. */
export function hbaMapDiagnostics(parsed: ParsedHba, hbaFile: string, fs: HbaFileSystem): Diagnostic[] {
  const uses = mapUses(parsed);
  const maps = uses.length ? mapsBeside(fs, hbaFile, parsed.major) : undefined;
  if (!maps) return [];
  return uses
    .filter((use) => !maps.has(use.name))
    .map((use) =>
      makeDiagnostic({
        range: use.range,
        severity: 'warning',
        code: HBA_CODES.identMapMissing,
        message: `The pg_ident.conf beside this file defines no map "${use.name}": every login through this line fails with "no match in usermap"`,
        hint: `Add a line "${use.name} SYSTEM-USER DATABASE-USER" to pg_ident.conf, or name one of its maps${maps.size ? ` (${[...maps.keys()].slice(0, 5).join(', ')})` : ''}.`,
        data: { fixes: mapNameFixes(use, [...maps.keys()]) },
      }),
    );
}

/** In pg_ident.conf: maps the pg_hba.conf beside it names but nobody defines, and maps defined here that it never uses. */
export function identMapDiagnostics(rows: IdentRows, identFile: string, fs: HbaFileSystem, major: HbaMajor, rangeOf: (token: HbaToken) => Range): Diagnostic[] {
  const uses = usesBeside(fs, identFile, major);
  if (!uses) return [];
  const maps = definedMaps(rows);
  const top: Range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
  const missing = uses
    .filter((use) => !maps.has(use.name))
    .map((use) =>
      makeDiagnostic({
        range: top,
        severity: 'warning',
        code: IDENT_CODES.mapMissing,
        message: `pg_hba.conf line ${use.lineNumber} uses map "${use.name}", which this file does not define: every login through that line fails`,
        hint: `Add a line "${use.name} SYSTEM-USER DATABASE-USER", or fix the map name in pg_hba.conf.`,
      }),
    );
  const used = new Set(uses.map((use) => use.name));
  const unused = [...maps]
    .filter(([name, token]) => !used.has(name) && !token.file)
    .map(([name, token]) =>
      makeDiagnostic({ range: rangeOf(token), severity: 'information', code: IDENT_CODES.mapUnused, message: `No line of the pg_hba.conf beside this file uses map "${name}" (map=${name}): its lines have no effect` }),
    );
  return [...missing, ...unused];
}

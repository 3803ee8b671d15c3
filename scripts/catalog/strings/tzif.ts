/**
 * The abbreviations a compiled zone file (TZif, RFC 8536) uses: the designations its local time types point
 * at, plus those of the POSIX-style rule in the footer that extends it.
 */
import * as fs from 'fs';

interface Counts {
  isut: number;
  isstd: number;
  leap: number;
  time: number;
  type: number;
  char: number;
}

function readCounts(data: Buffer, at: number): Counts {
  const n = (i: number) => data.readUInt32BE(at + 20 + 4 * i);
  return { isut: n(0), isstd: n(1), leap: n(2), time: n(3), type: n(4), char: n(5) };
}

function blockLength(c: Counts, timeSize: number): number {
  return c.time * timeSize + c.time + c.type * 6 + c.char + c.leap * (timeSize + 4) + c.isstd + c.isut;
}

function designations(data: Buffer, at: number, c: Counts, timeSize: number): string[] {
  const types = at + c.time * timeSize + c.time;
  const chars = types + c.type * 6;
  const names: string[] = [];
  for (let i = 0; i < c.type; i++) {
    const index = data[types + i * 6 + 5];
    const end = data.indexOf(0, chars + index);
    names.push(data.toString('latin1', chars + index, end < 0 ? chars + c.char : end));
  }
  return names;
}

/** Names in a POSIX TZ string: `<...>` quoted or alphabetic runs before an offset. */
function footerNames(footer: string): string[] {
  const names: string[] = [];
  const rule = footer.split(',')[0];
  for (const match of rule.matchAll(/<([^>]*)>|([A-Za-z]+)/g)) names.push(match[1] ?? match[2]);
  return names;
}

export function zoneAbbreviations(path: string): string[] {
  const data = fs.readFileSync(path);
  if (data.toString('latin1', 0, 4) !== 'TZif') return [];
  const v1 = readCounts(data, 0);
  let names = designations(data, 44, v1, 4);
  if (data[4] >= 0x32) {
    const second = 44 + blockLength(v1, 4);
    const v2 = readCounts(data, second);
    names = designations(data, second + 44, v2, 8);
    const footerStart = second + 44 + blockLength(v2, 8);
    const footer = data.toString('latin1', footerStart).split('\n')[1] ?? '';
    names.push(...footerNames(footer));
  }
  return [...new Set(names)].filter((name) => /^[A-Za-z]+$/.test(name)).sort();
}

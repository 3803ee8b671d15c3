/**
 * Generates pg_ident.conf files for the differential test: hand-written corner cases plus random mapping lines
 * from every field form (names, quoting, comma lists, `/regex` system and database users, `\1`, keywords,
 * `+group`, `@file`, includes) with random mutations (dropped or extra fields, comments, continuations).
 */
import { random } from '../generate';
import { hbaFile, sampleEntries, type GeneratedFile } from '../hba/generate';

export { sampleEntries, type GeneratedFile };

/** Files the generated lines name (relative to the data directory). */
export const IDENT_FIXTURES: Record<string, string> = {
  'ident_users.txt': 'alice, bob\n# a comment\n',
  'ident_empty.txt': '',
  'ident_two_lines.txt': 'carol\ndave\n',
  'ident_inc/a.conf': 'incmap alice alice_db\nincmap broken\nincmap /( x\n',
  'ident_inc/b.conf': 'incmap2 "bob x" bob\n',
  'ident_inc/.hidden.conf': 'bogus\n',
  'ident_more.conf': 'more /^(.*)$ \\1\nmore a,b c\n',
  'ident_loop.conf': 'include ident_loop.conf\n',
};

const HAND_WRITTEN = [
  'office alice alice_db',
  'office bob bob',
  'krb /^(.*)@EXAMPLE\\.COM$ \\1',
  'krb /^(.*)@OTHER\\.COM$ \\1_other',
  '"my map" "bob smith" "bob"',
  'map1 "" bob',
  'map1 alice ""',
  'm',
  'm sys',
  'm1,m2 a b',
  'm a,b c',
  'm a b,c',
  'm a b c d e',
  'm a b # comment',
  'm a \\',
  '  b',
  'm @ident_users.txt bob',
  'm alice @ident_two_lines.txt',
  'm @missing.txt bob',
  'm /( bob',
  'm /[a bob',
  'm "/(" bob',
  'm alice /(',
  'm alice /^(a|b)$',
  'm alice all',
  'm alice +admins',
  'm alice "+admins"',
  'm /^(a)(b)$ \\1\\1',
  'include ident_more.conf',
  'include_if_exists ident_nothere.conf',
  'include_if_exists ident_more.conf',
  'include ident_nothere.conf',
  'include_dir ident_inc',
  'include_dir ident_nodir',
  'include ident_loop.conf',
  'include "ident_more.conf" extra',
  'include',
  'include_dir ""',
];

type Rnd = () => number;
const pick = <T>(rnd: Rnd, list: readonly T[]): T => list[Math.floor(rnd() * list.length)];

const MAPS = ['office', 'krb', 'certmap', '"my map"', 'm_1', 'MAP', 'ümap', '@ident_users.txt', 'include', 'include_dir', 'all', '"x,y"'];
const SYSTEM_USERS = ['alice', 'bob', '"bob smith"', 'root', 'postgres', '/^(.*)$', '/^(.*)@EXAMPLE\\.COM$', '/^admin$', '/(', '"/^(x)$"', '@ident_users.txt', 'a,b', 'CN=app', '""'];
const DATABASE_USERS = ['alice_db', 'postgres', '\\1', 'app_\\1', 'all', '"all"', '+admins', '"+admins"', '/^app', '/[', '@ident_two_lines.txt', 'x,y', '""', 'rôle'];
const REGEX_PIECES = ['a', 'z', '0', '9', '(', ')', '(?:', '(?=', '[', ']', '[^', '[:alpha:]', '{', '}', '{2,', '*', '+', '?', '|', '^', '$', '.', '\\', '\\d', '\\w', '\\1', '\\y'];

function randomRegex(rnd: Rnd): string {
  return `/${Array.from({ length: 1 + Math.floor(rnd() * 6) }, () => pick(rnd, REGEX_PIECES)).join('')}`;
}

function randomLine(rnd: Rnd): string {
  const fields = [pick(rnd, MAPS), rnd() < 0.25 ? randomRegex(rnd) : pick(rnd, SYSTEM_USERS), rnd() < 0.15 ? randomRegex(rnd) : pick(rnd, DATABASE_USERS)];
  const roll = rnd();
  if (roll < 0.08) fields.splice(1 + Math.floor(rnd() * 2), 1);
  else if (roll < 0.11) fields.length = 1;
  else if (roll < 0.15) fields.push(pick(rnd, ['extra', '# tail', '"x"']));
  else if (roll < 0.19) fields[Math.floor(rnd() * 3)] += `,${pick(rnd, ['x', '"y"'])}`;
  let line = fields.join(pick(rnd, [' ', '\t', '   ', ' \t ']));
  const tail = rnd();
  if (tail < 0.06) line += ` # ${pick(rnd, ['note', 'a "quoted" comment'])}`;
  else if (tail < 0.1) {
    const at = line.indexOf(' ');
    if (at > 0) line = `${line.slice(0, at)} \\\n${line.slice(at + 1)}`;
  } else if (tail < 0.12) line = `  ${line}\r`;
  return line;
}

/** At least `minimum` entries: the hand-written ones, then random ones, in a fixed order (same seed, same file). */
export function generateIdent(minimum = 1000, seed = 20261128): GeneratedFile {
  const rnd = random(seed);
  const lines = [...HAND_WRITTEN];
  while (lines.length < minimum) lines.push(randomLine(rnd));
  return hbaFile(lines);
}

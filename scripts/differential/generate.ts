/**
 * Generates postgresql.conf setting lines for the differential test: valid and invalid values for every
 * parameter of a major (units and their case, prefixes, hex/octal, reals, range edges, enum values and
 * aliases, quoting), unknown and dotted names, and lines PostgreSQL's lexer rejects.
 */
import * as fs from 'fs';
import type { Catalog, Major, ParameterInfo } from '../../language/catalog/types';
import { baseUnitOf, MEMORY_UNIT_NAMES, TIME_UNIT_NAMES } from '../../language/formats/pgconf/values';
import { checkedStringValues, DEPENDENT_FILES } from './stringValues';

export interface DifferentialCase {
  /** The line written into the included file. */
  line: string;
  /** The parameter `postgres -C` is asked for. */
  ask: string;
}

/**
 * The only parameters left out, because what `postgres -C` prints for them depends on the host, not on the
 * line: data_directory, config_file, hba_file and ident_file print paths the postmaster derives from where
 * the data directory lives. Other host-dependent values are left out value by value: lc_* get only the
 * locales every C library has (C, POSIX; empty for lc_messages, which refuses it everywhere) since any other
 * name, or the environment's locale that an empty value means, is valid only where the host has it; and
 * max_stack_depth values above 7680kB are left out unless the host's stack limit is the common 8MB
 * (PostgreSQL allows the limit less 512kB).
 */
export const EXCLUDED = new Set(['data_directory', 'config_file', 'hba_file', 'ident_file']);

/** The soft stack limit of this process in kB (what postgres inherits), if Linux tells. */
function hostStackLimitKb(): number | undefined {
  try {
    const line = fs.readFileSync('/proc/self/limits', 'utf8').split('\n').find((l) => l.startsWith('Max stack size'));
    const soft = line?.split(/\s{2,}/)[1];
    return soft === undefined ? undefined : soft === 'unlimited' ? Infinity : Number(soft) / 1024;
  } catch {
    return undefined;
  }
}

/** max_stack_depth values the host decides about (see EXCLUDED): above 7680kB unless the host has the 8MB limit. */
function stackDepthDependsOnHost(value: string): boolean {
  if (hostStackLimitKb() === 8192) return false;
  const match = /^'?\s*(\d+)\s*(kB|MB|GB|TB)?/.exec(value);
  if (!match) return false;
  const factor = { kB: 1, MB: 1024, GB: 1024 ** 2, TB: 1024 ** 3 }[match[2] as 'kB'] ?? 1;
  return Number(match[1]) * factor > 7680;
}

/** A small deterministic PRNG (mulberry32), so every run checks the same lines. */
export function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const quote = (value: string) => `'${value.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;

function randomCase(text: string, rnd: () => number): string {
  const pick = rnd();
  if (pick < 0.4) return text;
  if (pick < 0.7) return text.toUpperCase();
  return [...text].map((c) => (rnd() < 0.5 ? c.toUpperCase() : c.toLowerCase())).join('');
}

function boolValues(rnd: () => number): string[] {
  const words = ['on', 'off', 'true', 'false', 'yes', 'no', '1', '0', 't', 'tr', 'tru', 'f', 'fa', 'y', 'ye', 'n', 'o', 'of', 'offf', 'onn', '2', 'truth', 'nope', '00', 'On', 'OFF', 'TRUE', 'Yes'];
  return [0, 1, 2, 3].map(() => words[Math.floor(rnd() * words.length)]);
}

function numericValues(param: ParameterInfo, rnd: () => number): string[] {
  const min = param.min ?? 0;
  const max = param.max ?? 100;
  const values: string[] = [String(min), String(max)];
  const integer = param.vartype === 'integer';
  if (integer) {
    values.push(String(min - 1), String(max + 1));
    const span = Math.min(max, 1e6) - Math.max(min, -1e6);
    const inside = Math.floor(Math.max(min, -1e6) + rnd() * span);
    values.push(String(inside), `0x${Math.abs(inside).toString(16)}`, `0${Math.abs(inside % 512).toString(8)}`, '08', `'${inside}.5'`, `'${inside}e0'`, '99999999999', `' ${inside} '`);
  } else {
    values.push(String(min - 0.5), String(max * 2), `${(min + rnd() * Math.min(max - min, 1000)).toFixed(3)}`, '.5', '5.', "'1e-3'", "'inf'", "'nan'", "'-0'", '1.5e2', "'0x10'");
  }
  const base = baseUnitOf(param.unit);
  if (base) {
    const units = base.family === 'memory' ? MEMORY_UNIT_NAMES : TIME_UNIT_NAMES;
    const unit = units[Math.floor(rnd() * units.length)];
    const n = Math.floor(rnd() * 2000);
    values.push(`${n}${unit}`, `${n}${randomCase(unit, rnd)}`, `'${n} ${unit}'`, `${n} ${unit}`, `'${(rnd() * 100).toFixed(2)}${unit}'`, `${(rnd() * 10).toFixed(1)}${unit}`, `'${n}${unit}x'`, `${n}${base.family === 'memory' ? 'ms' : 'MB'}`);
  } else {
    values.push(`${Math.floor(rnd() * 100)}kB`);
  }
  if (param.name === 'max_stack_depth') values.push('7680kB', '7681', "'7MB'", '8MB', '2MB', '99kB');
  return param.name === 'max_stack_depth' ? values.filter((value) => !stackDepthDependsOnHost(value)) : values;
}

function enumValues(param: ParameterInfo, rnd: () => number): string[] {
  const listed = param.enumvals ?? [];
  const values = listed.map((v) => (/^[A-Za-z_][A-Za-z0-9_]*$/.test(v) ? randomCase(v, rnd) : quote(randomCase(v, rnd))));
  for (const hidden of param.hiddenEnumvals ?? []) values.push(quote(randomCase(hidden, rnd)));
  values.push('bogus', quote(`${listed[0] ?? 'x'}x`), quote((listed[0] ?? 'x').slice(0, 2)), "''");
  return values;
}

function stringValues(param: ParameterInfo, rnd: () => number): string[] {
  // Parameters with a modelled check hook get several draws: their values are what this test is about.
  const checked = checkedStringValues(param.name, param.major, rnd);
  if (checked) return [...checked, ...[1, 2, 3].flatMap(() => checkedStringValues(param.name, param.major, rnd)!)].map(quote);
  const word = ['alpha', 'pg_x', 'a b c', "it's", 'C:\\dir', '', 'stderr', 'csvlog,stderr', 'jsonlog', 'node_1', '"My Node"', 'FIRST 1 (a, b)', 'ANY 2 (a,b,c)', '0 (a)', 'a,', 'slot-1', 'x'.repeat(70), '0/3000060', '12345', 'immediate', 'log/', 'none', '$user, public'];
  const pick = () => word[Math.floor(rnd() * word.length)];
  return [quote(pick()), quote(pick()), quote(pick()), `${param.name === 'search_path' ? 'public' : 'plain_word'}`];
}

/** Lines for one parameter. */
function casesFor(param: ParameterInfo, rnd: () => number): DifferentialCase[] {
  let values: string[];
  switch (param.vartype) {
    case 'bool':
      values = boolValues(rnd);
      break;
    case 'integer':
    case 'real':
      values = numericValues(param, rnd);
      break;
    case 'enum':
      values = enumValues(param, rnd);
      break;
    default:
      values = stringValues(param, rnd);
  }
  return values.map((value, i) => {
    const name = i % 3 === 1 ? randomCase(param.name, rnd) : param.name;
    const equals = i % 4 === 3 ? ' ' : ' = ';
    return { line: `${name}${equals}${value}`, ask: param.name };
  });
}

function nameCases(catalog: Catalog, major: Major, rnd: () => number): DifferentialCase[] {
  const names = catalog.names(major);
  const cases: DifferentialCase[] = [];
  for (let i = 0; i < 40; i++) {
    const name = names[Math.floor(rnd() * names.length)];
    const cut = 1 + Math.floor(rnd() * (name.length - 1));
    cases.push({ line: `${name.slice(0, cut)}${name.slice(cut + 1)} = 1`, ask: 'port' });
    cases.push({ line: `myext.${name} = '${i}'`, ask: `myext.${name}` });
  }
  const removed = ['wal_keep_segments', 'checkpoint_segments', 'vacuum_defer_cleanup_age', 'promote_trigger_file', 'stats_temp_directory', 'old_snapshot_threshold', 'force_parallel_mode', 'debug_parallel_query', 'db_user_namespace', 'trace_recovery_messages'];
  for (const name of removed) cases.push({ line: `${name} = 1`, ask: 'port' });
  const syntax = ['a.b.c = 1', 'my-param = 1', 'work_mem = 128 MB', 'x.y = 30.5min', "x.y = '30.5min'", 'work_mem =', 'work_mem = = 4MB', "x.y = 'unterminated", 'x.y = /tmp/x', 'x.y = ./rel', '= 5', 'x.y = 1e5', 'x.y 5 6', "x.y = 'a''b'", "x.y = 'a\\'b'", "x.y = 'tab\\there'", 'x.y = -5kB', 'x.y = +.5', 'x.y = .', 'x.y = 0x', 'x.y = 0x1Fg', 'x.y = a:b/c-d.e', "x.y = 'q' # comment", 'x.y=1', '  x.y   =   two  ', 'x.y = a$b', "x.y = 'a'b'", 'x.y = on off', 'x.y\t=\t3', 'X.Y = mixed', 'x.y = 00x1', 'x.y = -0x1F', "x.y = 'back\\\\slash'", "x.y = '\\101\\60'"];
  for (const line of syntax) cases.push({ line, ask: 'x.y' });
  // Whole files: the later setting wins and PostgreSQL never checks the earlier value of the same name.
  const files: DifferentialCase[] = [
    { line: 'work_mem = bogus\nwork_mem = 8MB', ask: 'work_mem' },
    { line: 'work_mem = 8MB\nwork_mem = bogus', ask: 'work_mem' },
    { line: 'WORK_MEM = bogus\nwork_mem = 8MB', ask: 'work_mem' },
    { line: 'work_mem = 1MB\nWork_Mem = 2MB', ask: 'work_mem' },
    { line: "include_if_exists 'missing_file.conf'\nx.y = 1", ask: 'x.y' },
    { line: "include 'missing_file.conf'\nx.y = 1", ask: 'x.y' },
    { line: "include_dir 'missing_dir'", ask: 'port' },
    { line: '# only a comment\n\n   \t', ask: 'port' },
    { line: 'shared_buffers = 64MB\nbogus_name = 1\nshared_buffers = 1GB', ask: 'shared_buffers' },
    { line: 'wal_level = minimal', ask: 'wal_level' },
    { line: 'wal_level = minimal\nmax_wal_senders = 0', ask: 'wal_level' },
    ...DEPENDENT_FILES,
  ];
  return [...cases, ...files];
}

/** At least `minimum` cases for `major` (all parameters, several values each), in a fixed order. */
export function generateCases(catalog: Catalog, major: Major, minimum = 1000): DifferentialCase[] {
  const rnd = random(major * 7919);
  const cases: DifferentialCase[] = nameCases(catalog, major, rnd);
  const params = catalog
    .names(major)
    .map((name) => catalog.get(name, major)!)
    .filter((p) => !EXCLUDED.has(p.name.toLowerCase()));
  for (let round = 0; cases.length < minimum || round === 0; round++) {
    for (const param of params) cases.push(...casesFor(param, rnd));
    if (round > 5) break;
  }
  return cases;
}

/** An evenly spread subset of `count` cases. */
export function sampleCases(cases: DifferentialCase[], count: number): DifferentialCase[] {
  if (cases.length <= count) return cases;
  const step = cases.length / count;
  return Array.from({ length: count }, (_, i) => cases[Math.floor(i * step)]);
}

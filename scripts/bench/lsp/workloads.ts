/** The files `npm run bench:lsp` edits, and where it types, completes and hovers in each. */
import type { Position } from 'vscode-languageserver-protocol';
import type { Catalog } from '../../../language/catalog/types';
import { generateComposeFile } from '../composeFixture';
import { generateConf } from '../pgconf';
import { generateIni } from '../pgbouncer';
import type { Workload } from './scenario';

/** Line numbers whose text matches, and a position `offset` characters after the match's start. */
function positionsOf(lines: string[], pattern: RegExp, offset = 0): Position[] {
  const found: Position[] = [];
  lines.forEach((line, i) => {
    const match = pattern.exec(line);
    if (match) found.push({ line: i, character: match.index + offset });
  });
  return found;
}

/** Every `step`-th element, so edits spread over the whole file. */
const spread = <T>(items: T[], count: number): T[] => Array.from({ length: Math.min(count, items.length) }, (_, i) => items[Math.floor((i * items.length) / Math.min(count, items.length))]);

function firstOf(lines: string[], pattern: RegExp, offset = 0, from = 0): Position {
  const found = positionsOf(lines, pattern, offset).find((p) => p.line >= from);
  if (!found) throw new Error(`bench workload: no line matches ${pattern}`);
  return found;
}

/** The generated HA compose file: 200 services, anchors and merge keys, replicas cloning through bash -c. */
export function composeWorkload(services = 200): Workload {
  const text = generateComposeFile(services);
  const lines = text.split('\n');
  const middle = Math.floor(lines.length / 2);
  // Typing in label values (no PostgreSQL meaning) and in a setting value of a replica's command line.
  const labels = positionsOf(lines, /bench\.index: "/, 'bench.index: "'.length);
  const workMem = positionsOf(lines, /work_mem=\d+/, 'work_mem='.length + 1);
  const typing = spread(labels, 12).flatMap((p, i) => [p, spread(workMem, 12)[i]]).filter(Boolean);
  return {
    title: `compose, ${lines.length.toLocaleString('en')} lines, ${services} services`,
    fileName: 'compose.yaml',
    text,
    typing,
    completions: [
      { label: 'setting name after postgres -c', position: firstOf(lines, /postgres -c hot_standby/, 'postgres -c '.length, middle) },
      { label: 'environment variable name', position: firstOf(lines, /^ {6}PGUSER:/, 6, middle) },
      { label: 'service key', position: firstOf(lines, /^ {4}stop_grace_period:/, 4, middle) },
      { label: 'image value', position: firstOf(lines, /image: bitnami/, 'image: '.length, middle) },
    ],
    hovers: [
      { label: 'environment variable', position: firstOf(lines, /PGUSER:/, 2, middle) },
      { label: 'setting in a command', position: firstOf(lines, /- wal_level=replica/, 4) },
      { label: 'image', position: firstOf(lines, /image: postgres/, 'image: '.length + 3) },
      { label: 'service name', position: firstOf(lines, /^ {2}pg_primary:/, 4) },
    ],
  };
}

/** A postgresql.conf.sample-like file of every parameter of a major plus extension settings. */
export function pgconfWorkload(catalog: Catalog, lines = 3000): Workload {
  const text = generateConf(catalog, 17, lines);
  const all = text.split('\n');
  // Known parameters fill the first ~700 lines (extension settings the rest): probe in their middle.
  const middle = Math.floor(all.findIndex((l) => l.startsWith('# extension')) / 2);
  const settings = positionsOf(all, /^[a-z_]+ = \S+$/).map((p) => ({ line: p.line, character: all[p.line].length }));
  const comments = positionsOf(all, /^# [a-z_]+: /, 2);
  const typing = spread(settings, 12).flatMap((p, i) => [p, spread(comments, 12)[i]]).filter(Boolean);
  const enumSetting = firstOf(all, /^wal_level = /, 'wal_level = '.length);
  return {
    title: `postgresql.conf, ${all.length.toLocaleString('en')} lines`,
    fileName: 'postgresql.conf',
    text,
    typing,
    completions: [
      { label: 'empty line (every parameter)', position: { line: all.findIndex((l, i) => i > middle && l === ''), character: 0 } },
      { label: 'parameter name prefix', position: firstOf(all, /^[a-z]{4,}_[a-z_]+ = /, 4, middle) },
      { label: 'enum value', position: enumSetting },
    ],
    hovers: [
      { label: 'parameter name', position: firstOf(all, /^[a-z_]+ = /, 2, middle) },
      { label: 'value', position: { line: enumSetting.line, character: enumSetting.character + 1 } },
    ],
  };
}

/** The 2,000-line pgbouncer.ini with 500 databases of bench:pgbouncer (issue #10: completion/hover p95 ≤ 2 ms, an edit ≤ 20 ms of work). */
export function pgbouncerWorkload(): Workload {
  const text = generateIni();
  const all = text.split('\n');
  const middle = Math.floor(all.length / 4);
  const poolSizes = positionsOf(all, /pool_size=\d+$/, 'pool_size='.length);
  const comments = positionsOf(all, /^; tenant \d+/, 2);
  const typing = spread(poolSizes, 12).flatMap((p, i) => [p, spread(comments, 12)[i]]).filter(Boolean);
  const main = all.indexOf('[pgbouncer]');
  return {
    title: `pgbouncer.ini, ${all.length.toLocaleString('en')} lines, 500 databases`,
    fileName: 'pgbouncer.ini',
    text,
    typing,
    completions: [
      { label: '[pgbouncer] setting name', position: firstOf(all, /^listen_addr = /, 3, main) },
      { label: 'connection-string key', position: firstOf(all, /^tenant_\d+ = host=/, 'tenant_0 = host=primary p'.length, middle) },
      { label: 'enum value', position: firstOf(all, /^pool_mode = /, 'pool_mode = '.length, main) },
    ],
    hovers: [
      { label: 'connection-string key', position: firstOf(all, /dbname=/, 0, middle) },
      { label: '[pgbouncer] setting', position: firstOf(all, /^server_idle_timeout = /, 3, main) },
    ],
  };
}

/**
 * Differential test of the pgpool.conf format against the real pgpool-II (the pooler oracle): generated files,
 * each the oracle's loadable base plus one or two generated lines (values of every type, numbered names, the
 * grammar's corners), judged by pgpool and by our validator. Agreement: the same verdict (refused or taken)
 * and, when refused, the same words (FATAL line with its DETAIL/HINT; a crash by its exit status).
 */
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import type { SettingFacts } from '../../../language/catalog/poolerCatalog';
import { PgpoolCatalog } from '../../../language/formats/pgpool/catalog';
import type { PgpoolDiagnosticData } from '../../../language/formats/pgpool/codes';
import { parsePgpool } from '../../../language/formats/pgpool/parser';
import { validatePgpool } from '../../../language/formats/pgpool/validator';
import { pgpoolFile } from '../../catalog/poolers/pgpoolProbe';
import { random } from '../generate';
import type { PoolerVerdict } from './oracle';

/** Settings the base file needs as they are for pgpool to get to the judge's stage, and those that change how
 * its messages read (the oracle reads the default log line). */
const KEEP = new Set(['log_line_prefix', 'log_error_verbosity', 'log_min_messages', 'listen_addresses', 'port', 'backend_hostname<n>', 'backend_port<n>', 'logdir', 'pid_file_name', 'use_watchdog', 'unix_socket_directories', 'socket_dir', 'pcp_socket_dir', 'wd_ipc_socket_dir', 'pcp_port']);

/** Settings that size pgpool's shared memory: large values fail on the machine, not in the file. */
const SIZES = /^(num_init_children|max_pool|listen_backlog_multiplier|memqcache_|relcache_size|max_spare_children|min_spare_children|reserved_connections)/;

type Pick = <T>(items: readonly T[]) => T;

function valuesFor(name: string, facts: SettingFacts, pick: Pick, next: () => number): string[] {
  const min = facts.min ?? 0;
  const max = facts.max ?? 100;
  switch (facts.type) {
    case 'int':
      return [String(Math.floor(min + next() * Math.min(max - min, SIZES.test(name) ? 64 : 1e6))), String(min - 1), String(max + 1), '1.5', '0x1F', '12abc', "'lots'", '99999999999', '1min', '5s', '10ms', '1kB', '+5', '.5', "'30 s'", "''", '-0'];
    case 'enum': {
      const value = pick(facts.values ?? ['x']);
      return [value, `'${value}'`, value.toUpperCase(), 'nope', `'${value}x'`, "''"];
    }
    case 'bool':
      return ['on', 'off', 'maybe', '5', "'yes'", 'of'];
    case 'real':
      return ['1', '-1', '0.5', 'abc', '1e9', '1.5x', '100000001'];
    default:
      if (name === 'backend_flag<n>') return ["'ALLOW_TO_FAILOVER'", "'allow_to_failover'", "'ALWAYS_MASTER'", "'ALLOW_TO_FAILOVER | ALWAYS_PRIMARY'", "'DISALLOW_TO_FAILOVER|ALLOW_TO_FAILOVER'", "'ALWAYS_PRIMARY||'", "''"];
      return ["'text'", 'unquoted', "'a''b'", "'a\\'b'", "'with space'"];
  }
}

function nameFor(catalogName: string, pick: Pick): string {
  if (!catalogName.endsWith('<n>')) return catalogName;
  const prefix = catalogName.slice(0, -3);
  return prefix + pick(['0', '1', '2', '01', '127', '3x', '', '128']);
}

/** Lines of the grammar's corners, whatever the setting. */
const ODD_LINES = ['no_such_setting = 1', 'Max_Pool = -5', 'max_pool', 'max_pool = 5 6', 'authentication_timeout = 5 s', '$ = 4', '= 5', 'a.b = 5', '5 = 4', "'x' = 4", 'max_pool = = 5', 'max_pool = $', "log_min_messages = 'unterminated", 'log_min_messages = warning;', 'max_pool 5', 'logdir2 = /tmp', "sr_check_user = 'a\\'"];

/** Lines of a generated file before its generated ones (the oracle's base). */
const HEAD_LINES = pgpoolFile([]).split('\n').length - 1;

/** `count` generated pgpool.conf texts for a version line, deterministic in the seed. */
export function generatePgpoolFiles(catalog: PgpoolCatalog, version: string, count: number, seed = 1): string[] {
  const next = random(seed);
  const pick: Pick = (items) => items[Math.floor(next() * items.length)];
  const settings = [...catalog.settings(version)].filter(([name]) => !KEEP.has(name));
  const line = () => {
    if (next() < 0.12) return pick(ODD_LINES);
    const [name, facts] = pick(settings);
    return `${nameFor(name, pick)} = ${pick(valuesFor(name, facts, pick, next))}`;
  };
  return Array.from({ length: count }, () => pgpoolFile(next() < 0.3 ? [line(), line()] : [line()]));
}

/** What we say pgpool prints for a text: the words of the first refusal in pgpool's order (the validator's), or undefined (it loads). */
export function ourRefusal(catalog: PgpoolCatalog, version: string, text: string): { words?: string; warnings: string[] } {
  const parsed = parsePgpool(text, '<file>');
  const diagnostics: Diagnostic[] = validatePgpool({ parsed, catalog, version, lines: text.split('\n') });
  const refusal = diagnostics.find((d) => (d.data as PgpoolDiagnosticData).pgpool);
  const warnings = diagnostics.filter((d) => !(d.data as PgpoolDiagnosticData).pgpool && d.severity !== DiagnosticSeverity.Hint).map((d) => String(d.code));
  return { words: refusal && (refusal.data as PgpoolDiagnosticData).pgpool, warnings };
}

const WORD_LINES = /^(FATAL|DETAIL|HINT):/;
const normalize = (text: string) => text.split('\n').filter((line) => WORD_LINES.test(line)).join('\n');

/** pgpool's words for a verdict, the way ourRefusal writes them. */
export function pgpoolWords(verdict: PoolerVerdict): string | undefined {
  if (verdict.valid) return undefined;
  const lines = verdict.message.split('\n');
  const first = lines.findIndex((l) => l.startsWith('FATAL:'));
  // A FATAL line is the verdict even when pgpool then crashes on its way out (4.3 after a too small query cache).
  if (verdict.exitStatus === 139 && first < 0) return 'exit status 139';
  return normalize(lines.slice(Math.max(first, 0)).join('\n')) || `(${verdict.outcome} ${verdict.exitStatus ?? ''})`;
}

export interface Comparison {
  files: number;
  agreed: number;
  /** Files pgpool refuses (and how many of them we refuse with its words). */
  refused: number;
  disagreements: { text: string; ours?: string; pgpool?: string }[];
  /** Our warnings on files pgpool loads (not errors for pgpool), by code. */
  extraWarnings: Record<string, number>;
}

export function compare(catalog: PgpoolCatalog, version: string, texts: string[], verdicts: PoolerVerdict[]): Comparison {
  const result: Comparison = { files: texts.length, agreed: 0, refused: 0, disagreements: [], extraWarnings: {} };
  texts.forEach((text, i) => {
    const ours = ourRefusal(catalog, version, text);
    const theirs = pgpoolWords(verdicts[i]);
    if (theirs !== undefined) result.refused++;
    const oursWords = ours.words === undefined ? undefined : ours.words === 'exit status 139' ? ours.words : normalize(ours.words);
    if (oursWords === theirs) result.agreed++;
    else result.disagreements.push({ text: text.split('\n').slice(HEAD_LINES).join('\n').trim(), ours: oursWords, pgpool: theirs });
    if (theirs === undefined) for (const code of ours.warnings) result.extraWarnings[code] = (result.extraWarnings[code] ?? 0) + 1;
  });
  return result;
}

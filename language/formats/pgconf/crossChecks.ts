import type { Diagnostic } from 'vscode-languageserver-types';
import type { Catalog, Major } from '../../catalog/types';
import { replaceFix, type Fix, type Severity } from '../../diagnostics';
import { CODES, pgconfDiagnostic, quoteConfValue, type PgconfCode } from './codes';
import type { EffectiveSetting } from './includes';
import { SettingJudge } from './judge';
import { priorSettings } from './priorSettings';

/** The value PostgreSQL ends up with for each parameter: the last valid setting, else the default. */
export interface EffectiveValues {
  get(name: string): string;
  /** The deciding setting, when the file (or an include) sets it. */
  source(name: string): EffectiveSetting | undefined;
}

export function effectiveValues(catalog: Catalog, major: Major, settings: EffectiveSetting[], judge = new SettingJudge(catalog)): EffectiveValues {
  const last = new Map<string, { value: string; from: EffectiveSetting }>();
  const priorAt = priorSettings(settings);
  for (const [index, entry] of settings.entries()) {
    // Unknown and custom names take no part in the rules; skipping them also skips did-you-mean work.
    if (!catalog.get(entry.setting.key, major)) continue;
    const verdict = judge.judge(major, entry.setting.name, entry.setting.value, undefined, entry.setting, priorAt(index));
    if (verdict.accepted && verdict.canonical !== undefined) last.set(entry.setting.key, { value: verdict.canonical, from: entry });
  }
  return {
    get: (name) => last.get(name)?.value ?? catalog.get(name, major)?.bootVal ?? '',
    source: (name) => last.get(name)?.from,
  };
}

interface Rule {
  code: PgconfCode;
  severity: Severity;
  /** Parameters the diagnostic is shown on (the first one set in this document wins). */
  on: string[];
  applies(values: EffectiveValues, major: Major): boolean;
  /** A function when the message quotes the values, as PostgreSQL's own does. */
  message: string | ((values: EffectiveValues, major: Major) => string);
  hint: string;
  fix?: (values: EffectiveValues) => { name: string; value: string; title: string } | undefined;
}

const isOn = (value: string) => value === 'on' || value === 'always';
const numberOf = (value: string) => Number(value);
const reservedOf = (get: (name: string) => string, major: Major) =>
  numberOf(get('superuser_reserved_connections')) + (major >= 16 ? numberOf(get('reserved_connections')) || 0 : 0);

/**
 * PostgreSQL's start-up check that reserved connections leave room for ordinary ones, over any source of values
 * (postgresql.conf here, a compose command line in `compose/rules/limits.ts`). Values that are not plain integers
 * are left to the value checks.
 */
export function reservedConnectionsProblem(get: (name: string) => string, major: Major): { message: string; minMaxConnections: number } | undefined {
  const names = ['max_connections', 'superuser_reserved_connections', ...(major >= 16 ? ['reserved_connections'] : [])];
  if (!names.every((name) => /^\s*\d+\s*$/.test(get(name)))) return undefined;
  const reserved = reservedOf(get, major);
  if (reserved < numberOf(get('max_connections'))) return undefined;
  const message =
    major >= 16
      ? `superuser_reserved_connections (${get('superuser_reserved_connections').trim()}) plus reserved_connections (${get('reserved_connections').trim()}) must be less than max_connections (${get('max_connections').trim()})`
      : `superuser_reserved_connections (${get('superuser_reserved_connections').trim()}) must be less than max_connections (${get('max_connections').trim()})`;
  return { message, minMaxConnections: reserved + 1 };
}

const RULES: Rule[] = [
  {
    code: CODES.walSendersNeedReplica,
    severity: 'error',
    on: ['wal_level', 'max_wal_senders'],
    applies: (v) => v.get('wal_level') === 'minimal' && numberOf(v.get('max_wal_senders')) > 0,
    message: 'WAL streaming (max_wal_senders > 0) requires wal_level "replica" or "logical"',
    hint: 'PostgreSQL refuses to start. Set wal_level = replica, or max_wal_senders = 0 for a server without replicas.',
    fix: () => ({ name: 'wal_level', value: 'replica', title: 'Set wal_level = replica' }),
  },
  {
    code: CODES.archiveNeedsReplica,
    severity: 'error',
    on: ['archive_mode', 'wal_level'],
    applies: (v) => v.get('wal_level') === 'minimal' && isOn(v.get('archive_mode')),
    message: 'WAL archival cannot be enabled when wal_level is "minimal"',
    hint: 'PostgreSQL refuses to start. Set wal_level = replica.',
    fix: () => ({ name: 'wal_level', value: 'replica', title: 'Set wal_level = replica' }),
  },
  {
    code: CODES.summarizeNeedsReplica,
    severity: 'error',
    on: ['summarize_wal', 'wal_level'],
    applies: (v, major) => major >= 17 && v.get('wal_level') === 'minimal' && v.get('summarize_wal') === 'on',
    message: 'WAL cannot be summarized when wal_level is "minimal"',
    hint: 'PostgreSQL refuses to start. Set wal_level = replica or summarize_wal = off.',
    fix: () => ({ name: 'wal_level', value: 'replica', title: 'Set wal_level = replica' }),
  },
  {
    code: CODES.archiveWithoutCommand,
    severity: 'warning',
    on: ['archive_mode'],
    applies: (v, major) => isOn(v.get('archive_mode')) && v.get('archive_command') === '' && (major < 15 || v.get('archive_library') === ''),
    message: 'archive_mode is enabled, yet neither archive_command nor archive_library is set',
    hint: 'WAL segments are kept until archiving works, and pg_wal grows without bound. Set archive_command (or archive_library).',
  },
  {
    code: CODES.noReplicationSlots,
    severity: 'warning',
    on: ['max_replication_slots'],
    applies: (v) =>
      v.source('max_replication_slots') !== undefined &&
      numberOf(v.get('max_replication_slots')) === 0 &&
      (v.get('wal_level') === 'logical' || v.get('primary_slot_name') !== '' || v.get('sync_replication_slots') === 'on'),
    message: 'max_replication_slots = 0, but this configuration uses replication slots',
    hint: 'Slots cannot be created (logical decoding, slot-based standbys, failover). Set max_replication_slots to at least the number of standbys plus logical consumers.',
    fix: () => ({ name: 'max_replication_slots', value: '10', title: 'Set max_replication_slots = 10' }),
  },
  {
    // The postmaster checks this after reading the files (postgres -C does not): a small max_connections in a
    // test or container config is the usual way to hit it.
    code: CODES.reservedConnections,
    severity: 'error',
    on: ['max_connections', 'superuser_reserved_connections', 'reserved_connections'],
    applies: (v, major) => reservedConnectionsProblem(v.get, major) !== undefined,
    message: (v, major) => reservedConnectionsProblem(v.get, major)?.message ?? '',
    hint: 'PostgreSQL refuses to start. Raise max_connections or lower the reserved connections.',
    fix: (v) => (v.source('max_connections') ? { name: 'max_connections', value: String(reservedOf(v.get, 16) + 1), title: 'Raise max_connections above the reserved connections' } : undefined),
  },
  {
    code: CODES.hotStandbyOff,
    severity: 'warning',
    on: ['hot_standby'],
    applies: (v) => v.get('hot_standby') === 'off' && (v.get('primary_conninfo') !== '' || v.get('restore_command') !== ''),
    message: 'hot_standby = off on a standby (primary_conninfo or restore_command is set)',
    hint: 'The standby will refuse all connections while it replays WAL. Set hot_standby = on to allow read-only queries.',
    fix: () => ({ name: 'hot_standby', value: 'on', title: 'Set hot_standby = on' }),
  },
];

/** Cross-setting rules on the effective values; shown on the deciding line in this document, or its include. */
export function crossCheck(values: EffectiveValues, major: Major, rootFile: string): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  for (const rule of RULES) {
    if (!rule.applies(values, major)) continue;
    const shown = new Set<string>();
    for (const name of rule.on) {
      const source = values.source(name);
      if (!source) continue;
      const range = source.file === rootFile ? source.setting.valueRange : source.via?.pathRange;
      if (!range) continue;
      const key = `${range.start.line}:${range.start.character}`;
      if (shown.has(key)) continue;
      shown.add(key);
      const fixes: Fix[] = [];
      const fix = rule.fix?.(values);
      const target = fix ? values.source(fix.name) : undefined;
      if (fix && target && target.file === rootFile) fixes.push(replaceFix(fix.title, target.setting.valueRange, /^[a-z0-9_]+$/.test(fix.value) ? fix.value : quoteConfValue(fix.value), true));
      const message = typeof rule.message === 'string' ? rule.message : rule.message(values, major);
      diagnostics.push(pgconfDiagnostic({ range, code: rule.code, severity: rule.severity, message, hint: rule.hint, data: { parameter: name, fixes } }));
    }
  }
  return diagnostics;
}

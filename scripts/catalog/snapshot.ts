/**
 * What one real PostgreSQL major says about its parameters: pg_settings read over 127.0.0.1 from an
 * embedded server, postgresql.conf.sample for "not in sample", measured hidden enum aliases and the
 * hand-maintained build-dependent enum values.
 */
import * as fs from 'fs';
import * as path from 'path';
import type { GucContext, ParameterVariant, VarType } from '../../language/catalog/types';
import { ensureEmbeddedPostgres, makeDataDir, removeDataDir, startServer, type Major } from '../pg/embedded';
import { buildEnumValuesFor } from './buildEnumValues';
import { measureHiddenEnumvals } from './enumAliases';

export interface MajorSnapshot {
  major: Major;
  /** server_version, e.g. 16.14. */
  version: string;
  settingsCount: number;
  /** pg_settings name (its own spelling, e.g. DateStyle) → facts. */
  parameters: Map<string, ParameterVariant>;
}

interface SettingsRow {
  name: string;
  vartype: VarType;
  unit: string | null;
  min_val: string | null;
  max_val: string | null;
  enumvals: string[] | null;
  boot_val: string | null;
  context: GucContext;
  category: string;
}

const SETTINGS_QUERY = `SELECT name, vartype, unit, min_val, max_val, enumvals, boot_val, context, category FROM pg_settings`;

/** Lower-case names that appear in the sample as `name = …` or commented out as `#name = …`. */
export function sampleNames(sampleText: string): Set<string> {
  const names = new Set<string>();
  for (const line of sampleText.split('\n')) {
    const match = /^\s*#?([A-Za-z_][A-Za-z0-9_.]*)\s*=/.exec(line);
    if (match) names.add(match[1].toLowerCase());
  }
  return names;
}

/** A ParameterVariant with its keys in one fixed order and empty facts left out (stable JSON). */
export function normalizeVariant(variant: ParameterVariant): ParameterVariant {
  const ordered: Record<string, unknown> = {};
  const keys: (keyof ParameterVariant)[] = [
    'vartype', 'unit', 'min', 'max', 'enumvals', 'buildEnumvals', 'hiddenEnumvals', 'bootVal', 'context', 'category', 'notInSample',
  ];
  for (const key of keys) {
    const value = variant[key];
    if (value === undefined || (Array.isArray(value) && value.length === 0 && key !== 'enumvals')) continue;
    ordered[key] = value;
  }
  return ordered as unknown as ParameterVariant;
}

function toNumber(text: string | null): number | undefined {
  if (text === null) return undefined;
  const value = Number(text);
  if (!Number.isFinite(value)) throw new Error(`pg_settings bound "${text}" is not a number`);
  return value;
}

function variantFromRow(row: SettingsRow, inSample: Set<string>): ParameterVariant {
  const numeric = row.vartype === 'integer' || row.vartype === 'real';
  return {
    vartype: row.vartype,
    unit: row.unit ?? undefined,
    min: numeric ? toNumber(row.min_val) : undefined,
    max: numeric ? toNumber(row.max_val) : undefined,
    enumvals: row.vartype === 'enum' ? (row.enumvals ?? []) : undefined,
    bootVal: row.boot_val ?? '',
    context: row.context,
    category: row.category,
    notInSample: !inSample.has(row.name.toLowerCase()),
  };
}

/** Starts the major's embedded server, reads everything and cleans up after itself. */
export async function snapshotMajor(major: Major, log: (line: string) => void = () => {}): Promise<MajorSnapshot> {
  const binaries = ensureEmbeddedPostgres(major, log);
  const inSample = sampleNames(fs.readFileSync(path.join(binaries.shareDir, 'postgresql.conf.sample'), 'utf8'));
  const dataDir = makeDataDir(major);
  try {
    const server = await startServer(major, dataDir);
    let rows: SettingsRow[];
    let version: string;
    try {
      const client = await server.connect();
      try {
        rows = (await client.query<SettingsRow>(SETTINGS_QUERY)).rows;
        version = (await client.query<{ server_version: string }>('SHOW server_version')).rows[0].server_version;
      } finally {
        await client.end();
      }
    } finally {
      await server.stop();
    }

    const parameters = new Map<string, ParameterVariant>();
    for (const row of rows) parameters.set(row.name, variantFromRow(row, inSample));

    const enums = new Map<string, string[]>();
    // Internal parameters cannot be set in a file at all (and such a line hides every other complaint).
    for (const [name, variant] of parameters) {
      if (variant.vartype === 'enum' && variant.context !== 'internal') enums.set(name, variant.enumvals ?? []);
    }
    const hidden = measureHiddenEnumvals(major, dataDir, enums);
    for (const [name, variant] of parameters) {
      if (variant.vartype !== 'enum') continue;
      const listed = new Set((variant.enumvals ?? []).map((value) => value.toLowerCase()));
      const build = buildEnumValuesFor(name, major).filter((value) => !listed.has(value.toLowerCase()));
      parameters.set(name, normalizeVariant({ ...variant, buildEnumvals: build, hiddenEnumvals: hidden.get(name) }));
    }
    for (const [name, variant] of parameters) parameters.set(name, normalizeVariant(variant));
    log(`PostgreSQL ${version}: ${rows.length} settings, ${enums.size} enums, ${hidden.size} with hidden aliases`);
    return { major, version, settingsCount: rows.length, parameters };
  } finally {
    removeDataDir(dataDir);
  }
}

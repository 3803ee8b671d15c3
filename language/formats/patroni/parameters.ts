/**
 * The PostgreSQL parameters of a patroni.yml (`postgresql.parameters`, `bootstrap.dcs.postgresql.parameters`):
 * each value judged by the postgresql.conf judge for the cluster's major (from bin_dir, else the default), and the
 * parameters Patroni manages itself (ConfigHandler.CMDLINE_OPTIONS, from the catalog) said for what they are.
 */
import type { Diagnostic } from 'vscode-languageserver-types';
import type { Major } from '../../catalog/types';
import { isMajor } from '../../../core/majors';
import type { SettingJudge } from '../pgconf/judge';
import type { ManagedParameter, PatroniCatalogFile } from './catalog';
import { CODES, patroniDiagnostic } from './codes';
import { nodeAt, type PyNode } from './document';
import { pyStr } from './pyRepr';
import type { SpanToRange } from './validator';

export const LOCAL_PARAMETERS = ['postgresql', 'parameters'];
export const DCS_PARAMETERS = ['bootstrap', 'dcs', 'postgresql', 'parameters'];

/** The major of the cluster: the number in postgresql.bin_dir (/usr/lib/postgresql/15/bin), else undefined. */
export function binDirMajor(root: PyNode | undefined): Major | undefined {
  const binDir = nodeAt(root, ['postgresql', 'bin_dir']);
  const found = binDir?.kind === 'str' ? /(?:^|[/-])(\d{2})(?:[/.]|$)/.exec(binDir.value) : null;
  const major = found ? Number(found[1]) : undefined;
  return isMajor(major) ? major : undefined;
}

/** The text Patroni writes for a YAML value: str() of it (True/False for booleans, which PostgreSQL accepts). */
const valueText = (node: PyNode) => pyStr(node);

/** Whether Patroni takes a bootstrap.dcs value of a managed parameter (the check function's verdict, probed). */
export function managedAccepts(facts: ManagedParameter, value: string): boolean {
  if (facts.boolean) return /^(on|off|true|false|yes|no|1|0)$/i.test(value.trim());
  if (facts.minimum !== undefined) return /^\s*[-+]?\d+\s*$/.test(value) && Number(value) >= facts.minimum;
  if (facts.minimumMB !== undefined) {
    const mb = /^\s*(\d+)\s*(kB|MB|GB|TB)?\s*$/.exec(value);
    const factor = { kB: 1 / 1024, MB: 1, GB: 1024, TB: 1024 * 1024 }[mb?.[2] ?? 'MB'] ?? 1;
    return mb !== null && Number(mb[1]) * factor >= facts.minimumMB;
  }
  return (facts.accepted ?? []).includes(value.toLowerCase());
}

const BOOLEAN_WORDS: Record<string, string> = { on: 'on', true: 'on', yes: 'on', '1': 'on', off: 'off', false: 'off', no: 'off', '0': 'off' };
const normal = (value: string) => BOOLEAN_WORDS[value.trim().toLowerCase()] ?? value.trim().toLowerCase();

function managedText(name: string, facts: ManagedParameter, where: 'local' | 'dcs', value: string): string | undefined {
  const fixed = (facts.accepted ?? []).length === 0 && !facts.boolean && facts.minimum === undefined && facts.minimumMB === undefined;
  // Writing down the value Patroni uses anyway (hot_standby: on, wal_log_hints: on in bootstrap.dcs) changes nothing.
  if (where === 'dcs' && facts.default !== null && normal(String(facts.default)) === normal(value)) return undefined;
  if (fixed && name.toLowerCase() === 'wal_log_hints') return `Patroni keeps wal_log_hints on (on the postgres command line) whatever this says, which is what use_pg_rewind needs: this value is ignored`;
  if (fixed) return `Patroni sets ${name} itself on the postgres command line: this value is ignored`;
  if (where === 'local') return `Patroni ignores ${name} in postgresql.parameters: it is passed on the command line and taken only from the DCS (bootstrap.dcs.postgresql.parameters, or patronictl edit-config once running)`;
  if (managedAccepts(facts, value)) return undefined;
  const rule = facts.minimum !== undefined ? `at least ${facts.minimum}` : facts.minimumMB !== undefined ? `at least ${facts.minimumMB}MB` : `one of ${(facts.accepted ?? []).join(', ')}`;
  return `Patroni ignores ${name} = ${value}: it takes only ${rule} and uses ${String(facts.default)} instead`;
}

export interface ParameterInput {
  root: PyNode | undefined;
  catalog: PatroniCatalogFile;
  judge: SettingJudge;
  major: Major;
  toRange: SpanToRange;
}

function checkMap(input: ParameterInput, path: string[], where: 'local' | 'dcs'): Diagnostic[] {
  const map = nodeAt(input.root, path);
  if (map?.kind !== 'dict') return [];
  const out: Diagnostic[] = [];
  for (const [name, node] of map.entries) {
    const value = valueText(node);
    const range = input.toRange(node.key ?? node);
    const facts = Object.entries(input.catalog.managedParameters).find(([managed]) => managed.toLowerCase() === name.toLowerCase())?.[1];
    const managed = facts ? managedText(name, facts, where, value) : undefined;
    if (managed) {
      out.push(patroniDiagnostic({ range, code: CODES.managedParameter, severity: 'warning', message: managed, hint: 'Remove the line, or move it to bootstrap.dcs.postgresql.parameters.', unnecessary: true }));
      continue;
    }
    if (node.kind === 'dict' || node.kind === 'list' || node.kind === 'null') continue;
    const verdict = input.judge.judge(input.major, name, value);
    if (verdict.accepted) continue;
    const hint = [verdict.hint, `(PostgreSQL ${input.major}; Patroni writes it into postgresql.conf and the server refuses to start.)`].filter(Boolean).join(' ');
    out.push(patroniDiagnostic({ range: input.toRange(node), code: CODES.parameter, severity: 'error', message: verdict.message ?? `invalid value for parameter "${name}": "${value}"`, hint }));
  }
  return out;
}

export function checkParameters(input: ParameterInput): Diagnostic[] {
  return [...checkMap(input, LOCAL_PARAMETERS, 'local'), ...checkMap(input, DCS_PARAMETERS, 'dcs')];
}

/**
 * The checks of one pgpool.conf against the catalog of the target version, in file order. What pgpool refuses
 * is an error carrying its words in `data.pgpool` (pgpool stops at the first one: the differential test compares
 * that one); what it takes without a word is a warning (or an error where the result is surely not meant).
 */
import type { Diagnostic, Range } from 'vscode-languageserver-types';
import { replaceFix, type Fix, type Severity } from '../../diagnostics';
import { closestMatches } from '../pgconf/didYouMean';
import { baseUnitOf, parseBool, parseNumberWithUnit } from '../pgconf/values';
import { MAX_INDEX, type PgpoolCatalog, type PgpoolLookup } from './catalog';
import { CODES, pgpoolDiagnostic, type PgpoolCode } from './codes';
import type { ParsedPgpool, PgpoolSetting, PgpoolSyntaxError } from './parser';
import { backendFlagVerdict, checkPgpoolValue, logDestinationVerdict, type PgpoolVerdict } from './values';

export interface PgpoolCheckInput {
  parsed: ParsedPgpool;
  catalog: PgpoolCatalog;
  /** Target version line (4.3, 4.6). */
  version: string;
  /** The document's lines (quick fixes that rewrite a line). */
  lines: readonly string[];
  /** Nothing in the file names its version: `version` is only the newest, assumed. */
  versionAssumed?: boolean;
}

interface Finding {
  range: Range;
  code: PgpoolCode;
  severity: Severity;
  message: string;
  hint?: string;
  /** pgpool's own lines when it refuses the file. */
  pgpool?: string;
  fixes?: Fix[];
  setting?: string;
  unnecessary?: boolean;
}

const toDiagnostic = (f: Finding): Diagnostic =>
  pgpoolDiagnostic({ range: f.range, code: f.code, severity: f.severity, message: f.message, hint: f.hint, unnecessary: f.unnecessary, data: { setting: f.setting, pgpool: f.pgpool, fixes: f.fixes } });

function syntaxFinding(error: PgpoolSyntaxError): Finding {
  const hint = error.token === '=' ? 'A line starts with a setting name.' : "Each line holds one `name = value`; quote values with spaces or other characters ('…').";
  return { range: error.range, code: CODES.syntax, severity: 'error', message: error.message, hint, pgpool: `FATAL:  ${error.message}\nDETAIL:  ${error.detail}` };
}

const ASSUMED_HINT = 'Nothing in the file says which pgpool-II it is for, so it may be meant for an older one; a comment such as `# pgpool-II 4.3` near the top makes pgha check it against that version.';

/**
 * A name the target version does not know: renamed, of another version, wrong case, misspelt or unknown. A name of
 * another version in a file that does not say its version is information: the file may be for that version.
 */
function unknownFinding(setting: PgpoolSetting, input: PgpoolCheckInput): Finding {
  const known = otherVersionFinding(setting, input);
  if (known && input.versionAssumed) return { ...known, severity: 'information', hint: `${known.hint ?? ''} ${ASSUMED_HINT}`.trim() };
  return known ?? misspeltFinding(setting, input);
}

function otherVersionFinding(setting: PgpoolSetting, input: PgpoolCheckInput): Finding | undefined {
  const { catalog, version } = input;
  const { name, nameRange: range } = setting;
  const base = { range, setting: name, severity: 'warning' as const };
  const renamed = catalog.renamedFrom(name, version);
  if (renamed) {
    return { ...base, code: CODES.renamedSetting, message: `"${name}" was renamed "${renamed.to}" in pgpool-II ${renamed.since}: pgpool ${version} skips this line without a word`, hint: `Use ${renamed.to}.`, fixes: [replaceFix(`Rename to ${renamed.to}`, range, renamed.to, true)] };
  }
  const older = catalog.renamedTo(name, version);
  if (older) {
    return { ...base, code: CODES.versionSetting, message: `"${name}" is pgpool-II ${older.since}'s name: pgpool ${version} knows it as "${older.from}" and skips this line`, hint: `Use ${older.from} for ${version}.`, fixes: [replaceFix(`Rename to ${older.from}`, range, older.from, true)] };
  }
  const other = catalog.anyVersion(name);
  if (other) {
    return { ...base, code: CODES.versionSetting, message: `pgpool-II ${version} has no setting "${name}" (only ${other.versions.join(', ')}): it skips this line without a word`, hint: 'Remove it or target another version.' };
  }
  return undefined;
}

function misspeltFinding(setting: PgpoolSetting, input: PgpoolCheckInput): Finding {
  const { catalog, version } = input;
  const { name, nameRange: range } = setting;
  const base = { range, setting: name, severity: 'warning' as const };
  const names = catalog.namesOf(version);
  const sameLetters = names.find((candidate) => candidate.toLowerCase() === name.toLowerCase());
  const suggestions = sameLetters ? [sameLetters] : closestMatches(name, names);
  const fixes = suggestions.map((s, i) => replaceFix(`Change to ${s}`, range, s, i === 0 && suggestions.length === 1));
  const hint = sameLetters ? `pgpool's names are case-sensitive: ${sameLetters}.` : suggestions.length ? `Did you mean ${suggestions.join(', ')}?` : undefined;
  return { ...base, code: CODES.unknownSetting, message: `pgpool-II ${version} has no setting "${name}": it skips this line without a word`, hint, fixes };
}

function indexFinding(setting: PgpoolSetting, lookup: PgpoolLookup): Finding | undefined {
  const { name, nameRange: range } = setting;
  const index = lookup.index!;
  if (index === '') {
    const message = `parameter "${name}" expects the index value`;
    return { range, code: CODES.invalidIndex, severity: 'error', setting: name, message, hint: `Number it: ${name}0 for the first node.`, pgpool: `FATAL:  ${message}`, fixes: [replaceFix(`Change to ${name}0`, range, `${name}0`)] };
  }
  if (/^\d+$/.test(index)) {
    const bound = indexBound(lookup);
    if (Number(index) <= bound) return undefined;
    const said = `${Number(index)} index outside the valid range for parameter "${name}" (0 .. ${bound})`;
    return { range, code: CODES.indexOutOfRange, severity: 'error', setting: name, message: said, hint: `Indexes go from 0 to ${bound - 1}.`, pgpool: `FATAL:  ${said}` };
  }
  const message = `invalid index value for parameter "${name}" `;
  return { range, code: CODES.invalidIndex, severity: 'error', setting: name, message: message.trimEnd(), hint: 'The index part must be digits only.', pgpool: `FATAL:  ${message}\nDETAIL:  index part contains the invalid non digit character` };
}

function valueFinding(setting: PgpoolSetting, lookup: PgpoolLookup, version: string): Finding | undefined {
  const verdict: PgpoolVerdict =
    // pgpool names the flag's key by its number (backend_flag01 → "backend_flag1").
    lookup.catalogName === 'backend_flag<n>' ? backendFlagVerdict(`backend_flag${Number(lookup.index)}`, setting.value, version) : lookup.catalogName === 'log_destination' ? logDestinationVerdict(setting.value) : checkPgpoolValue(setting.name, lookup.facts, setting.value);
  if (verdict.ok) return undefined;
  const range = setting.valueRange ?? setting.nameRange;
  const quote = setting.valueKind === 'string' || !/^[A-Za-z0-9_.+-]+$/.test(verdict.suggestions?.[0] ?? '');
  const fixes = (verdict.suggestions ?? []).slice(0, 8).map((s) => replaceFix(`Change to ${s}`, range, quote ? `'${s}'` : s));
  const pgpool = verdict.refused ? `FATAL:  ${verdict.said ?? verdict.message}${verdict.extra ? `\n${verdict.extra}` : ''}` : undefined;
  const extra = verdict.extra?.replace(/^(HINT|DETAIL):\s+/, '');
  const hint = [extra, verdict.hint].filter(Boolean).join(' ');
  return { range, code: verdict.code, severity: 'error', setting: setting.name, message: verdict.message, hint: hint || undefined, pgpool, fixes };
}

/** The largest index pgpool's check lets through (catalog: `indexMax`), one past its arrays. */
function indexBound(lookup: PgpoolLookup): number {
  return lookup.facts.indexMax ?? MAX_INDEX + 1;
}

/** An index at the bound passes pgpool's check but lands one past its arrays: a text crashes it, a number loads. */
function crashFinding(setting: PgpoolSetting, lookup: PgpoolLookup): Finding | undefined {
  const bound = indexBound(lookup);
  if (lookup.index === undefined || !/^\d+$/.test(lookup.index) || Number(lookup.index) !== bound) return undefined;
  const crashes = lookup.facts.crashAtIndexMax ?? (lookup.facts.indexMax === undefined && lookup.facts.type === 'string');
  const hint = `Indexes go from 0 to ${bound - 1}.`;
  if (!crashes) return { range: setting.nameRange, code: CODES.indexOutOfRange, severity: 'warning', setting: setting.name, message: `index ${bound} of "${setting.name}" is one past pgpool's table: pgpool takes it without a word and writes past the table's end`, hint };
  return { range: setting.nameRange, code: CODES.indexOutOfRange, severity: 'error', setting: setting.name, message: `index ${bound} of "${setting.name}" is out of range: pgpool-II crashes reading it (segmentation fault, exit status 139)`, hint, pgpool: 'exit status 139' };
}

/** An unquoted value starting with `/`: pgpool reads the `/` alone, the rest as another setting. */
function unquotedPathFinding(setting: PgpoolSetting, lines: readonly string[]): Finding | undefined {
  if (setting.valueKind !== 'other' || setting.value !== '/' || !setting.valueRange) return undefined;
  const { line, character } = setting.valueRange.start;
  const rest = (lines[line] ?? '').slice(character).replace(/\s*#.*$/, '').trimEnd();
  const range = { start: setting.valueRange.start, end: { line, character: character + rest.length } };
  const message = `pgpool reads an unquoted value starting with "/" as "/" alone: ${setting.name} becomes "/"`;
  return { range, code: CODES.unquotedPath, severity: 'error', setting: setting.name, message, hint: 'Quote the path.', fixes: [replaceFix(`Quote '${rest}'`, range, `'${rest.replace(/'/g, "\\'")}'`, true)] };
}

/** The findings of one setting, pgpool's own refusal first. */
function settingFindings(setting: PgpoolSetting, input: PgpoolCheckInput): Finding[] {
  const lookup = input.catalog.lookup(setting.name, input.version);
  if (!lookup) return [unknownFinding(setting, input)];
  const index = lookup.index !== undefined ? indexFinding(setting, lookup) : undefined;
  if (index) return [index];
  const value = valueFinding(setting, lookup, input.version);
  if (value?.pgpool) return [value];
  const found = [value, crashFinding(setting, lookup), unquotedPathFinding(setting, input.lines)].filter((f): f is Finding => f !== undefined);
  if (!setting.valueKind && !found.length) {
    found.push({ range: setting.nameRange, code: CODES.missingValue, severity: 'warning', setting: setting.name, message: `"${setting.name}" has no value: pgpool sets it to a line break`, hint: "Write `name = value` (an empty value is '')." });
  }
  return found;
}

function secondSettingFinding(setting: PgpoolSetting, previous: PgpoolSetting, lines: readonly string[]): Finding {
  const start = previous.valueRange!.start;
  const text = (lines[start.line] ?? '').slice(start.character, setting.range.end.character);
  const range = { start, end: setting.range.end };
  const joined = text.startsWith("'") ? text : `'${text.replace(/'/g, "\\'")}'`;
  return {
    range: setting.nameRange,
    code: CODES.secondSetting,
    severity: 'warning',
    setting: setting.name,
    message: `pgpool reads "${setting.name}" as the name of another setting: the value of ${previous.name} ends before it`,
    hint: 'Quote a value with spaces.',
    fixes: text.startsWith("'") ? [] : [replaceFix(`Quote ${joined}`, range, joined, true)],
  };
}

/** pgpool.conf diagnostics for the target version, in file order. */
export function validatePgpool(input: PgpoolCheckInput): Diagnostic[] {
  const findings: Finding[] = [];
  let previous: PgpoolSetting | undefined;
  let pathLine = -1;
  for (const item of input.parsed.items) {
    if (item.kind === 'syntax-error') {
      findings.push(syntaxFinding(item));
      previous = undefined;
      continue;
    }
    if (item.followsValue && item.line === pathLine) continue;
    const own = settingFindings(item, input);
    if (own.some((f) => f.code === CODES.unquotedPath)) pathLine = item.line;
    // A second name on the line is only worth its own words when pgpool does not know it either.
    if (item.followsValue && previous && own[0]?.code === CODES.unknownSetting) findings.push(secondSettingFinding(item, previous, input.lines));
    else findings.push(...own);
    previous = item;
  }
  findings.push(...afterReading(input));
  // pgpool reads the whole file before it sets anything: a syntax error anywhere is what it reports.
  const syntax = findings.filter((f) => f.code === CODES.syntax);
  return [...syntax, ...findings.filter((f) => f.code !== CODES.syntax)].map(toDiagnostic).concat(overridden(input.parsed));
}

/** pgpool's boolean: what is not a boolean reads as on. */
const truthy = (value: string | undefined, fallback: boolean) => (value === undefined ? fallback : (parseBool(value) ?? true));

/** Checked by pgpool once every value is set. */
function afterReading(input: PgpoolCheckInput): Finding[] {
  const last = input.parsed.last;
  const found = [recoveryFinding(last), spareChildrenFinding(last, input), cacheBlockFinding(last, input), heartbeatFinding(last)];
  // The check reads the old replication_mode switch, which backend_clustering_mode does not set (pgpool 4.3 takes
  // backend_clustering_mode = 'native_replication' with the quorum setting on).
  const legacy = last.get('replication_mode');
  if (legacy && truthy(legacy.value, false) && truthy(last.get('failover_when_quorum_exists')?.value, true)) {
    const message = 'invalid configuration, failover_when_quorum_exists is not allowed in native replication mode';
    const at = legacy;
    found.push({ range: at.range, code: CODES.invalidValue, severity: 'error', setting: at.name, message, hint: 'Set failover_when_quorum_exists = off.', pgpool: `FATAL:  ${message}` });
  }
  return found.filter((f): f is Finding => f !== undefined);
}

/** Dynamic process management (4.4+) keeps at most max_spare_children idle children, no more than there are. */
function spareChildrenFinding(last: ReadonlyMap<string, PgpoolSetting>, input: PgpoolCheckInput): Finding | undefined {
  const value = (name: string) => last.get(name)?.value ?? input.catalog.lookup(name, input.version)?.facts.default;
  const mode = last.get('process_management_mode');
  if (!mode || mode.value.toLowerCase() !== 'dynamic') return undefined;
  const spare = Number(value('max_spare_children'));
  const children = Number(value('num_init_children'));
  if (!(spare > children)) return undefined;
  const message = `invalid configuration, max_spare_children:${spare} can't be greater than num_init_children:${children}`;
  return { range: mode.range, code: CODES.invalidValue, severity: 'error', setting: mode.name, message, hint: 'Lower max_spare_children or raise num_init_children.', pgpool: `FATAL:  ${message}` };
}

/** pgpool 4.3 and 4.6 refuse a query cache smaller than one block; 4.6 (seen by the differential run; 4.3 not) also a cache block smaller than the largest cached result. */
function cacheBlockFinding(last: ReadonlyMap<string, PgpoolSetting>, input: PgpoolCheckInput): Finding | undefined {
  if (input.version !== '4.6' && input.version !== '4.3') return undefined;
  const bytes = (name: string) => {
    const parsed = parseNumberWithUnit(last.get(name)?.value ?? input.catalog.lookup(name, input.version)?.facts.default ?? '', true, baseUnitOf('B'));
    return parsed.ok ? parsed.value : undefined;
  };
  const block = bytes('memqcache_cache_block_size');
  const max = bytes('memqcache_maxcache');
  // The whole cache must hold one block at least (pgpool reads the size as a whole number: .5 is 0).
  const total = bytes('memqcache_total_size');
  const small = block !== undefined && total !== undefined && Math.floor(total) < block ? last.get('memqcache_total_size') : undefined;
  if (small && block !== undefined && total !== undefined) {
    const detail = `memqcache_total_size ${Math.floor(total)} should be greater or equal to memqcache_cache_block_size ${block}`;
    return { range: small.range, code: CODES.outOfRange, severity: 'error', setting: small.name, message: `invalid memory cache configuration: ${detail}`, pgpool: `FATAL:  invalid memory cache configuration\nDETAIL:  ${detail}` };
  }
  const at = last.get('memqcache_cache_block_size') ?? last.get('memqcache_maxcache');
  if (input.version !== '4.6' || block === undefined || max === undefined || block >= max || !at) return undefined;
  const detail = `memqcache_cache_block_size ${block} should be greater or equal to memqcache_maxcache ${max}`;
  return { range: at.range, code: CODES.outOfRange, severity: 'error', setting: at.name, message: `invalid memory cache configuration: ${detail}`, pgpool: `FATAL:  invalid memory cache configuration\nDETAIL:  ${detail}` };
}

/** Online recovery needs every backend's data directory. */
function recoveryFinding(last: ReadonlyMap<string, PgpoolSetting>): Finding | undefined {
  const command = ['recovery_1st_stage_command', 'recovery_2nd_stage_command'].map((n) => last.get(n)).find((s) => s && s.value !== '');
  if (!command) return undefined;
  const backends = [...last.keys()].flatMap((n) => /^backend_hostname(\d+)$/.exec(n)?.[1] ?? []);
  const missing = backends.find((i) => (last.get(`backend_data_directory${i}`)?.value ?? '') === '');
  if (missing === undefined) return undefined;
  const message = 'invalid configuration, recovery_1st_stage_command and recovery_2nd_stage_command requires backend_data_directory to be set';
  return { range: command.range, code: CODES.recoveryDataDirectory, severity: 'error', setting: command.name, message, hint: `Set backend_data_directory${missing} (and one per backend).`, pgpool: `FATAL:  ${message}` };
}

/**
 * A heartbeat port of another node (index 1 up) needs that node's heartbeat host name, watchdog on or off (the real
 * 4.3 and 4.6 refuse it; index 0 goes through). pgpool reads the index as a number: heartbeat_port01 is node 1.
 */
function heartbeatFinding(last: ReadonlyMap<string, PgpoolSetting>): Finding | undefined {
  const hosts = new Set([...last].flatMap(([name, setting]) => (/^heartbeat_hostname(\d+)$/.exec(name) && setting.value !== '' ? [Number(name.slice('heartbeat_hostname'.length))] : [])));
  const port = [...last].find(([name]) => /^heartbeat_port\d+$/.test(name) && Number(name.slice('heartbeat_port'.length)) > 0 && !hosts.has(Number(name.slice('heartbeat_port'.length))))?.[1];
  if (!port) return undefined;
  const index = Number(port.name.slice('heartbeat_port'.length));
  const detail = `heartbeat_hostname${index} is not defined`;
  return { range: port.range, code: CODES.invalidValue, severity: 'error', setting: port.name, message: `invalid watchdog configuration: ${detail}`, hint: `Set heartbeat_hostname${index} (the host that node's heartbeat goes to), or remove ${port.name}.`, pgpool: `FATAL:  invalid watchdog configuration\nDETAIL:  ${detail}` };
}

/** An earlier line of a name set again: the later line wins. */
function overridden(parsed: ParsedPgpool): Diagnostic[] {
  const last = parsed.last;
  return parsed.settings
    .filter((setting) => last.get(setting.name) !== setting)
    .map((setting) =>
      toDiagnostic({ range: setting.range, code: CODES.overridden, severity: 'hint', setting: setting.name, message: `"${setting.name}" is set again on line ${last.get(setting.name)!.line + 1}, which wins`, unnecessary: true }),
    );
}

/**
 * pgbouncer.ini checked like PgBouncer loads it: every line the program would refuse (it stops at the first;
 * we report them all) with its words, then what it takes quietly but a user must hear about (crossChecks.ts).
 */
import type { Diagnostic, Range } from 'vscode-languageserver-types';
import type { FileSystemHost } from '../../../core/fileSystem';
import { baseName } from '../../../core/paths';
import { replaceFix } from '../../diagnostics';
import { closestMatches } from '../pgconf/didYouMean';
import { PGBOUNCER_CODES as CODES, pgbouncerDiagnostic, type PgbouncerCode } from './codes';
import { judgeEntry, rangeIn, type EntrySection } from './connString';
import { crossChecks } from './crossChecks';
import { skippedEntryMessage } from './skippedEntries';
import { IncludeReader } from './includes';
import type { PgbouncerKnowledge, SectionName, VersionKnowledge } from './knowledge';
import type { IniItem, ParsedIni } from './parser';
import type { ServerLimit } from './targetVersion';
import { acceptsValue } from './values';

type SettingItem = Extract<IniItem, { kind: 'setting' }>;

/** One [pgbouncer] setting as read, with where it was (the include line when it came from an included file). */
export interface ReadSetting {
  item: SettingItem;
  at: Range;
  file: string;
}

export interface ValidationInput {
  parsed: ParsedIni;
  /** Path of the document (for messages and relative includes); '' when it has none. */
  file: string;
  knowledge: PgbouncerKnowledge;
  version: string;
  /** Whether the version was assumed (no stack or image tells it). */
  versionAssumed?: boolean;
  fs: FileSystemHost;
  /** Connection limits of the stack's servers (pool sizes are checked against them). */
  serverLimits?: ServerLimit[];
}

/** What the walk keeps while reading the file and its includes. */
interface WalkState {
  version: VersionKnowledge;
  input: ValidationInput;
  includes: IncludeReader;
  section: SectionName | 'unknown' | undefined;
  sawMain: boolean;
  seen: Map<string, ReadSetting>;
  settings: Map<string, ReadSetting>;
  entries: { section: EntrySection; name: string; value: string; at: Range }[];
  diagnostics: Diagnostic[];
}

/** Where a diagnostic goes: the item's own range in the document, or the include line for an included file. */
interface Place {
  file: string;
  includeAt?: Range;
  chain: readonly string[];
}

/** "Did you mean 'a' or 'b'?" and a fix per candidate (the first preferred). */
const didYouMean = (suggestions: string[]) => `Did you mean ${suggestions.map((s) => `'${s}'`).join(' or ')}?`;
const changeTo = (suggestions: string[], range: Range) => suggestions.map((s, i) => replaceFix(`Change to '${s}'`, range, s, i === 0));

const where = (place: Place, line: number) => `${baseName(place.file) || 'pgbouncer.ini'}:${line + 1}`;

function report(state: WalkState, place: Place, range: Range, code: PgbouncerCode, severity: 'error' | 'warning' | 'information', message: string, hint?: string, fixes?: ReturnType<typeof replaceFix>[]) {
  if (place.includeAt) {
    state.diagnostics.push(pgbouncerDiagnostic({ range: place.includeAt, code, severity, message, hint: `In ${place.file} line ${range.start.line + 1}.${hint ? ` ${hint}` : ''}` }));
    return;
  }
  state.diagnostics.push(pgbouncerDiagnostic({ range, code, severity, message, hint, data: fixes?.length ? { fixes } : {} }));
}

function onSection(state: WalkState, place: Place, item: Extract<IniItem, { kind: 'section' }>) {
  const name = item.name.text;
  if ((state.version.sections as readonly string[]).includes(name)) {
    state.section = name as SectionName;
    if (name === 'pgbouncer') state.sawMain = true;
    return;
  }
  state.section = 'unknown';
  const known = state.version.sections.filter((section) => section.toLowerCase() === name.trim().toLowerCase());
  const later = name === 'peers' ? ` [peers] exists from PgBouncer 1.21; this file is read as ${state.version.version}.` : '';
  const fixes = known.map((section) => replaceFix(`Change to [${section}]`, item.name.range, section, true));
  report(state, place, item.name.range, CODES.unknownSection, 'error', `invalid section "${name}" in configuration (${where(place, item.line)})`, `PgBouncer knows ${state.version.sections.map((s) => `[${s}]`).join(', ')} (names are case-sensitive).${later}`, fixes);
}

function invalidValueLine(place: Place, item: SettingItem) {
  return `invalid value "${item.value.text}" for parameter ${item.key.text} in configuration (${where(place, item.line)})`;
}

function onMainSetting(state: WalkState, place: Place, item: SettingItem) {
  const key = item.key.text;
  const facts = state.version.settings.get(key);
  if (!facts) {
    const elsewhere = state.input.knowledge.versionsOf(key);
    const code = elsewhere.length ? CODES.addedLaterParameter : CODES.unknownParameter;
    const suggestions = elsewhere.length ? [] : closestMatches(key, [...state.version.settings.keys()]);
    const hint = elsewhere.length
      ? `PgBouncer ${elsewhere.join(', ')} knows ${key}; this file is read as ${state.version.version}${state.input.versionAssumed ? ' (assumed: no compose service that mounts it names an image version)' : ''}.`
      : suggestions.length ? didYouMean(suggestions) : 'Remove it or check the spelling (keys are case-sensitive).';
    report(state, place, item.key.range, code, 'error', `unknown parameter: pgbouncer/${key}`, hint, changeTo(suggestions, item.key.range));
    return;
  }
  if (!acceptsValue(facts, item.value.text)) {
    const hint = valueHint(facts.type, facts.values);
    const fixes = (facts.values ?? []).filter((v) => closestMatches(item.value.text, [v]).length).map((v) => replaceFix(`Change to '${v}'`, item.value.range, v, true));
    report(state, place, item.value.text ? item.value.range : item.range, CODES.invalidValue, 'error', invalidValueLine(place, item), hint, fixes);
  }
  const read = { item, at: place.includeAt ?? item.range, file: place.file };
  state.settings.set(key, read);
}

function valueHint(type: string, values?: string[]): string {
  switch (type) {
    case 'int':
    case 'bool':
      return 'PgBouncer wants a whole number here (on/off settings are 0 or 1; no units, a leading 0 means octal).';
    case 'real':
      return 'PgBouncer wants a number of seconds here, without a unit (0.5 for half a second; not negative).';
    case 'enum':
      return `PgBouncer accepts ${(values ?? []).join(', ')}.`;
    default:
      return '';
  }
}

function onEntry(state: WalkState, place: Place, item: SettingItem, section: EntrySection) {
  const keys = state.version.sectionKeys[section];
  const found = judgeEntry(section, item.key.text, item.value.text, keys);
  const skipped = found && state.version.entryErrors === 'skipped' ? skippedEntryMessage(section, item.key.text, item.value.text, found) : undefined;
  const problem = found && state.version.entryErrors === 'skipped' && !skipped ? undefined : found;
  if (!problem) {
    state.entries.push({ section, name: item.key.text, value: item.value.text, at: place.includeAt ?? item.range });
    return;
  }
  const range = problem.kind === 'name' ? item.key.range : problem.at ? rangeIn(item.value, problem.at.start, problem.at.end) : item.value.range;
  const code = problem.kind === 'unknown-key' ? CODES.unknownConnectionKey : CODES.invalidEntry;
  let hint: string | undefined;
  let fixes: ReturnType<typeof replaceFix>[] = [];
  if (problem.kind === 'unknown-key' && problem.key !== undefined) {
    const elsewhere = state.input.knowledge.versions.filter((v) => state.input.knowledge.of(v).sectionKeys[section].includes(problem.key!));
    const suggestions = closestMatches(problem.key, keys);
    hint = elsewhere.length ? `PgBouncer ${elsewhere.join(', ')} knows ${problem.key} here; this file is read as ${state.version.version}.` : suggestions.length ? didYouMean(suggestions) : `[${section}] takes ${keys.join(', ')}.`;
    fixes = changeTo(suggestions, range);
  } else if (problem.kind === 'syntax') hint = "Entries are key=value pairs separated by spaces; quote a value that has spaces with '…' (a quote inside is '').";
  if (skipped) {
    const left = `PgBouncer ${state.version.version} starts without this ${section === 'users' ? 'user\'s settings' : 'database: clients asking for it are refused'}.`;
    report(state, place, range, code, 'warning', skipped, hint ? `${left} ${hint}` : left, fixes);
    return;
  }
  report(state, place, range, code, 'error', problem.message, hint, fixes);
}

function onSetting(state: WalkState, place: Place, item: SettingItem) {
  const section = state.section;
  if (section === undefined) {
    report(state, place, item.key.range, CODES.noSection, 'error', `load_init_file: value without section: ${item.key.text}`, 'Put a [pgbouncer] or [databases] header above it.');
    return;
  }
  if (section === 'unknown') return;
  const seenKey = `${section}\u0000${item.key.text}`;
  const earlier = state.seen.get(seenKey);
  if (earlier && !place.includeAt && earlier.file === place.file) {
    state.diagnostics.push(pgbouncerDiagnostic({ range: earlier.item.range, code: CODES.overridden, severity: 'warning', message: `${item.key.text} is set again on line ${item.line + 1}`, hint: 'PgBouncer uses the later value; remove one of them.', unnecessary: true }));
  }
  state.seen.set(seenKey, { item, at: place.includeAt ?? item.range, file: place.file });
  if (section === 'pgbouncer') onMainSetting(state, place, item);
  else onEntry(state, place, item, section);
}

function walk(state: WalkState, parsed: ParsedIni, place: Place) {
  for (const item of parsed.items) {
    if (item.kind === 'section') onSection(state, place, item);
    else if (item.kind === 'setting') onSetting(state, place, item);
    else if (item.kind === 'syntax') report(state, place, item.range, CODES.syntax, 'error', `syntax error in configuration (${where(place, item.line)}), stopping loading`, syntaxHint(item.what));
    else {
      const included = state.includes.read(place.file, item, place.chain);
      if (included.problem) {
        const code = included.problem.kind === 'cycle' ? CODES.includeCycle : CODES.includeMissing;
        report(state, place, item.path.range, code, 'error', included.problem.message, included.problem.kind === 'missing' ? 'PgBouncer stops loading here ("error processing include file").' : undefined);
      } else if (included.parsed) walk(state, included.parsed, { file: included.path, includeAt: place.includeAt ?? item.range, chain: [...place.chain, included.path] });
    }
  }
}

function syntaxHint(what: 'section' | 'setting' | 'include'): string {
  if (what === 'section') return 'A section header is [name] on one line.';
  if (what === 'include') return 'Write %include followed by a file name.';
  return 'PgBouncer stops reading the file here: a setting is key = value, and keys have only letters, digits and _ . - *.';
}

export function validatePgbouncer(input: ValidationInput): Diagnostic[] {
  const state: WalkState = {
    version: input.knowledge.of(input.version),
    input,
    includes: new IncludeReader(input.fs),
    section: undefined,
    sawMain: false,
    seen: new Map(),
    settings: new Map(),
    entries: [],
    diagnostics: [],
  };
  walk(state, input.parsed, { file: input.file, chain: input.file ? [input.file] : [] });
  if (!state.sawMain) {
    const range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    state.diagnostics.push(pgbouncerDiagnostic({ range, code: CODES.mainSectionMissing, severity: 'error', message: 'load_init_file: main section missing from config file', hint: 'PgBouncer needs a [pgbouncer] section (listen_port, auth settings …).' }));
  } else state.diagnostics.push(...crossChecks({ settings: state.settings, entries: state.entries, version: state.version, file: input.file, fs: input.fs, serverLimits: input.serverLimits ?? [] }));
  return state.diagnostics;
}

import type { Diagnostic, Range } from 'vscode-languageserver-types';
import type { Catalog, Major } from '../../catalog/types';
import type { ParsedConf, SettingNode, SyntaxErrorNode } from './ast';
import { replaceFix, type Fix, type Severity } from '../../diagnostics';
import { CODES, pgconfDiagnostic, quoteConfValue } from './codes';
import { crossCheck, effectiveValues } from './crossChecks';
import { closestMatches } from './didYouMean';
import type { EffectiveSetting, IncludeGraph } from './includes';
import { BOM_HINT, BYTE_ORDER_MARK, SettingJudge, type SettingVerdict } from './judge';
import { tokenizeLine } from './lexer';
import { priorSettings } from './priorSettings';
import { pathToFileURL } from 'url';
import { runSteps, type Steps } from '../../service/steps';

/** Settings judged per step of a stepped check: only files far bigger than a real postgresql.conf yield. */
export const CHECK_STEP_SETTINGS = 4096;

export interface ValidateInput {
  text: string;
  parsed: ParsedConf;
  catalog: Catalog;
  major: Major;
  /** Absolute path of the document ('' when it has none); matches EffectiveSetting.file. */
  file: string;
  graph: IncludeGraph;
  /** Remembers verdicts across calls (the service keeps one); a fresh one judges everything. */
  judge?: SettingJudge;
  /** The major is only the configured default: nothing beside the file tells which major it is for. */
  majorAssumed?: boolean;
}

/**
 * A parameter removed before 13 in a file whose major nothing tells: the file is most likely for that older major,
 * which pgha does not check, rather than a mistake for the assumed one. Said as information.
 */
function removedBefore13(verdict: SettingVerdict, assumed: boolean | undefined, major: Major): { severity: Severity; hint?: string } {
  if (!assumed || verdict.code !== CODES.removedParameter || verdict.majors?.length !== 0) return { severity: 'error', hint: verdict.hint };
  const [removed, ...advice] = (verdict.hint ?? '').split('. ');
  const hint = `${removed}. Nothing beside this file tells its major (no PG_VERSION, no compose service mounting it), so it may be for an older PostgreSQL, which pgha does not check (13–18 only). If it is for ${major}: ${advice.join('. ').replace(/^./, (c) => c.toLowerCase())}`;
  return { severity: 'information', hint };
}

const NAME_CODES = new Set<string>([CODES.unknownParameter, CODES.removedParameter, CODES.addedLaterParameter, CODES.internalParameter]);

/** Quick fixes for a syntax error: join a number and its unit, or quote the whole value. */
function syntaxFixes(lineText: string, error: SyntaxErrorNode): Fix[] {
  const tokens = tokenizeLine(lineText).filter((t) => t.type !== 'comment');
  if (tokens.length < 3 || (tokens[0].type !== 'id' && tokens[0].type !== 'qualified-id')) return [];
  const first = tokens[1].type === 'equals' ? 2 : 1;
  const valueTokens = tokens.slice(first);
  if (valueTokens.length < 2 || valueTokens.some((t) => t.type === 'equals')) return [];
  const start = valueTokens[0].start;
  const end = valueTokens[valueTokens.length - 1].end;
  const range: Range = { start: { line: error.line, character: start }, end: { line: error.line, character: end } };
  const fixes: Fix[] = [];
  const [number, unit] = valueTokens;
  if (valueTokens.length === 2 && number.type === 'integer' && unit.type === 'id' && /^(B|kB|MB|GB|TB|us|ms|s|min|h|d)$/i.test(unit.text)) {
    fixes.push(replaceFix(`Write ${number.text}${unit.text} without a space`, range, `${number.text}${unit.text}`, true));
  }
  const raw = lineText.slice(start, end);
  fixes.push(replaceFix(`Quote the value: ${quoteConfValue(raw)}`, range, quoteConfValue(raw), fixes.length === 0));
  return fixes;
}

function settingFixes(setting: SettingNode, verdict: SettingVerdict, catalog: Catalog, major: Major): Fix[] {
  const fixes: Fix[] = [];
  const asValue = (value: string) => (setting.valueKind === 'string' || !/^[A-Za-z0-9_.-]+$/.test(value) ? quoteConfValue(value) : value);
  if (verdict.rename) {
    if (verdict.rename.value !== undefined) {
      const range = { start: setting.nameRange.start, end: setting.valueRange.end };
      fixes.push(replaceFix(`Replace with ${verdict.rename.name} = ${verdict.rename.value}`, range, `${verdict.rename.name} = ${verdict.rename.value}`, true));
    } else fixes.push(replaceFix(`Rename to ${verdict.rename.name}`, setting.nameRange, verdict.rename.name, true));
    return fixes;
  }
  if (verdict.code === CODES.unknownParameter) {
    (verdict.suggestions ?? []).forEach((name, i) => fixes.push(replaceFix(`Change to '${name}'`, setting.nameRange, name, i === 0)));
  } else if (verdict.code === CODES.invalidUnit) {
    for (const value of verdict.suggestions ?? []) fixes.push(replaceFix(`Change to ${asValue(value)}`, setting.valueRange, asValue(value), true));
  } else if (verdict.code === CODES.invalidValue && catalog.get(setting.name, major)?.vartype === 'enum') {
    const close = closestMatches(setting.value, verdict.suggestions ?? [], 3);
    close.forEach((value, i) => fixes.push(replaceFix(`Change to ${asValue(value)}`, setting.valueRange, asValue(value), i === 0 && close.length === 1)));
  }
  return fixes;
}

/** Syntax errors: PostgreSQL refuses the whole file; fixes join a number and its unit or quote the value. */
function syntaxDiagnostics(text: string, parsed: ParsedConf): Diagnostic[] {
  // Only syntax errors need the line text; most edits have none.
  const lines = parsed.errors.length ? text.split('\n') : [];
  return parsed.errors.map((error) =>
    pgconfDiagnostic({
      range: error.range,
      code: CODES.syntax,
      severity: 'error',
      message: error.message,
      hint:
        error.line === 0 && text.startsWith(BYTE_ORDER_MARK)
          ? `PostgreSQL refuses the whole file. ${BOM_HINT}`
          : 'PostgreSQL refuses the whole file. Values with spaces or a fractional number with a unit need quotes.',
      data: { fixes: syntaxFixes(lines[error.line] ?? '', error) },
    }),
  );
}

/**
 * A line whose value a later line (here or in an include) replaces. `skipped`: PostgreSQL's verdict on its value,
 * which it never checks while the later line is there; said now, before the later line goes and it counts.
 */
function overriddenDiagnostic(setting: SettingNode, by: EffectiveSetting, file: string, uriOf: (path: string) => string, skipped?: SettingVerdict): Diagnostic {
  const where = by.file || file;
  const wouldFail = skipped && !skipped.accepted && skipped.code ? `. Its own value would be invalid if that line went away: ${skipped.message ?? 'invalid setting'}` : '';
  const wholeLine = { start: { line: setting.line, character: 0 }, end: { line: setting.line + 1, character: 0 } };
  return pgconfDiagnostic({
    range: setting.range,
    code: CODES.overridden,
    severity: 'hint',
    message: `"${setting.name}" is set again later (line ${by.setting.line + 1}${where !== file ? ` of ${where}` : ''}); that value wins${wouldFail}`,
    unnecessary: true,
    data: { parameter: setting.key, fixes: [replaceFix('Remove the overridden line', wholeLine, '')] },
    related: [{ location: { uri: where ? uriOf(where) : '', range: by.setting.range }, message: `"${by.setting.name}" set again here` }],
  });
}

/** Where each setting stands in reading order, and the last position of each key and each name as written. */
function readingOrder(ordered: EffectiveSetting[]) {
  const indexOf = new Map<SettingNode, number>();
  const lastByKey = new Map<string, number>();
  const lastByName = new Map<string, number>();
  ordered.forEach((entry, i) => {
    indexOf.set(entry.setting, i);
    lastByKey.set(entry.setting.key, i);
    lastByName.set(entry.setting.name, i);
  });
  return { indexOf, lastByKey, lastByName };
}

/** Everything PostgreSQL would complain about in this document, plus our cross-setting checks. */
export function validateConf(input: ValidateInput): Diagnostic[] {
  return runSteps(validateConfSteps(input));
}

/** validateConf in steps: yields every CHECK_STEP_SETTINGS settings. */
export function* validateConfSteps(input: ValidateInput): Steps<Diagnostic[]> {
  const { parsed, major, graph, file, catalog } = input;
  const judge = input.judge ?? new SettingJudge(catalog);
  const uriCache = new Map<string, string>();
  const uriOf = (path: string) => uriCache.get(path) ?? uriCache.set(path, pathToFileURL(path).toString()).get(path)!;
  const diagnostics = syntaxDiagnostics(input.text, parsed);
  const ordered = graph.settings;
  const { indexOf, lastByKey, lastByName } = readingOrder(ordered);
  yield;
  const values = effectiveValues(catalog, major, ordered, judge);
  yield;
  const otherNumber = (name: string) => Number(values.get(name));
  const priorAt = priorSettings(ordered);

  for (const [i, setting] of parsed.settings.entries()) {
    if (i > 0 && i % CHECK_STEP_SETTINGS === 0) yield;
    const index = indexOf.get(setting) ?? -1;
    const lastOfKey = lastByKey.get(setting.key) ?? -1;
    // PostgreSQL skips earlier lines of exactly the same known name without checking their values.
    const ignored = (lastByName.get(setting.name) ?? -1) > index && catalog.get(setting.key, major) !== undefined;
    if (lastOfKey > index) {
      const skipped = ignored ? judge.judge(major, setting.name, setting.value, otherNumber, setting) : undefined;
      diagnostics.push(overriddenDiagnostic(setting, ordered[lastOfKey], file, uriOf, skipped));
    }
    if (ignored) continue;
    const verdict = judge.judge(major, setting.name, setting.value, otherNumber, setting, priorAt(index));
    if (verdict.accepted || !verdict.code) continue;
    const { severity, hint } = removedBefore13(verdict, input.majorAssumed, major);
    diagnostics.push(
      pgconfDiagnostic({
        range: NAME_CODES.has(verdict.code) ? setting.nameRange : setting.valueRange,
        code: verdict.code,
        severity,
        message: verdict.message ?? 'invalid setting',
        hint,
        data: { parameter: setting.key, suggestions: verdict.suggestions, majors: verdict.majors, fixes: settingFixes(setting, verdict, catalog, major) },
      }),
    );
  }
  diagnostics.push(...graph.diagnostics, ...crossCheck(values, major, file));
  return diagnostics;
}

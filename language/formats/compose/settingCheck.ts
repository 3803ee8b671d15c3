import type { Catalog, Major } from '../../catalog/types';
import { CODES } from '../pgconf/codes';
import { judgeSetting } from '../pgconf/judge';

/**
 * Checks one `-c name=value` the way postgres checks a command-line option: the name has dashes
 * turned into underscores, the value is taken verbatim (no quote processing, unlike postgresql.conf),
 * and a missing `=value` is fatal. Value semantics come from the one postgresql.conf value checker.
 */
export interface CommandSettingVerdict {
  code: 'compose/setting-missing-value' | 'compose/setting-unknown' | 'compose/setting-not-in-major' | 'compose/setting-internal' | 'compose/setting-invalid-value' | 'compose/setting-quoted';
  message: string;
  severity: 'error' | 'warning';
  suggestions?: string[];
}

export function checkCommandSetting(catalog: Catalog, major: Major, form: string, rawName: string, name: string, value: string | undefined): CommandSettingVerdict | undefined {
  if (!name) return { code: 'compose/setting-missing-value', message: 'postgres: option requires an argument -- \'c\' (write `-c name=value`)', severity: 'error' };
  if (value === undefined) {
    const shown = form === '--' ? `--${rawName}` : `-c ${rawName}`;
    return { code: 'compose/setting-missing-value', message: `${shown} requires a value: postgres refuses to start (write ${shown}=value)`, severity: 'error' };
  }
  // An empty catalog (not generated yet) can say nothing about names.
  if (catalog.names(major).length === 0) return undefined;
  // Names and values are judged by the one postgresql.conf judge; only the text handed to it differs.
  const verdict = judgeSetting(catalog, major, name, value);
  const quoted = /^(['"]).*\1$/.test(value);
  if (!verdict.accepted) {
    const hint = verdict.hint ? ` ${verdict.hint}` : '';
    switch (verdict.code) {
      case CODES.unknownParameter:
        return { code: 'compose/setting-unknown', message: `${verdict.message}: postgres refuses to start.${hint}`, severity: 'error', suggestions: verdict.suggestions };
      case CODES.removedParameter:
      case CODES.addedLaterParameter:
        return { code: 'compose/setting-not-in-major', message: `${verdict.message} in PostgreSQL ${major}.${hint}`, severity: 'error', suggestions: verdict.rename ? [verdict.rename.name] : undefined };
      case CODES.internalParameter:
        return { code: 'compose/setting-internal', message: `${verdict.message}.${hint}`, severity: 'error' };
      default: {
        const quotes = quoted ? ' The quotes reach PostgreSQL literally: on the command line they are not removed as in postgresql.conf.' : '';
        return { code: 'compose/setting-invalid-value', message: `${invalidValueMessage(name, value, verdict.message ?? "")}${hint}${quotes}`, severity: 'error', suggestions: quoted ? [value.slice(1, -1)] : verdict.suggestions };
      }
    }
  }
  const info = catalog.get(name, major);
  if (info?.vartype === 'string' && /^'.*'$/.test(value)) {
    return { code: 'compose/setting-quoted', message: `The value of "${name}" keeps its quotes: postgres does not remove quotes from command-line options, so it receives ${value}.`, severity: 'warning', suggestions: [value.slice(1, -1)] };
  }
  return undefined;
}

/** The effective value postgres would use for a setting given on the command line, if valid. */
export function bootValue(catalog: Catalog, major: Major, name: string, fallback: string): string {
  return catalog.get(name, major)?.bootVal ?? fallback;
}

/** Names within a small edit distance of `name`, closest first. */
export function similarNames(names: string[], name: string): string[] {
  const distance = (a: string, b: string) => {
    const row = Array.from({ length: b.length + 1 }, (_, i) => i);
    for (let i = 1; i <= a.length; i++) {
      let prev = row[0];
      row[0] = i;
      for (let j = 1; j <= b.length; j++) {
        const tmp = row[j];
        row[j] = Math.min(row[j] + 1, row[j - 1] + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
        prev = tmp;
      }
    }
    return row[b.length];
  };
  return names
    .map((n) => ({ n, d: distance(n, name) }))
    .filter((x) => x.d <= Math.max(2, Math.floor(name.length / 4)))
    .sort((a, b) => a.d - b.d)
    .slice(0, 3)
    .map((x) => x.n);
}

/** PostgreSQL's own wording when the judge already gives it; otherwise prefix it, so the name and value are always said once. */
function invalidValueMessage(name: string, value: string, judged: string): string {
  const base = judged.startsWith('invalid value for parameter') ? judged : `invalid value for parameter "${name}": "${value}". ${judged}`;
  return /[.:]$/.test(base) ? base : `${base}.`;
}

import type { Hover, Position } from 'vscode-languageserver-types';
import type { ParameterInfo } from '../../../catalog/types';
import type { SettingNode } from '../ast';
import { missingInMajorMarkdown, parameterMarkdown } from './describe';
import type { PgconfFeatureInput } from './input';
import { settingAt } from './locate';
import { readRecommendation } from './recommendations';
import { describeAmount, toBaseUnits } from './units';

export function pgconfHover(input: PgconfFeatureInput, position: Position): Hover | null {
  const found = settingAt(input.parsed, position);
  if (!found) return null;
  const { setting, part, commentedOut } = found;
  const range = part === 'name' ? setting.nameRange : setting.valueRange;
  const info = input.catalog.get(setting.key, input.major);
  if (!info) {
    const record = input.catalog.record(setting.key);
    return record ? { contents: { kind: 'markdown', value: missingInMajorMarkdown(record, input.major) }, range } : null;
  }
  const body = parameterMarkdown(info, readRecommendation(info.name));
  const value = part === 'value' ? valueLine(setting, info) : undefined;
  const note = commentedOut ? '_Commented out: PostgreSQL uses the default until the `#` is removed._' : undefined;
  const head = [value, note].filter(Boolean).join('\n\n');
  return { contents: { kind: 'markdown', value: head ? `${head}\n\n---\n\n${body}` : body }, range };
}

/** What the written value means, for numbers with units: `128MB` → `16384 × 8kB = 128MB`. */
function valueLine(setting: SettingNode, info: ParameterInfo): string | undefined {
  if (info.vartype !== 'integer' && info.vartype !== 'real') return undefined;
  const base = toBaseUnits(setting.value, info.unit);
  if (base === undefined || !info.unit) return undefined;
  const shown = info.vartype === 'integer' ? Math.round(base) : base;
  return `Value \`${setting.rawValue}\` = \`${describeAmount(shown, info.unit)}\``;
}

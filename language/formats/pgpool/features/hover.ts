import type { Hover, Position } from 'vscode-languageserver-types';
import type { PgpoolSetting } from '../parser';
import { describeSetting } from './describe';
import type { PgpoolFeatureInput } from './input';

const inside = (position: Position, setting: PgpoolSetting) =>
  position.line === setting.line && position.character >= setting.range.start.character && position.character <= setting.range.end.character;

/** The setting under the cursor, described for the target version (or the version that has it). */
export function pgpoolHover(input: PgpoolFeatureInput, position: Position): Hover | null {
  const setting = input.parsed.settings.find((s) => inside(position, s));
  if (!setting) return null;
  const lookup = input.catalog.lookup(setting.name, input.version);
  if (lookup) {
    const body = describeSetting(lookup.catalogName, lookup.facts, input.catalog.versionsOfName(lookup.catalogName));
    const node = lookup.index !== undefined && /^\d+$/.test(lookup.index) ? `_Node ${Number(lookup.index)}._\n\n` : '';
    return { contents: { kind: 'markdown', value: node + body }, range: setting.nameRange };
  }
  const other = input.catalog.anyVersion(setting.name);
  if (!other) return null;
  const body = describeSetting(other.lookup.catalogName, other.lookup.facts, other.versions);
  return { contents: { kind: 'markdown', value: `_Not a setting of pgpool-II ${input.version}._\n\n${body}` }, range: setting.nameRange };
}

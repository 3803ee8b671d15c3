/**
 * Where a pgbouncer.ini sends each database: its [databases] entries as routes (the cluster model's pooler
 * routes), and the text edit that points them at another host (failover re-pointing).
 */
import type { PoolerRoute } from '../../../core/model/topology';
import { parseConnString } from './connString';
import { parseIni, type IniItem } from './parser';

type SettingItem = Extract<IniItem, { kind: 'setting' }>;

/** The [databases] entries with the item they come from. */
function databaseEntries(text: string): SettingItem[] {
  const entries: SettingItem[] = [];
  let section = '';
  for (const item of parseIni(text).items) {
    if (item.kind === 'section') section = item.name.text;
    else if (item.kind === 'setting' && section === 'databases') entries.push(item);
  }
  return entries;
}

/** The routes of a pgbouncer.ini: one per [databases] entry (`*` is the fallback for any other name). */
export function pgbouncerRoutes(text: string): PoolerRoute[] {
  return databaseEntries(text).map((item) => {
    const pairs = new Map(parseConnString(item.value.text).pairs.map((pair) => [pair.key, pair.value]));
    const port = pairs.get('port');
    const user = pairs.get('user');
    return { database: item.key.text, host: pairs.get('host'), port: port ? Number.parseInt(port, 10) : undefined, dbname: pairs.get('dbname'), ...(user ? { user } : {}) };
  });
}

/**
 * The text with every [databases] entry whose host is one of `from` pointed at `to` (host and, when given, port),
 * or undefined when no entry names such a host. Only the host/port values change: comments and layout stay.
 */
export function repointPgbouncer(text: string, from: readonly string[], to: { host: string; port?: number }): string | undefined {
  const lines = text.split('\n');
  let changed = false;
  for (const item of databaseEntries(text)) {
    const pairs = parseConnString(item.value.text).pairs;
    const host = pairs.find((pair) => pair.key === 'host');
    if (!host || !from.includes(host.value)) continue;
    const edits = [{ start: host.valueStart, end: host.valueEnd, text: to.host }];
    const port = pairs.find((pair) => pair.key === 'port');
    if (port && to.port !== undefined) edits.push({ start: port.valueStart, end: port.valueEnd, text: String(to.port) });
    let value = item.value.text;
    for (const edit of edits.sort((a, b) => b.start - a.start)) value = value.slice(0, edit.start) + edit.text + value.slice(edit.end);
    const line = lines[item.line];
    const start = item.value.range.start.character;
    lines[item.line] = line.slice(0, start) + value + line.slice(item.value.range.end.character);
    changed = true;
  }
  return changed ? lines.join('\n') : undefined;
}

import type { PatroniKnowledge } from '../../patroni/environment';
import { CompletionItemKind, InsertTextFormat, type CompletionItem, type CompletionList, type Position, type Range } from 'vscode-languageserver-types';
import type { Catalog, Major } from '../../../catalog/types';
import { isMajor } from '../../../catalog/types';
import { ItemListCache, sharedRangeList } from '../../../service/completionList';
import { parameterDetail, parameterMarkdown, parameterShortDetail } from '../../pgconf/features/describe';
import type { ImageFlavor } from '../../../../core/model/topology';
import { BASEBACKUP_OPTIONS } from '../command';
import { suggestedTags } from '../images';
import { BASEBACKUP_DOCS, SERVICE_KEYS } from '../knowledge';
import { envLookup, type EnvLookup } from '../pgbouncerEnv';
import { healthcheckBlock } from '../rules/edits';
import { COMPOSE } from '../codes';
import { completionSpot, type CompletionSpot } from './completionContext';
import { serviceAt, type ComposeFeatureInput } from './input';
import type { ServiceInfo } from '../model';

/** What resolve needs: the list an item came from (its label names the parameter, variable or flag). */
interface CompletionData {
  /** The format id the language service routes resolve by. */
  format: typeof COMPOSE;
  list: 'setting' | 'env' | 'basebackup';
  major?: Major;
  flavor?: ImageFlavor;
}

const EMPTY: CompletionList = { isIncomplete: false, items: [] };

/** Completion inside PostgreSQL services (and anchors they merge); other YAML gets nothing from us. */
export function composeCompletions(input: ComposeFeatureInput, position: Position): CompletionList {
  const { doc, model } = input;
  const offset = doc.offsetAt(position);
  const spot = completionSpot(model, offset);
  const service = serviceAt(model, offset);
  const inAnchor = spot.path[0]?.startsWith('x-') && model.pgRelated;
  const imageItems = imageCompletions(spot, position, !!service?.pgRelated || !!inAnchor);
  if (imageItems) return { isIncomplete: false, items: imageItems };
  if (!(service?.pgRelated || inAnchor)) return EMPTY;
  const flavor: ImageFlavor = service?.flavor ?? 'official';
  const major = service?.major ?? input.defaultMajor;
  const word = /[\w.-]*$/.exec(spot.prefix)![0];
  const range: Range = { start: { line: position.line, character: position.character - word.length }, end: position };
  const depth = spot.path[0] === 'services' ? 2 : 1;
  const parent = spot.path[depth];
  const cache = input.completionCache ?? new ItemListCache();
  const list =
    (spot.commandText !== undefined && commandCompletions(input.catalog, major, spot, range, cache)) ||
    (parent === 'environment' && spot.path.length === depth + 1 && runsPatroni(service) && input.patroni && patroniEnvCompletions(input.patroni, spot, range, cache)) ||
    (parent === 'environment' && spot.path.length === depth + 1 && envCompletions(flavor, spot, range, cache, envLookup(input.pgbouncerEnv))) ||
    (parent === 'healthcheck' && spot.path.length === depth + 1 && healthcheckCompletions(spot, range)) ||
    (spot.path.length === depth && /^\s*[\w-]*$/.test(spot.prefix) && serviceKeyCompletions(spot, range)) ||
    [];
  return Array.isArray(list) ? { isIncomplete: false, items: list } : list;
}

/** A service running Patroni: a Patroni or Spilo image, or PATRONI_* variables already set. */
function runsPatroni(service: ServiceInfo | undefined): boolean {
  return !!service && (/patroni|spilo/.test(service.image?.name ?? '') || service.env.some((e) => e.name.startsWith('PATRONI_')));
}

/** PATRONI_* names (from Patroni's catalog) at the start of an environment entry; nothing for values. */
function patroniEnvCompletions(patroni: PatroniKnowledge, spot: CompletionSpot, range: Range, cache: ItemListCache): CompletionList | undefined {
  if (!/^\s*(-\s*["']?)?[A-Z0-9_]*$/i.test(spot.prefix)) return undefined;
  const list = /^\s*-\s*["']?/.test(spot.prefix);
  const make = () => patroni.variables.map((v): CompletionItem => ({ label: v.name, kind: CompletionItemKind.Variable, detail: v.path || undefined, documentation: v.description, textEditText: list ? `${v.name}=` : `${v.name}: ` }));
  return sharedRangeList(cache.get(`env:patroni:${list}`, make), range);
}

function imageCompletions(spot: CompletionSpot, position: Position, pgService: boolean): CompletionItem[] | undefined {
  const m = /^\s*image:\s*["']?([^\s"']*)$/.exec(spot.prefix);
  if (!m) return undefined;
  const typed = m[1];
  const images = ['postgres', 'bitnami/postgresql', 'bitnami/postgresql-repmgr'];
  // Only when the user is clearly typing a PostgreSQL image: other images are not ours to complete.
  if (typed ? !images.some((i) => i.startsWith(typed.split(':')[0]) || typed.startsWith(i)) : !pgService) return undefined;
  const range: Range = { start: { line: position.line, character: position.character - typed.length }, end: position };
  const items: CompletionItem[] = [];
  suggestedTags().forEach((tag, i) => {
    const major = Number(tag.split('-')[0]);
    items.push({ label: `postgres:${tag}`, kind: CompletionItemKind.Value, detail: `PostgreSQL ${major}${isMajor(major) && major >= 18 ? ' · data in /var/lib/postgresql/18/docker' : ''}`, sortText: String(i).padStart(3, '0'), textEdit: { range, newText: `postgres:${tag}` } });
  });
  for (const major of [17, 16, 15]) items.push({ label: `bitnami/postgresql:${major}`, kind: CompletionItemKind.Value, detail: `Bitnami PostgreSQL ${major}`, sortText: `z${major}`, textEdit: { range, newText: `bitnami/postgresql:${major}` } });
  return items;
}

function serviceKeyCompletions(_spot: CompletionSpot, range: Range): CompletionItem[] {
  const items: CompletionItem[] = SERVICE_KEYS.map(([key, note]) => ({ label: key, kind: CompletionItemKind.Property, detail: note, textEdit: { range, newText: `${key}: ` } }));
  items.push({
    label: 'healthcheck (pg_isready over TCP)',
    kind: CompletionItemKind.Snippet,
    detail: 'pg_isready -h localhost: passes only when the real server accepts TCP connections',
    insertTextFormat: InsertTextFormat.Snippet,
    textEdit: { range, newText: healthcheckBlock('', '${1:postgres}').replace(/\n {2}/g, '\n  ').trimStart() },
  });
  return items;
}

function envCompletions(flavor: ImageFlavor, spot: CompletionSpot, range: Range, cache: ItemListCache, vars: EnvLookup): CompletionItem[] | CompletionList {
  const list = /^\s*-\s*["']?/.test(spot.prefix);
  const valueMatch = list ? /^\s*-\s*["']?([A-Z0-9_]+)=([^\s"']*)$/.exec(spot.prefix) : /^\s*([A-Z0-9_]+):\s*["']?([^"']*)$/.exec(spot.prefix);
  if (valueMatch) {
    const info = vars.find(valueMatch[1], flavor);
    const typed = valueMatch[2];
    const valueRange = { start: { line: range.end.line, character: range.end.character - typed.length }, end: range.end };
    return (info?.values ?? []).map((v) => ({ label: v, kind: CompletionItemKind.EnumMember, detail: info!.name, textEdit: { range: valueRange, newText: v } }));
  }
  if (!/^\s*(-\s*["']?)?[A-Z0-9_]*$/i.test(spot.prefix)) return [];
  const make = () =>
    vars.list(flavor).flatMap((v) => {
      const names = v.fileVariant ? [v.name, `${v.name}_FILE`] : [v.name];
      return names.map((name): CompletionItem => ({
        label: name,
        kind: CompletionItemKind.Variable,
        detail: envDetail(v),
        textEditText: list ? `${name}=` : `${name}: `,
      }));
    });
  const data: CompletionData = { format: COMPOSE, list: 'env', flavor };
  return sharedRangeList(cache.get(`env:${flavor}:${list}`, make), range, data);
}

/** The one-line detail of an environment variable item (the list's and resolve's). */
function envDetail(v: { initOnly?: boolean }): string | undefined {
  return v.initOnly ? 'read on first initialisation only' : undefined;
}

function healthcheckCompletions(spot: CompletionSpot, range: Range): CompletionItem[] {
  if (!/^\s*[a-z_]*$/.test(spot.prefix)) return [];
  return [
    {
      label: 'test: pg_isready -h localhost',
      kind: CompletionItemKind.Snippet,
      insertTextFormat: InsertTextFormat.Snippet,
      detail: 'Checks TCP readiness, so it fails while the entrypoint still initialises',
      textEdit: { range, newText: 'test: ["CMD", "pg_isready", "-h", "localhost", "-U", "${1:postgres}"]' },
    },
    ...['interval', 'timeout', 'retries', 'start_period'].map((k) => ({ label: k, kind: CompletionItemKind.Property, textEdit: { range, newText: `${k}: ` } })),
  ];
}

/** `-c name=value` names and values, and pg_basebackup flags, inside `command:`. */
function commandCompletions(catalog: Catalog, major: Major, spot: CompletionSpot, range: Range, cache: ItemListCache): CompletionItem[] | CompletionList | undefined {
  const listItem = /^\s*-\s*["']?([\w.-]*)$/.exec(spot.prefix);
  const afterListC = listItem && /^\s*-\s*["']?-c["']?\s*$/.test(spot.previousLine);
  const valueMatch = /(?:-c\s*|^\s*-\s*["']?)([A-Za-z_][\w.-]*)=([^\s"']*)$/.exec(spot.prefix);
  if (valueMatch && (/-c\s*[\w.-]+=[^\s]*$/.test(spot.prefix) || /^\s*-\s*-c/.test(spot.previousLine))) {
    const name = valueMatch[1].toLowerCase().replace(/-/g, '_');
    const info = catalog.get(name, major);
    const typed = valueMatch[2];
    const valueRange = { start: { line: range.end.line, character: range.end.character - typed.length }, end: range.end };
    const values = info?.vartype === 'bool' ? ['on', 'off'] : (info?.enumvals ?? []);
    return values.map((v) => ({ label: v, kind: CompletionItemKind.EnumMember, detail: `${name} (PostgreSQL ${major})`, textEdit: { range: valueRange, newText: v } }));
  }
  if (/(^|[\s"'[,])-c\s*[\w.-]*$/.test(spot.prefix) || afterListC) {
    const make = () =>
      catalog.names(major).map((name): CompletionItem => {
        const info = catalog.record(name)?.variants[major];
        return { label: name, kind: CompletionItemKind.Property, detail: info ? parameterShortDetail(info) : undefined, textEditText: `${name}=` };
      });
    const data: CompletionData = { format: COMPOSE, list: 'setting', major };
    return sharedRangeList(cache.get(`setting:${major}`, make), range, data);
  }
  if (/(^|[\s"'[,])--?[\w-]*$/.test(spot.prefix) && /pg_basebackup/.test(spot.commandText ?? '')) {
    const dashRange = { start: { line: range.end.line, character: range.end.character - /-*[\w-]*$/.exec(spot.prefix)![0].length }, end: range.end };
    const data: CompletionData = { format: COMPOSE, list: 'basebackup' };
    return sharedRangeList(cache.get('basebackup', basebackupItems), dashRange, data);
  }
  return undefined;
}

function basebackupItems(): CompletionItem[] {
  return BASEBACKUP_OPTIONS.map((o) => ({
    label: `--${o.long}`,
    kind: CompletionItemKind.Property,
    detail: o.short ? `-${o.short}` : undefined,
    sortText: ['host', 'slot', 'write-recovery-conf', 'pgdata', 'create-slot', 'port', 'username'].includes(o.long) ? `0${o.long}` : `1${o.long}`,
    textEditText: o.arg ? `--${o.long}=` : `--${o.long}`,
  }));
}

/** Documentation for an item of a shared list: the parameter, the environment variable or the pg_basebackup flag. */
export function resolveComposeCompletion(item: CompletionItem, catalog: Catalog, vars: EnvLookup = envLookup(undefined)): CompletionItem {
  const data = item.data as Partial<CompletionData> | undefined;
  if (data?.format !== COMPOSE) return item;
  if (data.list === 'setting' && data.major) {
    const info = catalog.get(item.label, data.major);
    return info ? { ...item, detail: parameterDetail(info), documentation: { kind: 'markdown', value: parameterMarkdown(info) } } : item;
  }
  if (data.list === 'env' && data.flavor) {
    const info = vars.find(item.label, data.flavor);
    return info ? { ...item, detail: envDetail(info), documentation: { kind: 'markdown', value: info.description } } : item;
  }
  if (data.list === 'basebackup') {
    const long = item.label.replace(/^--/, '');
    const short = BASEBACKUP_OPTIONS.find((o) => o.long === long)?.short;
    const docs = BASEBACKUP_DOCS[long];
    return { ...item, ...(short ? { detail: `-${short}` } : {}), ...(docs ? { documentation: docs } : {}) };
  }
  return item;
}

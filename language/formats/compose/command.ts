import { isMap, isScalar } from 'yaml';
import { deref, entries, getEntry, scalarText, seqItems, type AnchorTable, type Located, type Span } from './yaml/nodes';
import { literalWord, mapScalar, shellSplit, simpleCommands, slice, type MappedText, type Word } from './shell';

/** A `-c name=value` (or `--name=value`, or a short option like `-B`) given to `postgres`. */
export interface CommandSetting {
  /** Name as PostgreSQL looks it up: lower-case, dashes turned into underscores (as postgres does). */
  name: string;
  rawName: string;
  value?: string;
  nameSpan: Span;
  valueSpan?: Span;
  span: Span;
  /** The option as written: `-c`, `--`, or a short option such as `-B`. */
  form: string;
  /** True when a shell removed quotes from this word (string command or script). */
  shellQuoted: boolean;
}

export interface BasebackupOption {
  /** Canonical long name without dashes, e.g. `host`, `slot`, `write-recovery-conf`. */
  name: string;
  value?: string;
  span: Span;
  valueSpan?: Span;
}

export interface ProgramCall {
  program: string;
  words: Word[];
  /** Span of the program word. */
  span: Span;
  /** Run through gosu, su-exec, su, runuser or docker-entrypoint.sh: not as the container's own user. */
  switchesUser?: boolean;
}

/** Words keep per-character offsets only during analysis (see analyseCommand). */
export interface CommandAnalysis {
  form: 'none' | 'string' | 'list';
  /** Whole command value span (for diagnostics on the command as a whole). */
  span?: Span;
  calls: ProgramCall[];
  settings: CommandSetting[];
  /** Options of the first pg_basebackup call. */
  basebackup?: { options: BasebackupOption[]; span: Span };
  runsPostgres: boolean;
  /** First word of the container command (`postgres`, `bash`, …). */
  firstWord?: string;
  /** Every word, for completion context (position → word). */
  words: Word[];
  /** `entrypoint:` as compose passes it (string split into words, list kept); undefined when not set. */
  entrypoint?: string[];
}

const PROGRAMS = new Set(['postgres', 'pg_basebackup', 'pg_ctl', 'pg_isready', 'psql', 'pgbouncer', 'pgpool', 'repmgr', 'initdb', 'pg_autoctl', 'patroni']);
/** Wrappers that run the rest as another user (docker-entrypoint.sh drops root before starting postgres). */
const USER_SWITCHES = new Set(['gosu', 'su-exec', 'runuser', 'sudo', 'chpst', 'setpriv', 's6-setuidgid', 'docker-entrypoint.sh']);
const WRAPPERS = new Set(['exec', 'gosu', 'su-exec', 'nohup', 'env', 'time', 'docker-entrypoint.sh', 'until', 'while', 'if', 'then', 'do', 'else', '!', '{']);
const SHELLS = new Set(['bash', 'sh', 'dash', 'ash', 'su']);

/** postgres short options that set a parameter (as postgres's own option table does). */
export const POSTGRES_SHORT_OPTIONS: Record<string, string> = {
  B: 'shared_buffers',
  N: 'max_connections',
  p: 'port',
  h: 'listen_addresses',
  k: 'unix_socket_directories',
  D: 'data_directory',
  S: 'work_mem',
};

/** pg_basebackup options: short letter → long name, and whether it takes an argument. */
export const BASEBACKUP_OPTIONS: { short?: string; long: string; arg: boolean }[] = [
  { short: 'D', long: 'pgdata', arg: true },
  { short: 'F', long: 'format', arg: true },
  { short: 'r', long: 'max-rate', arg: true },
  { short: 'R', long: 'write-recovery-conf', arg: false },
  { short: 't', long: 'target', arg: true },
  { short: 'T', long: 'tablespace-mapping', arg: true },
  { long: 'waldir', arg: true },
  { short: 'X', long: 'wal-method', arg: true },
  { short: 'z', long: 'gzip', arg: false },
  { short: 'Z', long: 'compress', arg: true },
  { short: 'c', long: 'checkpoint', arg: true },
  { short: 'C', long: 'create-slot', arg: false },
  { short: 'l', long: 'label', arg: true },
  { short: 'n', long: 'no-clean', arg: false },
  { short: 'N', long: 'no-sync', arg: false },
  { short: 'P', long: 'progress', arg: false },
  { short: 'S', long: 'slot', arg: true },
  { short: 'v', long: 'verbose', arg: false },
  { short: 'd', long: 'dbname', arg: true },
  { short: 'h', long: 'host', arg: true },
  { short: 'p', long: 'port', arg: true },
  { short: 's', long: 'status-interval', arg: true },
  { short: 'U', long: 'username', arg: true },
  { short: 'w', long: 'no-password', arg: false },
  { short: 'W', long: 'password', arg: false },
  { short: 'i', long: 'incremental', arg: true },
  { long: 'no-slot', arg: false },
  { long: 'no-verify-checksums', arg: false },
  { long: 'no-manifest', arg: false },
  { long: 'manifest-checksums', arg: true },
  { long: 'manifest-force-encode', arg: false },
  { long: 'no-estimate-size', arg: false },
  { long: 'sync-method', arg: true },
];

const basename = (word: string) => word.slice(word.lastIndexOf('/') + 1);
const spanOfWord = (w: Pick<Word, 'start' | 'end'>): Span => ({ start: w.start, end: w.end });
const spanOfMapped = (m: MappedText): Span => ({ start: m.offsets[0] ?? m.end, end: m.end });

/** The value text of a scalar node with per-character document offsets. */
export function mappedScalar(loc: Located, anchors: AnchorTable, text: string): MappedText | undefined {
  const r = deref(loc, anchors);
  const node = r.node;
  if (!node || !isScalar(node) || !node.range) return undefined;
  const value = node.value === null || node.value === undefined ? '' : typeof node.value === 'string' ? node.value : (node.source ?? String(node.value));
  const start = r.base + node.range[0];
  return mapScalar(value, text.slice(start, r.base + node.range[1]), start);
}

/** Splits a shell script into program calls, descending into `bash -c "…"`. */
function callsOf(words: Word[], depth: number, out: ProgramCall[], switched = false): void {
  let i = 0;
  while (i < words.length && (WRAPPERS.has(words[i].text) || /^[A-Za-z_][A-Za-z0-9_]*=/.test(words[i].text))) {
    const word = basename(words[i].text);
    switched ||= USER_SWITCHES.has(word);
    // `gosu USER program …`: the next word is the user, not the program.
    i += word === 'gosu' || word === 'su-exec' ? 2 : 1;
  }
  const first = words[i];
  if (!first) return;
  const name = basename(first.text);
  if (SHELLS.has(name) && depth < 3) {
    const dashC = words.findIndex((w, k) => k > i && /^-[a-z]*c$/.test(w.text));
    const script = dashC >= 0 ? words[dashC + 1] : undefined;
    if (script) {
      for (const command of simpleCommands(shellSplit({ text: script.text, offsets: script.offsets, end: script.end }, true))) {
        callsOf(command, depth + 1, out, switched || name === 'su');
      }
    }
    return;
  }
  if (USER_SWITCHES.has(name)) switched = true;
  if (PROGRAMS.has(name)) out.push({ program: name, words: words.slice(i), span: spanOfWord(first), ...(switched ? { switchesUser: true } : {}) });
}

/** Program calls of a script file a service runs (a mounted entrypoint); offsets are positions in that file. */
export function scriptCalls(text: string): ProgramCall[] {
  const mapped: MappedText = { text, offsets: Array.from({ length: text.length }, (_, i) => i), end: text.length };
  const out: ProgramCall[] = [];
  for (const command of simpleCommands(shellSplit(mapped, true))) callsOf(command, 1, out);
  return out;
}

/** `-c name=value`, `-cname=value`, `--name=value` and parameter short options of one postgres call. */
export function postgresSettings(call: ProgramCall): CommandSetting[] {
  const settings: CommandSetting[] = [];
  const args = call.words.slice(1);
  for (let k = 0; k < args.length; k++) {
    const word = args[k];
    let body: MappedText | undefined;
    let form = '';
    let span: Span = spanOfWord(word);
    if (word.text === '-c' && args[k + 1]) {
      body = slice(args[k + 1], 0);
      form = '-c';
      span = { start: word.start, end: args[k + 1].end };
      k++;
    } else if (word.text === '-c') {
      settings.push({ name: '', rawName: '', nameSpan: spanOfWord(word), span, form: '-c', shellQuoted: false });
      continue;
    } else if (word.text.startsWith('-c') && word.text.length > 2) {
      body = slice(word, 2);
      form = '-c';
    } else if (word.text.startsWith('--') && word.text.length > 2) {
      body = slice(word, 2);
      form = '--';
    } else if (/^-[A-Za-z]$/.test(word.text) && POSTGRES_SHORT_OPTIONS[word.text[1]] && args[k + 1]) {
      const value = args[k + 1];
      settings.push({
        name: POSTGRES_SHORT_OPTIONS[word.text[1]],
        rawName: word.text,
        value: value.text,
        nameSpan: spanOfWord(word),
        valueSpan: spanOfWord(value),
        span: { start: word.start, end: value.end },
        form: word.text,
        shellQuoted: value.quoted,
      });
      k++;
      continue;
    }
    if (!body) continue;
    const eq = body.text.indexOf('=');
    const rawName = eq >= 0 ? body.text.slice(0, eq) : body.text;
    const nameMapped = slice(body, 0, eq >= 0 ? eq : body.text.length);
    const setting: CommandSetting = {
      name: rawName.toLowerCase().replace(/-/g, '_'),
      rawName,
      nameSpan: spanOfMapped(nameMapped),
      span,
      form,
      shellQuoted: word.quoted || (args[k]?.quoted ?? false),
    };
    if (eq >= 0) {
      const valueMapped = slice(body, eq + 1);
      setting.value = valueMapped.text;
      const start = valueMapped.offsets[0] ?? (body.offsets[eq] ?? body.end) + 1;
      setting.valueSpan = { start, end: valueMapped.offsets.length ? valueMapped.end : start };
    }
    settings.push(setting);
  }
  return settings;
}

/** Options of one pg_basebackup call, in canonical long form. */
export function basebackupOptions(call: ProgramCall): BasebackupOption[] {
  const options: BasebackupOption[] = [];
  const args = call.words.slice(1);
  for (let k = 0; k < args.length; k++) {
    const word = args[k];
    const t = word.text;
    if (t.startsWith('--')) {
      const eq = t.indexOf('=');
      const long = eq >= 0 ? t.slice(2, eq) : t.slice(2);
      const def = BASEBACKUP_OPTIONS.find((o) => o.long === long);
      const option: BasebackupOption = { name: long, span: spanOfWord(word) };
      if (eq >= 0) {
        const v = slice(word, eq + 1);
        option.value = v.text;
        option.valueSpan = spanOfMapped(v);
      } else if (def?.arg && args[k + 1]) {
        option.value = args[k + 1].text;
        option.valueSpan = spanOfWord(args[k + 1]);
        option.span = { start: word.start, end: args[k + 1].end };
        k++;
      }
      options.push(option);
    } else if (t.startsWith('-') && t.length > 1) {
      for (let j = 1; j < t.length; j++) {
        const def = BASEBACKUP_OPTIONS.find((o) => o.short === t[j]);
        const letterSpan = { start: word.offsets[j] ?? word.start, end: (word.offsets[j] ?? word.start) + 1 };
        if (!def) {
          options.push({ name: t[j], span: letterSpan });
          continue;
        }
        if (!def.arg) {
          options.push({ name: def.long, span: t.length === 2 ? spanOfWord(word) : letterSpan });
          continue;
        }
        if (j + 1 < t.length) {
          const v = slice(word, j + 1);
          options.push({ name: def.long, value: v.text, span: spanOfWord(word), valueSpan: spanOfMapped(v) });
        } else if (args[k + 1]) {
          options.push({ name: def.long, value: args[k + 1].text, span: { start: word.start, end: args[k + 1].end }, valueSpan: spanOfWord(args[k + 1]) });
          k++;
        } else options.push({ name: def.long, span: spanOfWord(word) });
        break;
      }
    }
  }
  return options;
}

/** The words of a `command:`/`entrypoint:` value as compose builds the argv: a string is split like a shell would (no shell runs), a list is kept. */
function splitWords(loc: Located | undefined, anchors: AnchorTable, text: string): { form: 'string' | 'list'; words: Word[]; span?: Span } | undefined {
  if (!loc) return undefined;
  const resolved = deref(loc, anchors);
  const node = resolved.node;
  // `entrypoint:` with no value (null) means "the image's default", like leaving the key out.
  if (!node || (isScalar(node) && (node.value === null || node.value === undefined))) return undefined;
  const r = node.range;
  const span = r ? { start: resolved.base + r[0], end: resolved.base + r[1] } : undefined;
  if (isScalar(node)) {
    const mapped = mappedScalar(resolved, anchors, text);
    if (!mapped) return undefined;
    return { form: 'string', words: shellSplit(mapped, false).filter((t): t is Word => 'text' in t), span };
  }
  const words: Word[] = [];
  for (const item of seqItems(resolved, anchors)) {
    const mapped = mappedScalar(item, anchors, text);
    if (mapped) words.push(literalWord(mapped));
  }
  return { form: 'list', words, span };
}

/**
 * Analyses `command:` (string or list form). With `entrypoint:` set, the process is entrypoint + command, so
 * both are searched for postgres/pg_basebackup calls (e.g. `entrypoint: [bash, -c, "pg_basebackup … && exec postgres"]`).
 */
export function analyseCommand(command: Located | undefined, anchors: AnchorTable, text: string, entrypoint?: Located, officialImage = true): CommandAnalysis {
  const analysis: CommandAnalysis = { form: 'none', calls: [], settings: [], runsPostgres: false, words: [] };
  const own = splitWords(command, anchors, text);
  const ep = splitWords(entrypoint, anchors, text);
  if (ep) analysis.entrypoint = ep.words.map((w) => w.text);
  if (!own && !ep?.words.length) return analysis;
  let words: Word[] = own?.words ?? [];
  if (own) {
    analysis.form = own.form;
    analysis.span = own.span;
    analysis.words = words;
    analysis.firstWord = words[0]?.text;
  }
  // The official entrypoint treats a first argument starting with `-` as options for postgres.
  const officialEntrypoint = officialImage && (!ep?.words.length || basename(ep.words[ep.words.length - 1].text) === 'docker-entrypoint.sh');
  if (officialEntrypoint && words[0]?.text.startsWith('-')) words = [{ ...words[0], text: 'postgres', offsets: [], end: words[0].start, quoted: false }, ...words];
  if (ep?.words.length) words = [...ep.words, ...words];
  callsOf(words, 0, analysis.calls);
  for (const call of analysis.calls) {
    if (call.program === 'postgres') {
      analysis.runsPostgres = true;
      analysis.settings.push(...postgresSettings(call));
    } else if (call.program === 'pg_basebackup' && !analysis.basebackup) {
      const opts = basebackupOptions(call);
      const last = call.words[call.words.length - 1];
      analysis.basebackup = { options: opts, span: { start: call.span.start, end: last.end } };
    }
  }
  // Per-character offsets are only needed while splitting; dropping them keeps re-used models cheap to move.
  for (const w of analysis.words) w.offsets = [];
  for (const call of analysis.calls) for (const w of call.words) w.offsets = [];
  return analysis;
}

export function basebackupOption(analysis: CommandAnalysis, ...names: string[]): BasebackupOption | undefined {
  return analysis.basebackup?.options.find((o) => names.includes(o.name));
}

/**
 * Settings in Bitnami's `POSTGRESQL_EXTRA_FLAGS`: the image splits the value on whitespace (no quote removal)
 * and appends the words to the postgres command line, so each `-c name=value` is checked as a command-line option.
 */
export function extraFlagSettings(environment: Located | undefined, anchors: AnchorTable, text: string): CommandSetting[] {
  const variable = 'POSTGRESQL_EXTRA_FLAGS';
  let mapped: MappedText | undefined;
  if (environment && isMap(deref(environment, anchors).node)) {
    const entry = getEntry(entries(environment, anchors).entries, variable);
    mapped = entry && mappedScalar(entry.value, anchors, text);
  } else {
    const item = seqItems(environment, anchors).find((i) => scalarText(i, anchors)?.startsWith(`${variable}=`));
    const whole = item && mappedScalar(item, anchors, text);
    mapped = whole && slice(whole, variable.length + 1);
  }
  if (!mapped?.text.trim()) return [];
  const words: Word[] = [];
  for (const match of mapped.text.matchAll(/\S+/g)) words.push(literalWord(slice(mapped, match.index, match.index + match[0].length)));
  const program: Word = { text: 'postgres', offsets: [], start: words[0].start, end: words[0].start, quoted: false };
  return postgresSettings({ program: 'postgres', words: [program, ...words], span: { start: program.start, end: program.end } });
}

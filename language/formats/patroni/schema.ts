/**
 * Patroni 3.0's configuration validator (patroni/validator.py, the code behind `patroni --validate-config`) over
 * the generated schema: the same walk, the same order and the same words. What depends on the machine Patroni runs
 * on (a port already in use, a host that does not resolve or answer, a data directory's contents, bin_dir's
 * programs) is left to the program itself: `checks.ts` says only what the text alone decides.
 */
import type { SchemaKey, SchemaNode, PyType } from './catalog';
import { runCheck } from './checks';
import type { PyNode, Span } from './document';
import { pyStr, pyTypeName } from './pyRepr';

export interface SchemaResult {
  status: boolean;
  error?: string;
  level: number;
  path: string;
  /** The value Patroni prints (its `data`); undefined prints as the empty string. */
  data?: PyNode;
  /** Where to point: the value, or the mapping a missing key belongs in. */
  span?: Span;
}

/** Patroni's message for a failed result: `path data error` (note the double space when data is empty). */
export function resultText(result: SchemaResult): string {
  return `${result.path} ${result.data ? pyStr(result.data) : ''} ${result.error ?? ''}`;
}

/** _get_type_name, including its "and integer" (sic). */
const TYPE_NAMES: Record<PyType, string> = { string: 'a string', integer: 'and integer', number: 'a number', boolean: 'a boolean', array: 'an array', object: 'a dictionary' };

export function isInstance(node: PyNode, type: PyType): boolean {
  switch (type) {
    case 'string':
      return node.kind === 'str';
    case 'integer': // bool is a subclass of int
      return node.kind === 'int' || node.kind === 'bool';
    case 'number':
      return node.kind === 'float';
    case 'boolean':
      return node.kind === 'bool';
    case 'array':
      return node.kind === 'list';
    case 'object':
      return node.kind === 'dict';
  }
}

const fail = (error: string, level: number, data: PyNode | undefined, span: Span | undefined): SchemaResult => ({ status: false, error, level, path: '', data, span });
const pass = (data: PyNode): SchemaResult => ({ status: true, level: 0, path: '', data, span: data });

function nest(prefix: string, result: SchemaResult, data?: PyNode): SchemaResult {
  return { ...result, path: prefix + (result.path ? `.${result.path}` : ''), data: data ?? result.data };
}

/** Schema.validate: the results for one value, failures and successes, in Patroni's order. */
export function* validateNode(schema: SchemaNode, data: PyNode): Generator<SchemaResult> {
  switch (schema.kind) {
    case 'string':
      yield isInstance(data, 'string') ? { ...pass(data), level: 1 } : fail('is not a string', 1, data, data);
      return;
    case 'type':
      yield isInstance(data, schema.type) ? { ...pass(data), level: 1 } : fail(`is not ${TYPE_NAMES[schema.type]}`, 1, data, data);
      return;
    case 'call': {
      if (schema.expected && !isInstance(data, schema.expected)) {
        yield fail(`is not ${TYPE_NAMES[schema.expected]}`, 1, data, data);
        return;
      }
      const error = runCheck(schema, data);
      yield error === undefined ? pass(data) : fail(`didn't pass validation: ${error}`, 0, data, data);
      return;
    }
    case 'dict':
      if (schema.keys.length === 0) yield data.kind === 'dict' ? { ...pass(data), level: 1 } : fail('is not a dictionary', 1, data, data);
      if (data.kind !== 'dict') yield fail('is not a dictionary.', 1, undefined, data);
      else yield* validateDict(schema.keys, data);
      return;
    case 'list':
      if (data.kind !== 'list') {
        yield fail('is not a list', 1, data, data);
        return;
      }
      if (data.items.length === 0) yield fail('is an empty list', 0, data, data);
      if (schema.items) {
        for (const [index, item] of data.items.entries()) {
          for (const result of validateNode(schema.items, item)) yield nest(String(index), result, item);
        }
      }
      return;
    case 'directory':
      yield* validateDirectory(data);
      return;
    case 'or':
      yield* validateOr(schema.options, data);
      return;
  }
}

/** Raised where Patroni's validator itself raises (the traceback's last line): validation stops there. */
export class PatroniCrash extends Error {
  constructor(
    message: string,
    readonly span: Span,
  ) {
    super(message);
  }
}

/**
 * Directory.validate: an empty value; a number is a file descriptor to os.path.exists (0–2 exist and are no
 * directory); a path is the machine's business; anything else makes os.stat raise.
 */
function* validateDirectory(data: PyNode): Generator<SchemaResult> {
  if (isFalsy(data)) {
    yield fail('is an empty string', 0, undefined, data);
    return;
  }
  if (data.kind === 'int' || data.kind === 'bool') {
    const fd = data.kind === 'bool' ? 1 : data.value;
    const shown = pyStr(data);
    yield fail(fd >= 0 && fd <= 2 ? `'${shown}' is not a directory.` : `Directory '${shown}' does not exist.`, 0, undefined, data);
    return;
  }
  if (data.kind !== 'str') // os.stat names the type without its module (date), unlike len() (datetime.date).
  throw new PatroniCrash(`TypeError: stat: path should be string, bytes, os.PathLike or integer, not ${pyTypeName(data).replace(/^datetime\./, '')}`, data);
}

/** Python truthiness of a value (`if not name`). */
function isFalsy(node: PyNode): boolean {
  switch (node.kind) {
    case 'null':
      return true;
    case 'bool':
      return !node.value;
    case 'int':
    case 'float':
      return node.value === 0;
    case 'str':
      return node.value === '';
    case 'list':
      return node.items.length === 0;
    case 'dict':
      return node.entries.size === 0;
    default:
      return false;
  }
}

/** _data_key: the names a key stands for in this mapping. */
function dataKeys(key: SchemaKey, data: Extract<PyNode, { kind: 'dict' }>): string[] {
  if (key.names.length === 1) return key.names;
  const present = key.names.filter((name) => data.entries.has(name));
  return present.length > 0 ? present : key.names;
}

function* validateDict(keys: SchemaKey[], data: Extract<PyNode, { kind: 'dict' }>): Generator<SchemaResult> {
  for (const key of keys) {
    for (const name of dataKeys(key, data)) {
      const value = data.entries.get(name);
      if (!value) {
        if (!key.optional) yield { ...fail('is not defined.', 0, undefined, data.key ?? { start: data.start, end: data.start }), path: name };
        continue;
      }
      const schema = key.cases?.[name] ?? key.value;
      if (!schema) continue;
      for (const result of validateNode(schema, value)) yield nest(name, result);
    }
  }
}

/** iter_or: the failures of the options closest to passing (lowest level), unless one option passes. */
function* validateOr(options: SchemaNode[], data: PyNode): Generator<SchemaResult> {
  const results: SchemaResult[] = [];
  for (const option of options) {
    const r = [...validateNode(option, data)];
    const some = r.some((x) => x.status);
    results.push(...(some && !r.every((x) => x.status) ? r.filter((x) => !x.status) : r));
  }
  if (results.some((x) => x.status)) return;
  let maxLevel = 3;
  for (const result of [...results].sort((a, b) => a.level - b.level)) {
    if (result.level > maxLevel) break;
    maxLevel = result.level;
    yield result;
  }
}

/** Schema.__call__: the failures, as Patroni prints them one per line. */
export function schemaFailures(schema: SchemaNode, root: PyNode): SchemaResult[] {
  return [...validateNode(schema, root)].filter((result) => !result.status);
}

/** Python's str() and repr() of the values PyYAML gives, as Patroni's validator prints them in its messages. */
import type { PyNode } from './document';

export function pyQuote(text: string): string {
  const quote = text.includes("'") && !text.includes('"') ? '"' : "'";
  let out = '';
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    if (ch === '\\') out += '\\\\';
    else if (ch === quote) out += `\\${ch}`;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (code < 0x20 || code === 0x7f) out += `\\x${code.toString(16).padStart(2, '0')}`;
    else out += ch;
  }
  return quote + out + quote;
}

/** repr() of a float: 30.0, 1e+20, inf, nan. */
function floatRepr(value: number): string {
  if (Number.isNaN(value)) return 'nan';
  if (!Number.isFinite(value)) return value > 0 ? 'inf' : '-inf';
  if (Number.isInteger(value) && Math.abs(value) < 1e16) return `${value}.0`;
  const text = String(value);
  return text.replace(/e\+?(-?)(\d)$/, (_, sign: string, digit: string) => `e${sign || '+'}0${digit}`).replace(/e\+?(-?)(\d\d+)$/, (_, sign: string, digits: string) => `e${sign || '+'}${digits}`);
}

export function pyRepr(node: PyNode): string {
  switch (node.kind) {
    case 'str':
      return pyQuote(node.value);
    case 'int':
      return String(node.value);
    case 'float':
      return floatRepr(node.value);
    case 'bool':
      return node.value ? 'True' : 'False';
    case 'null':
      return 'None';
    case 'other':
      return node.text;
    case 'list':
      return `[${node.items.map(pyRepr).join(', ')}]`;
    case 'dict':
      return `{${[...node.entries].map(([k, v]) => `${pyQuote(k)}: ${pyRepr(v)}`).join(', ')}}`;
  }
}

/** str(): a string as it is, everything else as repr. */
export function pyStr(node: PyNode): string {
  return node.kind === 'str' ? node.value : pyRepr(node);
}

/** The Python type name (`type(x).__name__`) for messages like "object of type 'int' has no len()". */
export function pyTypeName(node: PyNode): string {
  // C types name their module: a YAML date is a datetime.date, a timestamp a datetime.datetime.
  if (node.kind === 'other') return /\d:\d/.test(node.text) ? 'datetime.datetime' : 'datetime.date';
  return { str: 'str', int: 'int', float: 'float', bool: 'bool', null: 'NoneType', dict: 'dict', list: 'list' }[node.kind];
}

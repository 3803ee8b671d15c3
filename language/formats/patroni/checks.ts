/**
 * The check functions of Patroni's validator, as far as the text decides them: address syntax, the addresses a
 * connect_address must not name, watchdog modes. Whether a host resolves or answers, a port is free or a directory
 * holds a cluster is the machine's business: `patroni --validate-config` on that machine says it.
 * Each returns the text after "didn't pass validation: " (Python's str() of the exception), or undefined.
 */
import { isIPv6 } from 'net';
import type { SchemaNode } from './catalog';
import type { PyNode } from './document';
import { pyQuote, pyTypeName } from './pyRepr';

/** int() of a string: optional sign and spaces, digits with single underscores between them. */
const PY_INT = /^\s*[-+]?\d+(?:_\d+)*\s*$/;

/** split_host_port: [host, port] or undefined where Patroni's int() or unpacking fails. */
export function splitHostPort(value: string, defaultPort: number | undefined): [string, number] | undefined {
  const cut = value.lastIndexOf(':');
  let host = cut < 0 ? value : value.slice(0, cut);
  const port = cut < 0 ? defaultPort : PY_INT.test(value.slice(cut + 1)) ? Number(value.slice(cut + 1).replace(/_/g, '')) : undefined;
  if (port === undefined) return undefined;
  if (host.includes(':')) host = host.split(',').map((h) => h.trim().replace(/^\[+|\]+$/g, '')).join(',');
  return [host, port];
}

const WRONG_VALUE = pyQuote('contains a wrong value');
export const LOCAL_ADDRESSES = ['127.0.0.1', '0.0.0.0', '*', '::1', 'localhost'];
const LOCAL_CONNECT = pyQuote('must not contain "127.0.0.1", "0.0.0.0", "*", "::1", "localhost"');

function connectAddress(value: string): string | undefined {
  const split = splitHostPort(value, 1);
  if (!split) return WRONG_VALUE;
  return LOCAL_ADDRESSES.includes(split[0]) ? LOCAL_CONNECT : undefined;
}

/** getaddrinfo's error for a name no resolver can answer: empty, with a comma or space, or a colon outside IPv6. */
const UNRESOLVABLE = '[Errno -2] Name or service not known';
const neverResolves = (host: string) => host === '' || /[,\s]/.test(host) || (host.includes(':') && !isIPv6(host));

function hostPort(value: string, multipleHosts: boolean): string | undefined {
  const split = splitHostPort(value, undefined);
  if (!split) return WRONG_VALUE;
  const hosts = multipleHosts ? split[0].split(',') : [split[0]];
  if (hosts.includes('*')) return hosts.length !== 1 ? pyQuote("expecting '*' alone") : undefined;
  return hosts.some(neverResolves) ? UNRESOLVABLE : undefined;
}

function hostPortList(items: PyNode[]): string | undefined {
  for (const item of items) {
    if (item.kind !== 'str') return noRsplit(item);
    const error = hostPort(item.value, false);
    if (error) return error;
  }
  return undefined;
}

/** split_host_port on a value that is not a string: the AttributeError Patroni does not catch. */
const noRsplit = (node: PyNode) => `'${pyTypeName(node)}' object has no attribute 'rsplit'`;

/** int(x) as Python does it, or the message of its exception. */
function pyIntOf(node: PyNode): number | string {
  if (node.kind === 'int') return node.value;
  if (node.kind === 'bool') return node.value ? 1 : 0;
  if (node.kind === 'float') return Math.trunc(node.value);
  if (node.kind === 'str') return PY_INT.test(node.value) ? Number(node.value.replace(/_/g, '')) : `invalid literal for int() with base 10: ${pyQuote(node.value)}`;
  return `int() argument must be a string, a bytes-like object or a real number, not '${pyTypeName(node)}'`;
}

function lambdaCheck(schema: Extract<SchemaNode, { kind: 'call' }>, data: PyNode): string | undefined {
  if (schema.check === 'oneOf') return data.kind === 'str' && schema.values?.includes(data.value) ? undefined : 'Wrong value';
  if (schema.check === 'atMost') {
    const value = pyIntOf(data);
    return typeof value === 'string' ? value : value <= (schema.limit ?? 0) ? undefined : 'Wrong value';
  }
  // assert_(all([isinstance(s, str), len(s)])): len() runs first on anything without a length.
  if (!['str', 'list', 'dict'].includes(data.kind)) return `object of type '${pyTypeName(data)}' has no len()`;
  return data.kind === 'str' && data.value.length > 0 ? undefined : 'Wrong value';
}

/** C's strtoul with base 0 (0x… hex, 0… octal, else decimal) over a whole part, as inet_aton reads it. */
function cNumber(part: string): number | undefined {
  if (/^0[xX][0-9a-fA-F]*$/.test(part)) return part.length === 2 ? 0 : parseInt(part.slice(2), 16);
  if (/^0[0-7]*$/.test(part)) return parseInt(part, 8);
  return /^[1-9]\d*$/.test(part) ? Number(part) : undefined;
}

/** socket.inet_aton: one to four numbers, the last filling the remaining bytes. */
function inetAton(text: string): boolean {
  const parts = text.split('.');
  if (parts.length > 4) return false;
  const numbers = parts.map(cNumber);
  if (numbers.some((n) => n === undefined)) return false;
  const last = numbers[numbers.length - 1] as number;
  const leading = numbers.slice(0, -1) as number[];
  return leading.every((n) => n <= 255) && last < 2 ** (8 * (5 - parts.length));
}

const IPV4 = pyQuote('Is not a valid ipv4 address');
const IPV6 = pyQuote('Is not a valid ipv6 address');

export function runCheck(schema: Extract<SchemaNode, { kind: 'call' }>, data: PyNode): string | undefined {
  const text = data.kind === 'str' ? data.value : '';
  switch (schema.name) {
    case 'validate_connect_address':
      return connectAddress(text);
    case 'validate_host_port':
      return data.kind === 'str' ? hostPort(text, false) : noRsplit(data);
    case 'validate_host_port_listen':
      return hostPort(text, false);
    case 'validate_host_port_listen_multiple_hosts':
      return hostPort(text, true);
    case 'comma_separated_host_port':
      return text.split(',').map((part) => hostPort(part.trim(), false)).find((error) => error !== undefined);
    case 'validate_host_port_list':
      return data.kind === 'list' ? hostPortList(data.items) : undefined;
    case 'validate_data_dir':
      return text === '' ? pyQuote('is an empty string') : undefined;
    case 'is_ipv4_address':
      return data.kind === 'str' && inetAton(text) ? undefined : IPV4;
    case 'is_ipv6_address':
      return data.kind === 'str' && isIPv6(text) && !text.includes('%') ? undefined : IPV6;
    case '<lambda>':
      return lambdaCheck(schema, data);
    default:
      return undefined;
  }
}

/**
 * How PostgreSQL reads the address field: getaddrinfo with AI_NUMERICHOST (glibc: inet_aton's exact forms for
 * IPv4, inet_pton for IPv6 with an optional %scope), anything else is a host name; strtol for a CIDR length.
 */

export type AddressFamily = 'ipv4' | 'ipv6';

/** The 32-bit value of an IPv4 address in any form glibc's exact inet_aton accepts (1.2.3.4, 1.2.772, 0x7f.1, 017700000001), else undefined. */
export function parseIpv4(text: string): number | undefined {
  const parts = text.split('.');
  if (parts.length > 4) return undefined;
  const values: number[] = [];
  for (const part of parts) {
    let value: number;
    if (/^0[xX][0-9a-fA-F]+$/.test(part)) value = parseInt(part.slice(2), 16);
    else if (/^0[0-7]*$/.test(part)) value = parseInt(part, 8);
    else if (/^[1-9][0-9]*$/.test(part)) value = Number(part);
    else return undefined;
    if (!Number.isFinite(value) || value > 0xffffffff) return undefined;
    values.push(value);
  }
  const last = values[values.length - 1];
  const leading = values.slice(0, -1);
  if (leading.some((v) => v > 0xff)) return undefined;
  const lastBits = 32 - 8 * leading.length;
  if (last >= 2 ** lastBits) return undefined;
  return leading.reduce((acc, v, i) => acc + v * 2 ** (24 - 8 * i), 0) + last;
}

/** inet_pton's dotted quad: exactly four decimal parts, no leading zeros. */
function strictQuad(text: string): boolean {
  const parts = text.split('.');
  return parts.length === 4 && parts.every((p) => /^(0|[1-9][0-9]{0,2})$/.test(p) && Number(p) <= 255);
}

/** Whether inet_pton accepts `text` as an IPv6 address (no scope). */
export function isIpv6(text: string): boolean {
  let groups = text;
  let quad = 0;
  const lastColon = text.lastIndexOf(':');
  if (lastColon >= 0 && text.slice(lastColon + 1).includes('.')) {
    if (!strictQuad(text.slice(lastColon + 1))) return false;
    groups = text.slice(0, lastColon + 1) + (text[lastColon - 1] === ':' ? '' : '0');
    quad = text[lastColon - 1] === ':' ? 2 : 1;
  }
  const halves = groups.split('::');
  if (halves.length > 2) return false;
  const parse = (half: string) => (half === '' ? [] : half.split(':'));
  const head = parse(halves[0]);
  const tail = halves.length === 2 ? parse(halves[1]) : [];
  if (![...head, ...tail].every((g) => /^[0-9a-fA-F]{1,4}$/.test(g))) return false;
  const count = head.length + tail.length + quad;
  return halves.length === 2 ? count <= 7 : count === 8;
}

/** An IPv6 scope getaddrinfo resolves without asking the host: a number that fits 32 bits. */
function numericScope(scope: string): boolean {
  return /^[0-9]+$/.test(scope) && Number(scope) <= 0xffffffff;
}

export interface NumericAddress {
  family: AddressFamily;
  /** A `%zone` made of letters: it is an address only where that network interface exists. */
  interfaceScope?: string;
}

/** What getaddrinfo(AI_NUMERICHOST) makes of `text`: an address, or undefined (PostgreSQL then takes it as a host name). */
export function numericAddress(text: string): NumericAddress | undefined {
  if (parseIpv4(text) !== undefined) return { family: 'ipv4' };
  const percent = text.indexOf('%');
  const address = percent < 0 ? text : text.slice(0, percent);
  if (!isIpv6(address)) return undefined;
  if (percent < 0) return { family: 'ipv6' };
  const scope = text.slice(percent + 1);
  if (numericScope(scope)) return { family: 'ipv6' };
  return /^[A-Za-z][A-Za-z0-9_.:-]*$/.test(scope) ? { family: 'ipv6', interfaceScope: scope } : undefined;
}

const isSpace = (c: string) => c === ' ' || c === '\t' || c === '\n' || c === '\v' || c === '\f' || c === '\r';

/** pg_sockaddr_cidr_mask: the prefix length strtol reads, or undefined when PostgreSQL rejects it. */
export function cidrLength(text: string, family: AddressFamily): number | undefined {
  let i = 0;
  while (i < text.length && isSpace(text[i])) i++;
  const match = /^[+-]?[0-9]+$/.exec(text.slice(i));
  if (!match) return undefined;
  const bits = Math.abs(Number(text.slice(i))) === 0 ? 0 : Number(text.slice(i));
  const max = family === 'ipv4' ? 32 : 128;
  return bits >= 0 && bits <= max ? bits : undefined;
}

/** An IPv4 netmask as a prefix length, or undefined when its bits are not contiguous. */
export function ipv4MaskLength(text: string): number | undefined {
  const value = parseIpv4(text);
  if (value === undefined) return undefined;
  for (let bits = 0; bits <= 32; bits++) {
    const mask = bits === 0 ? 0 : (0xffffffff - (2 ** (32 - bits) - 1)) >>> 0;
    if (mask === value) return bits;
  }
  return undefined;
}

/** The 128-bit value of an IPv6 address inet_pton accepts (no scope), else undefined. */
export function ipv6Value(text: string): bigint | undefined {
  if (!isIpv6(text)) return undefined;
  let source = text;
  const lastColon = text.lastIndexOf(':');
  if (text.slice(lastColon + 1).includes('.')) {
    const quad = parseIpv4(text.slice(lastColon + 1)) ?? 0;
    source = `${text.slice(0, lastColon + 1)}${(quad >>> 16).toString(16)}:${(quad & 0xffff).toString(16)}`;
  }
  const [head, tail] = source.includes('::') ? source.split('::') : [source, undefined];
  const headGroups = head ? head.split(':') : [];
  const tailGroups = tail ? tail.split(':') : [];
  const zeros = Array<string>(8 - headGroups.length - tailGroups.length).fill('0');
  const groups = tail === undefined ? headGroups : [...headGroups, ...zeros, ...tailGroups];
  return groups.reduce((acc, g) => (acc << 16n) + BigInt(parseInt(g, 16)), 0n);
}

/** Whether the network `outer`/`outerBits` contains the whole network `inner`/`innerBits` (same family). */
export function networkContains(family: AddressFamily, outer: string, outerBits: number, inner: string, innerBits: number): boolean {
  if (outerBits > innerBits) return false;
  const width = family === 'ipv4' ? 32 : 128;
  const value = (text: string) => (family === 'ipv4' ? BigInt(parseIpv4(text) ?? 0) : (ipv6Value(text.split('%')[0]) ?? 0n));
  const shift = BigInt(width - outerBits);
  return value(outer) >> shift === value(inner) >> shift;
}

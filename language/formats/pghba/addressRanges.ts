/** How an IPv4 network relates to a set of ranges: holds them all (yes), overlaps some (maybe), misses them (no). */
import { networkContains, parseIpv4 } from './address';
import type { HbaAddress } from './verdict';

const prefix = (value: number, bits: number) => (bits === 0 ? 0 : Math.floor(value / 2 ** (32 - bits)));

/** yes: `address/bits` contains every range; maybe: it overlaps at least one; no: it overlaps none. */
export function ipv4Covers(address: string, bits: number, ranges: readonly (readonly [string, number])[]): 'yes' | 'no' | 'maybe' {
  const value = parseIpv4(address);
  if (value === undefined) return 'no';
  let overlaps = 0;
  let contains = 0;
  for (const [start, rangeBits] of ranges) {
    const shortest = Math.min(bits, rangeBits);
    if (prefix(value, shortest) !== prefix(parseIpv4(start)!, shortest)) continue;
    overlaps++;
    if (bits <= rangeBits) contains++;
  }
  if (contains === ranges.length) return 'yes';
  return overlaps ? 'maybe' : 'no';
}

/** 127.0.0.0/8 and ::1/128 (and narrower): connections from the server's own host only. */
export function isLoopback(address: HbaAddress | undefined): boolean {
  if (address?.kind !== 'cidr' || address.bits === undefined) return false;
  const text = address.token.text.split('/')[0];
  if (address.family === 'ipv4') return address.bits >= 8 && Math.floor((parseIpv4(text) ?? 0) / 2 ** 24) === 127;
  return address.bits === 128 && networkContains('ipv6', '::1', 128, text, 128);
}

/**
 * Shadowing: the first earlier line that matches every connection a later line would. Kept lines are indexed by
 * (database, role) so a check looks only at lines that can cover the later line's first database and first
 * role (or that list `all`): a 2,000-line file costs a few comparisons per line instead of a scan.
 */
import { ipv6Value, parseIpv4 } from './address';
import type { HbaRow } from './rules';
import { hasKeyword as keyword } from './rulesOf';
import type { HbaToken } from './types';
import type { HbaAddress, HbaRule } from './verdict';

/** An earlier line with more (database, role) pairs than this is checked against every later line instead. */
const MAX_PAIRS = 256;
const ALL = '\u0000all';

/** Plain names and keywords only: @files, +groups and /regex make coverage unknowable here. */
const literal = (tokens: HbaToken[]) => tokens.every((t) => !t.via && (t.quoted || !/^[@+/]/.test(t.text)));

const keyOf = (token: HbaToken) => (!token.quoted && token.text === 'all' ? ALL : `${token.quoted ? '"' : ''}${token.text}`);

function namesCover(earlier: HbaToken[], later: HbaToken[], isDatabase: boolean): boolean {
  if (keyword(earlier, 'all') && !(isDatabase && keyword(later, 'replication'))) return true;
  return later.every((t) => earlier.some((e) => e.text === t.text && e.quoted === t.quoted));
}

function typeCovers(earlier: HbaRule['connectionType'], later: HbaRule['connectionType']): boolean {
  if (earlier === later) return true;
  return earlier === 'host' && later !== 'local';
}

/** The network of a numeric address, as a number to compare prefixes of (parsed once per line). */
function networkOf(address: HbaAddress): bigint | undefined {
  if (address.kind !== 'cidr' || address.bits === undefined) return undefined;
  const text = address.token.text.split('/')[0];
  return address.family === 'ipv4' ? BigInt(parseIpv4(text) ?? 0) : (ipv6Value(text.split('%')[0]) ?? 0n);
}

function addressCovers(earlier: HbaAddress | undefined, later: HbaAddress | undefined, networks: (a: HbaAddress) => bigint | undefined): boolean {
  if (!earlier || !later) return !earlier && !later;
  if (earlier.kind === 'all') return true;
  if (earlier.kind !== later.kind) return false;
  if (earlier.kind === 'hostname') return earlier.token.text.toLowerCase() === later.token.text.toLowerCase();
  if (earlier.kind !== 'cidr') return true;
  if (earlier.family !== later.family || earlier.bits === undefined || later.bits === undefined || earlier.bits > later.bits) return false;
  const shift = BigInt((earlier.family === 'ipv4' ? 32 : 128) - earlier.bits);
  return networks(earlier)! >> shift === networks(later)! >> shift;
}

/** The kept lines so far, in file order, indexed by the (database, role) pairs they name. */
export class KeptRules {
  private readonly rows: HbaRow[] = [];
  private readonly byPair = new Map<string, number[]>();
  /** Lines with too many pairs to index: checked against every later line. */
  private readonly unindexed: number[] = [];
  private readonly networks = new Map<HbaAddress, bigint | undefined>();

  private networkOf = (address: HbaAddress): bigint | undefined => {
    if (!this.networks.has(address)) this.networks.set(address, networkOf(address));
    return this.networks.get(address);
  };

  private covers(earlier: HbaRule, later: HbaRule): boolean {
    return (
      typeCovers(earlier.connectionType, later.connectionType) &&
      namesCover(earlier.databases, later.databases, true) &&
      namesCover(earlier.roles, later.roles, false) &&
      addressCovers(earlier.address, later.address, this.networkOf)
    );
  }

  add(row: HbaRow): void {
    const rule = row.rule!;
    if (!literal(rule.databases) || !literal(rule.roles)) return;
    const index = this.rows.push(row) - 1;
    const databases = new Set(rule.databases.map(keyOf));
    const roles = new Set(rule.roles.map(keyOf));
    if (databases.size * roles.size > MAX_PAIRS) {
      this.unindexed.push(index);
      return;
    }
    for (const database of databases) {
      for (const role of roles) {
        const key = `${database}\u0001${role}`;
        const list = this.byPair.get(key);
        if (list) list.push(index);
        else this.byPair.set(key, [index]);
      }
    }
  }

  /** The first kept line that matches every connection `later` would. */
  shadowing(later: HbaRule): HbaRow | undefined {
    if (!later.databases.length || !later.roles.length || !literal(later.databases) || !literal(later.roles)) return undefined;
    const database = keyOf(later.databases[0]);
    const role = keyOf(later.roles[0]);
    const keys = new Set([`${database}\u0001${role}`, `${ALL}\u0001${role}`, `${database}\u0001${ALL}`, `${ALL}\u0001${ALL}`]);
    let first = Infinity;
    for (const list of [...[...keys].map((key) => this.byPair.get(key) ?? []), this.unindexed]) {
      const hit = list.find((index) => index < first && this.covers(this.rows[index].rule!, later));
      if (hit !== undefined) first = hit;
    }
    return first === Infinity ? undefined : this.rows[first];
  }
}

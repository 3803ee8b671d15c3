/**
 * Shadowing: the first earlier line that matches every connection a later line would. Kept lines are indexed by
 * (database, role) so a check looks only at lines that can cover the later line's first database and first
 * role (or that list `all`): a 2,000-line file costs a few comparisons per line instead of a scan.
 */
import { ipv6Value, parseIpv4 } from './address';
import type { HbaRow } from './rules';
import { hasKeyword as keyword } from './rulesOf';
import type { HbaToken } from './types';
import type { HbaAddress, HbaRule, RuleAudit } from './verdict';

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

/** The network of a numeric address, as a number to compare prefixes of (parsed once per rule: RuleAudit). */
export function networkOf(address: HbaAddress | undefined): bigint | undefined {
  if (!address) return undefined;
  if (address.kind !== 'cidr' || address.bits === undefined) return undefined;
  const text = address.token.text.split('/')[0];
  return address.family === 'ipv4' ? BigInt(parseIpv4(text) ?? 0) : (ipv6Value(text.split('%')[0]) ?? 0n);
}

function addressCovers(earlierRule: HbaRule, laterRule: HbaRule): boolean {
  const earlier = earlierRule.address;
  const later = laterRule.address;
  if (!earlier || !later) return !earlier && !later;
  if (earlier.kind === 'all') return true;
  if (earlier.kind !== later.kind) return false;
  if (earlier.kind === 'hostname') return earlier.token.text.toLowerCase() === later.token.text.toLowerCase();
  if (earlier.kind !== 'cidr') return true;
  if (earlier.family !== later.family || earlier.bits === undefined || later.bits === undefined || earlier.bits > later.bits) return false;
  const shift = BigInt((earlier.family === 'ipv4' ? 32 : 128) - earlier.bits);
  return earlierRule.audit!.network! >> shift === laterRule.audit!.network! >> shift;
}

/** The kept lines so far, in file order, indexed by the (database, role) pairs they name. */
export class KeptRules {
  private readonly rows: HbaRow[] = [];
  private readonly byPair = new Map<string, number[]>();
  /** Lines with too many pairs to index: checked against every later line. */
  private readonly unindexed: number[] = [];

  private covers(earlier: HbaRule, later: HbaRule): boolean {
    return (
      typeCovers(earlier.connectionType, later.connectionType) &&
      namesCover(earlier.databases, later.databases, true) &&
      namesCover(earlier.roles, later.roles, false) &&
      addressCovers(earlier, later)
    );
  }

  /** `row.rule.audit` must be filled (auditRows does it first). */
  add(row: HbaRow): void {
    const facts = row.rule!.audit!;
    if (!facts.literal) return;
    const index = this.rows.push(row) - 1;
    const databases = facts.databaseKeys;
    const roles = facts.roleKeys;
    if (databases.length * roles.length > MAX_PAIRS) {
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
    const facts = later.audit!;
    if (!facts.literal || !facts.lookups.length) return undefined;
    let first = Infinity;
    for (const key of facts.lookups) first = this.firstCovering(this.byPair.get(key), later, first);
    first = this.firstCovering(this.unindexed, later, first);
    return first === Infinity ? undefined : this.rows[first];
  }

  /** The first index of the list, below `before`, whose line covers `later` (else `before`). */
  private firstCovering(list: number[] | undefined, later: HbaRule, before: number): number {
    if (!list) return before;
    for (const index of list) {
      if (index >= before) return before;
      if (this.covers(this.rows[index].rule!, later)) return index;
    }
    return before;
  }
}

/** The audit facts of the names: whether they are plain, and their index keys (in the order written, once each). */
export function nameKeys(rule: HbaRule): Pick<RuleAudit, 'literal' | 'databaseKeys' | 'roleKeys' | 'lookups'> {
  const databaseKeys = [...new Set(rule.databases.map(keyOf))];
  const roleKeys = [...new Set(rule.roles.map(keyOf))];
  const [database, role] = [databaseKeys[0], roleKeys[0]];
  // The pairs of earlier lines that can cover this one: its first database and first role, or `all` for either.
  const lookups = database === undefined || role === undefined ? [] : [...new Set([`${database}\u0001${role}`, `${ALL}\u0001${role}`, `${database}\u0001${ALL}`, `${ALL}\u0001${ALL}`])];
  return { literal: literal(rule.databases) && literal(rule.roles), databaseKeys, roleKeys, lookups };
}

/**
 * Which rule PostgreSQL would pick for a connection known only in part (a replica of a compose stack: its user,
 * that it asks for replication, that it comes from the stack's network). Each field answers yes, no or maybe;
 * the first rule that surely matches decides, rules that may match before it make the answer uncertain.
 */
import { ipv4Covers } from './addressRanges';
import type { ParsedHba } from './parser';
import { hasKeyword } from './rulesOf';
import type { HbaToken } from './types';
import type { HbaRule } from './verdict';

export type Answer = 'yes' | 'no' | 'maybe';

/** What is known of the connection. */
export interface PartialConnection {
  user: string;
  /** A physical replication connection (only the `replication` keyword matches it). */
  replication: boolean;
  /** The database asked for (ordinary connections). */
  database?: string;
  /** The client comes from a container network of the same compose project (a private IPv4 address). */
  from: 'stack-network';
}

export interface MatchResult {
  /** The first rule that surely matches, when no earlier rule may. */
  decided?: HbaRule;
  /** Rules that may match before any sure one (then nothing is certain). */
  uncertain: HbaRule[];
}

const both = (...answers: Answer[]): Answer => (answers.includes('no') ? 'no' : answers.includes('maybe') ? 'maybe' : 'yes');
const any = (answers: Answer[]): Answer => (answers.includes('yes') ? 'yes' : answers.includes('maybe') ? 'maybe' : 'no');

function nameAnswer(token: HbaToken, name: string): Answer {
  if (!token.quoted && /^[@+/]/.test(token.text)) return 'maybe'; // a file list, group membership or a regular expression
  return token.text === name ? 'yes' : 'no';
}

function roleAnswer(roles: HbaToken[], user: string): Answer {
  if (hasKeyword(roles, 'all')) return 'yes';
  return any(roles.map((token) => nameAnswer(token, user)));
}

function databaseAnswer(databases: HbaToken[], connection: PartialConnection): Answer {
  if (connection.replication) return hasKeyword(databases, 'replication') ? 'yes' : 'no';
  if (hasKeyword(databases, 'all')) return 'yes';
  if (!connection.database) return 'maybe';
  return any(databases.map((token) => (!token.quoted && ['sameuser', 'samerole', 'samegroup'].includes(token.text) ? 'maybe' : nameAnswer(token, connection.database!))));
}

/** Docker gives containers addresses from private IPv4 ranges (172.16/12 and 192.168/16 by default, 10/8 when configured): a rule surely lets the stack in only when it holds all three. */
const PRIVATE_V4 = [
  ['10.0.0.0', 8],
  ['172.16.0.0', 12],
  ['192.168.0.0', 16],
] as const;

function addressAnswer(rule: HbaRule): Answer {
  const address = rule.address;
  if (!address) return 'no';
  if (address.kind === 'all' || address.kind === 'samenet') return 'yes';
  if (address.kind === 'samehost') return 'no';
  if (address.kind === 'hostname') return 'maybe';
  if (address.family !== 'ipv4' || address.bits === undefined) return address.family === 'ipv6' && address.bits === 0 ? 'maybe' : 'no';
  return ipv4Covers(address.token.text.split('/')[0], address.bits, PRIVATE_V4);
}

function typeAnswer(rule: HbaRule): Answer {
  if (rule.connectionType === 'local') return 'no';
  return rule.connectionType === 'host' ? 'yes' : 'maybe'; // SSL or GSSAPI encryption depends on both ends
}

/** How far `rule` matches the connection. */
export function ruleMatches(rule: HbaRule, connection: PartialConnection): Answer {
  if (!rule.method) return 'no';
  return both(typeAnswer(rule), databaseAnswer(rule.databases, connection), roleAnswer(rule.roles, connection.user), addressAnswer(rule));
}

/** The rule PostgreSQL would use for the connection, as far as it can be told. */
export function firstMatch(rules: HbaRule[], connection: PartialConnection): MatchResult {
  const uncertain: HbaRule[] = [];
  for (const rule of rules) {
    const answer = ruleMatches(rule, connection);
    if (answer === 'yes') return { decided: uncertain.length ? undefined : rule, uncertain };
    if (answer === 'maybe') uncertain.push(rule);
  }
  return { uncertain };
}

/** The line a replica of the stack needs: the replication keyword, its user, any subnet the server sits on, a SCRAM password. */
export const replicationLine = (user: string) => `host    replication     ${user}     samenet     scram-sha-256`;

/** The text that adds the replication line at the end of a file: on a line of its own, ended by a newline. */
export const appendedReplicationLine = (text: string, user: string) => `${text.length && !text.endsWith('\n') ? '\n' : ''}${replicationLine(user)}\n`;

/**
 * Whether a replica whose user is `user` is refused a replication connection from the stack's network: no rule
 * may match (missing), or the first sure match is reject (rejected). Undefined when it may get in, or it cannot be told.
 */
export function replicaRefused(rules: HbaRule[], user: string): { missing: true } | { rejectedBy: HbaRule } | undefined {
  return connectionRefused(rules, { user, replication: true, from: 'stack-network' });
}

/** Whether a connection is refused: no rule may match it, or the first sure match is reject; undefined when it may get in or it cannot be told. */
export function connectionRefused(rules: HbaRule[], connection: PartialConnection): { missing: true } | { rejectedBy: HbaRule } | undefined {
  const { decided, uncertain } = firstMatch(rules, connection);
  if (uncertain.length) return undefined;
  if (!decided) return { missing: true };
  return decided.method === 'reject' ? { rejectedBy: decided } : undefined;
}

/** Whether the lines alone tell who gets in: no include, no @file, no line PostgreSQL rejects (it would refuse the whole file). */
export const linesTellAll = (parsed: ParsedHba): boolean =>
  parsed.lines.every((line) => !line.include && !line.verdict?.rejected && line.fields.every((field) => field.every((t) => t.quoted || !t.text.startsWith('@'))));

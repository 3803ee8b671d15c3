/** What the checks of one line produce, and the helpers they report through. */
import type { AddressFamily } from './address';
import type { HbaCode } from './codes';
import type { HbaMajor, HbaServer, HbaToken } from './types';

export type ConnectionType = 'local' | 'host' | 'hostssl' | 'hostnossl' | 'hostgssenc' | 'hostnogssenc';

export const CONNECTION_TYPES: readonly ConnectionType[] = ['local', 'host', 'hostssl', 'hostnossl', 'hostgssenc', 'hostnogssenc'];

export interface HbaAddress {
  kind: 'all' | 'samehost' | 'samenet' | 'cidr' | 'hostname';
  token: HbaToken;
  family?: AddressFamily;
  /** Prefix length (CIDR, or a contiguous separate netmask). */
  bits?: number;
  /** The separate netmask field. */
  mask?: HbaToken;
}

export interface HbaOption {
  name: string;
  value: string;
  token: HbaToken;
}

/** A line read as a rule, as far as PostgreSQL got with it. */
export interface HbaRule {
  connectionType: ConnectionType;
  connectionToken: HbaToken;
  databases: HbaToken[];
  roles: HbaToken[];
  address?: HbaAddress;
  /** The method as written (ident on a local line is kept as written; `effectiveMethod` says peer). */
  method?: string;
  effectiveMethod?: string;
  methodToken?: HbaToken;
  options: HbaOption[];
  /**
   * What the audit derives from the rule alone, worked out once: a rule outlives its version when the lines
   * around an edit are kept (parseHba), so an edit does not re-derive 2,000 lines' worth of it.
   */
  audit?: RuleAudit;
}

/** The audit's per-rule facts (audit.ts, shadowing.ts). */
export interface RuleAudit {
  /** The line's own findings (trust over the network, clear-text password, …), without the row. */
  findings: { code: HbaCode; message: string; severity: 'warning' | 'information'; token?: HbaToken }[];
  /** Database and role names are plain names or keywords (no @file, +group, /regex). */
  literal: boolean;
  /** The index keys of the names (keyword `all` apart from a quoted "all"). */
  databaseKeys: string[];
  roleKeys: string[];
  /** The index keys of the earlier lines that can cover this one (shadowing). */
  lookups: string[];
  /** The network of a numeric address as a number whose prefixes compare. */
  network?: bigint;
}

export type Severity = 'error' | 'warning' | 'info';

export interface HbaReport {
  code: HbaCode;
  /** PostgreSQL's words (its log message). */
  message: string;
  /** What pg_hba_file_rules shows in its error column for this report, when PostgreSQL fills it. */
  view?: string;
  /** PostgreSQL drops the line. */
  fatal: boolean;
  severity: Severity;
  /** The token the report is about (the line when undefined). */
  token?: HbaToken;
  /** How to fix, in our words. */
  hint?: string;
}

export interface LineVerdict {
  reports: HbaReport[];
  /** PostgreSQL drops the line (no rule). */
  rejected: boolean;
  /** The error column of pg_hba_file_rules for the line. */
  view?: string;
  rule?: HbaRule;
}

/** Thrown to stop checking a line after a fatal report, the way parse_hba_line returns NULL. */
export class Stop extends Error {}

/** The one Stop thrown: building an Error records a stack trace, and files with many bad lines throw often. */
const STOP: Stop = Object.freeze(new Stop('line checks stopped'));

export interface CheckContext {
  major: HbaMajor;
  server: HbaServer;
  verdict: LineVerdict;
}

export function report(ctx: CheckContext, entry: Omit<HbaReport, 'severity'> & { severity?: Severity }): void {
  const full: HbaReport = { severity: entry.fatal ? 'error' : 'warning', ...entry };
  ctx.verdict.reports.push(full);
  if (full.view !== undefined) ctx.verdict.view = full.view;
}

/** A fatal report with its own log message and view text (PostgreSQL sometimes words them differently). */
export function failReport(ctx: CheckContext, entry: Omit<HbaReport, 'severity' | 'fatal'>): never {
  report(ctx, { ...entry, fatal: true });
  ctx.verdict.rejected = true;
  throw STOP;
}

/** A fatal report whose log message is also the view's error text (most of PostgreSQL's checks). */
export function fail(ctx: CheckContext, code: HbaCode, message: string, token?: HbaToken, hint?: string): never {
  report(ctx, { code, message, view: message, fatal: true, token, hint });
  ctx.verdict.rejected = true;
  throw STOP;
}

/** A fatal report PostgreSQL only logs: the line is dropped, the view's error column keeps what it had. */
export function failLogged(ctx: CheckContext, code: HbaCode, message: string, token?: HbaToken, hint?: string): never {
  report(ctx, { code, message, fatal: true, token, hint });
  ctx.verdict.rejected = true;
  throw STOP;
}

/**
 * Audit rules: lines PostgreSQL accepts that are risky (trust or clear-text passwords over the network, the
 * whole internet with a weak method, replication for every role) or dead (an earlier line catches them all).
 */
import { isLoopback as loopback } from './addressRanges';
import { KeptRules, nameKeys, networkOf } from './shadowing';
import { hasKeyword as keyword } from './rulesOf';
import { HBA_CODES, type HbaCode } from './codes';
import type { HbaRow } from './rules';
import type { HbaMajor, HbaServer, HbaToken } from './types';
import type { HbaAddress, HbaRule, RuleAudit } from './verdict';

export interface Finding {
  code: HbaCode;
  message: string;
  /** Information when the line is a risk only in some setups (a password still guards it); warning otherwise. */
  severity: 'warning' | 'information';
  row: HbaRow;
  token?: HbaToken;
}

/** The whole IPv4 or IPv6 internet, or `all`. */
function world(address: HbaAddress | undefined): boolean {
  return address?.kind === 'all' || (address?.kind === 'cidr' && address.bits === 0);
}

const WEAK = ['trust', 'password', 'md5'];

/** What the audit knows of the server the rules are for (the parse's: rules and their memo belong to one). */
export interface AuditServer {
  major: HbaMajor;
  server: HbaServer;
}

/** md5 lines: SCRAM-stored passwords make md5 a weaker name for what happens anyway; with MD5-stored ones it is what works. */
function md5Finding(rule: HbaRule, { major, server }: AuditServer): RuleAudit['findings'][number] {
  const storage = server.passwordEncryption ?? (major <= 13 ? 'md5' : 'scram-sha-256');
  const source = server.passwordEncryption ? 'password_encryption = md5 in postgresql.conf' : `PostgreSQL ${major} stores passwords as MD5 by default`;
  if (storage === 'md5') {
    return { code: HBA_CODES.md5, severity: 'information', token: rule.methodToken, message: `md5 matches how passwords are stored here (${source}). Moving to SCRAM: set password_encryption = scram-sha-256, set each role's password again, then use scram-sha-256 here` };
  }
  return { code: HBA_CODES.md5, severity: 'warning', token: rule.methodToken, message: 'md5 is weaker than scram-sha-256 (MD5 passwords are deprecated from PostgreSQL 18); with passwords stored as SCRAM the server answers md5 lines with SCRAM anyway. Use scram-sha-256' };
}

/** The line's own findings: they depend on the rule and the server alone. */
function lineFindings(rule: HbaRule, target: AuditServer): RuleAudit['findings'] {
  const findings: RuleAudit['findings'] = [];
  const method = rule.effectiveMethod ?? '';
  const remote = rule.connectionType !== 'local';
  /** Connections that come from outside the server's host. */
  const offHost = remote && !loopback(rule.address) && rule.address?.kind !== 'samehost';
  const where = rule.address?.kind === 'all' ? 'any address' : rule.address?.token.text;
  if (remote && world(rule.address) && WEAK.includes(method)) {
    // With trust nothing guards the door; with a password method it is only as open as the port (in a container
    // network, often the image's own default), so it is worth knowing rather than a mistake.
    findings.push({ code: HBA_CODES.openToWorld, severity: method === 'trust' ? 'warning' : 'information', token: rule.address?.token, message: `${where} may connect with ${method}: the whole ${rule.address?.kind === 'all' ? 'internet' : rule.address?.family === 'ipv4' ? 'IPv4 internet' : 'IPv6 internet'} can try. Narrow the address range, or use scram-sha-256 or cert` });
  } else if (offHost && method === 'trust') {
    findings.push({ code: HBA_CODES.trustRemote, severity: 'warning', token: rule.methodToken, message: 'trust over the network: anyone who reaches the address can connect as any listed role without a password. Use scram-sha-256 (or restrict to 127.0.0.1/32 and ::1/128)' });
  }
  if (offHost && method === 'password' && ['host', 'hostnossl', 'hostnogssenc'].includes(rule.connectionType)) {
    findings.push({ code: HBA_CODES.passwordCleartext, severity: 'warning', token: rule.methodToken, message: `password sends the password in clear text${rule.connectionType === 'host' ? ' unless the client uses SSL' : ''}. Use scram-sha-256, or hostssl` });
  }
  if (method === 'md5') findings.push(md5Finding(rule, target));
  if (offHost && keyword(rule.databases, 'replication') && keyword(rule.roles, 'all') && method !== 'reject') {
    findings.push({ code: HBA_CODES.replicationAllUsers, severity: 'information', token: rule.roles.find((t) => !t.quoted && t.text === 'all'), message: 'any role with the REPLICATION attribute (and any superuser) may connect for replication from here, and read all data that way. List the replication role instead of all to keep it to one' });
  }
  return findings;
}

/** Lines that can match: kept, and not flagged as never matching (hostssl with ssl off, hostgssenc without GSSAPI). */
const canMatch = (row: HbaRow) => !row.rejected && row.rule !== undefined && !row.reports.some((r) => r.code === HBA_CODES.sslDisabled || r.code === HBA_CODES.unsupportedByBuild);

/** Audit findings for the rows (all files, in PostgreSQL's order). */
export function auditRows(rows: HbaRow[], target: AuditServer): Finding[] {
  const findings: Finding[] = [];
  const kept = new KeptRules();
  for (const row of rows) {
    if (!canMatch(row)) continue;
    const rule = row.rule!;
    rule.audit ??= { findings: lineFindings(rule, target), ...nameKeys(rule), network: networkOf(rule.address) };
    for (const finding of rule.audit.findings) findings.push({ ...finding, row });
    const earlier = kept.shadowing(rule);
    if (earlier) {
      const where = earlier.line.file === row.line.file ? `line ${earlier.line.lineNumber}` : `line ${earlier.line.lineNumber} of ${earlier.line.file}`;
      findings.push({ code: HBA_CODES.shadowedLine, severity: 'warning', row, token: rule.connectionToken, message: `never used: ${where} already matches every connection this line would (the first matching line wins). Move this line up, or remove it` });
    }
    kept.add(row);
  }
  return findings;
}

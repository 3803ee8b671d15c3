/**
 * `trust` lines that let hosts other than this machine in, in a mounted pg_hba.conf or in lines an init script
 * appends to one (`echo "host … trust" >> …`, heredocs): each line is read by the pg_hba.conf format's parser.
 */
import { isLoopback } from '../pghba/addressRanges';
import { hasKeyword, hbaRulesOf } from '../pghba/rulesOf';
import type { HbaRule } from '../pghba/verdict';

export interface HbaTrustLine {
  /** 1-based line in the file. */
  line: number;
  /** The line as written, trimmed. */
  text: string;
  /** The database field is `replication` only: what it opens is a base backup of the whole cluster. */
  replicationOnly: boolean;
  address: string;
}

/** The pg_hba text of a line as files and scripts write it: plain, quoted, or the argument of `echo`/`printf` (up to a redirection). */
function hbaText(line: string): string {
  return line.replace(/^\s*(?:echo|printf)\s+(?:-e\s+)?/, '').replace(/["']/g, ' ').replace(/\s*>>?.*$/, '');
}

/** Only this machine: `samehost`, `localhost`, or a loopback network (127.0.0.0/8 or narrower, ::1/128). */
function localOnly(rule: HbaRule): boolean {
  const address = rule.address;
  if (address?.kind === 'samehost') return true;
  if (address?.kind === 'hostname') return address.token.text === 'localhost';
  return isLoopback(address);
}

export function networkTrustLines(text: string): HbaTrustLine[] {
  const found: HbaTrustLine[] = [];
  text.split('\n').forEach((raw, i) => {
    const rule = hbaRulesOf(hbaText(raw))[0];
    if (!rule || rule.connectionType === 'local' || rule.effectiveMethod !== 'trust' || localOnly(rule)) return;
    const address = rule.address ? rule.address.token.text + (rule.address.mask ? ' ' + rule.address.mask.text : '') : 'any host';
    const replicationOnly = rule.databases.length > 0 && rule.databases.every((t) => hasKeyword([t], 'replication'));
    found.push({ line: i + 1, text: raw.trim(), replicationOnly, address });
  });
  return found;
}

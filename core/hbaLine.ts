/**
 * One pg_hba.conf line read just far enough to answer "does it admit replication connections, and with which
 * method". Small on purpose: the full pg_hba format (quoting, @files, includes, options) lives with its
 * language format; this is what the compose rules need from lines found in init scripts and environment values.
 */

export interface HbaLine {
  /** local, host, hostssl, hostnossl, hostgssenc, hostnogssenc */
  type: string;
  databases: string[];
  users: string[];
  /** host* lines: the address field (and its mask when written apart); absent for local lines. */
  address?: string;
  method: string;
}

const TYPES = new Set(['local', 'host', 'hostssl', 'hostnossl', 'hostgssenc', 'hostnogssenc']);
/** An IPv4 or IPv6 netmask written as its own field after a bare address. */
const MASK = /^(\d{1,3}\.){3}\d{1,3}$|^[0-9a-f:]*:[0-9a-f:]*$/i;

/** The fields of a pg_hba line (comments and trailing options ignored); undefined when it is not a rule line. */
export function parseHbaLine(line: string): HbaLine | undefined {
  const fields = line.replace(/#.*/, '').trim().split(/\s+/);
  const [type, databases, users] = fields;
  if (!TYPES.has(type?.toLowerCase() ?? '') || !users) return undefined;
  let at = 3;
  let address: string | undefined;
  if (type.toLowerCase() !== 'local') {
    address = fields[at++];
    if (address && !address.includes('/') && MASK.test(fields[at] ?? '') && fields[at + 1]) address = `${address} ${fields[at++]}`;
  }
  const method = fields[at];
  if (!method) return undefined;
  return { type: type.toLowerCase(), databases: databases.split(','), users: users.split(','), address, method };
}

/** Whether the line matches replication connections: only the `replication` keyword does (`all` does not). */
export function admitsReplication(line: HbaLine): boolean {
  return line.databases.includes('replication');
}

/**
 * A small pg_hba.conf line check (the full parser lives with the pg_hba.conf format): finds `trust` lines that
 * let hosts other than this machine in, in a mounted pg_hba.conf or in lines an init script appends to one.
 */
export interface HbaTrustLine {
  /** 1-based line in the file. */
  line: number;
  /** The line as written, trimmed. */
  text: string;
  /** The database field is `replication` only: what it opens is a base backup of the whole cluster. */
  replicationOnly: boolean;
  address: string;
}

const HOST_TYPES = new Set(['host', 'hostssl', 'hostnossl', 'hostgssenc', 'hostnogssenc']);
const LOCAL_ADDRESSES = new Set(['127.0.0.1/32', '::1/128', 'localhost', 'samehost', '127.0.0.1', '::1']);
const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;

/** Fields of an hba line, also when a shell script writes it (`echo "host … trust" >> …`). */
function fieldsOf(line: string): string[] {
  const text = line.replace(/#.*$/, '').replace(/^\s*(?:echo|printf)\s+(?:-e\s+)?/, '').replace(/["']/g, ' ').replace(/\s*>>?.*$/, '');
  return text.trim().split(/\s+/).filter(Boolean);
}

export function networkTrustLines(text: string): HbaTrustLine[] {
  const found: HbaTrustLine[] = [];
  text.split('\n').forEach((raw, i) => {
    const f = fieldsOf(raw);
    if (f.length < 5 || !HOST_TYPES.has(f[0])) return;
    // host DATABASE USER ADDRESS [MASK] METHOD
    const address = f[3];
    const method = IPV4.test(address) && f[4] && IPV4.test(f[4]) ? f[5] : f[4];
    if (method !== 'trust') return;
    const localMask = IPV4.test(address) && f[4] === '255.255.255.255' && address.startsWith('127.');
    if (LOCAL_ADDRESSES.has(address) || localMask) return;
    found.push({ line: i + 1, text: raw.trim(), replicationOnly: f[1] === 'replication', address });
  });
  return found;
}

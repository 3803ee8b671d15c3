/**
 * Which data a cluster history describes. A history records roles (replica1 promoted, primary fenced) of the data
 * that was there when pgha changed them; once that data is gone (volumes removed behind pgha's back, a data folder
 * deleted, a fresh clone) the roles are wrong: a start would wait for "primary" to stream from an empty replica1.
 * So each record carries every node's data identity, as its runtime tells it (native: the system identifier in
 * global/pg_control; Docker: the data volume's name and creation time), and a start compares it with the data
 * present: a history about other data is retired (kept aside as `<project>.history.retired.json`) and the compose
 * roles hold again.
 */
import * as fs from 'fs';
import type { NodeControl } from '../runtime/types';
import { emptyHistory, type ClusterHistory, type HistoryStore } from './store';

/** Each node's data identity; null: that node has no data (never created, or removed). */
export type DataIdentities = Record<string, string | null>;

/** The first 8 bytes of pg_control (the system identifier), little-endian, as text; undefined when unreadable. */
export function systemIdentifierOf(dataDir: string): string | undefined {
  let fd: number | undefined;
  try {
    fd = fs.openSync(`${dataDir}/global/pg_control`, fs.constants.O_RDONLY | fs.constants.O_NONBLOCK);
    if (!fs.fstatSync(fd).isFile()) return undefined;
    const bytes = Buffer.alloc(8);
    if (fs.readSync(fd, bytes, 0, 8, 0) !== 8) return undefined;
    return bytes.readBigUInt64LE(0).toString();
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

/** The identities `control` reports for `services` (a node it cannot tell is left out: unknown, not absent). */
export async function dataIdentitiesOf(control: NodeControl, services: string[]): Promise<DataIdentities> {
  const found: DataIdentities = {};
  if (!control.dataIdentity) return found;
  for (const service of services) {
    const identity = await control.dataIdentity(service).catch(() => undefined);
    if (identity !== undefined) found[service] = identity;
  }
  return found;
}

const describesRoles = (history: ClusterHistory): boolean => history.primary !== undefined || history.fenced.length > 0 || history.replicas.length > 0;

/**
 * Why `history` does not describe the data `present` (undefined: it does, or it cannot be told). A recorded node
 * whose data is gone or other means the roles are about another cluster; without a record (an older history) only
 * "no node has any data" is certain.
 */
export function staleHistoryReason(history: ClusterHistory, present: DataIdentities): string | undefined {
  if (!describesRoles(history)) return undefined;
  const known = Object.entries(present);
  if (known.length && known.every(([, identity]) => identity === null)) return 'no node has data any more (fresh data)';
  for (const [service, recorded] of Object.entries(history.data ?? {})) {
    if (!(service in present)) continue;
    const now = present[service];
    if (now === null) return `${service}'s data is gone (recorded: ${recorded})`;
    if (now !== recorded) return `${service}'s data is other data (recorded: ${recorded}; now: ${now})`;
  }
  return undefined;
}

/** Retires a history about other data (the compose roles hold again); returns what to tell the user, or undefined. */
export function retireStaleHistory(store: HistoryStore, present: DataIdentities): string | undefined {
  const history = store.read();
  const reason = staleHistoryReason(history, present);
  if (!reason) return undefined;
  const roles = history.primary ? `${history.primary} primary` : `fenced ${history.fenced.map((f) => f.service).join(', ')}`;
  try {
    const retired = store.location.replace(/\.history\.json$/, '.history.retired.json');
    if (retired !== store.location) fs.copyFileSync(store.location, retired);
  } catch {
    // keeping the old copy aside is a courtesy; the reset below is what matters
  }
  store.write(emptyHistory(history.project));
  return `the recorded cluster history (${roles}) describes data that is no longer here: ${reason}; it was retired and the compose file's roles hold`;
}

/** Stamps the history with the data identities of `services` as they are now; returns a warning when it cannot. */
export async function stampHistory(store: HistoryStore | undefined, control: NodeControl, services: string[]): Promise<string | undefined> {
  if (!store || !control.dataIdentity) return undefined;
  try {
    const identities = await dataIdentitiesOf(control, services);
    const history = store.read();
    const data: Record<string, string> = { ...history.data };
    for (const [service, identity] of Object.entries(identities)) {
      if (identity === null) delete data[service];
      else data[service] = identity;
    }
    store.write({ ...history, data });
    return undefined;
  } catch (error) {
    return `could not record which data the cluster history describes in ${store.location}: ${(error as Error).message}`;
  }
}

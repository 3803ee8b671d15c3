/**
 * Split brain: two or more nodes of one cluster accepting writes. Decides which one keeps the primary role (the one
 * pgha last promoted, else the one on the highest timeline) and which must rejoin as replicas.
 */
import type { ClusterSnapshot } from '../monitor/types';
import type { ClusterHistory } from './store';

export interface SplitBrain {
  /** Every node that accepts writes. */
  writable: string[];
  /** The primary to keep. */
  keep: string;
  /** The nodes to rejoin as replicas of `keep`. */
  rejoin: string[];
  /** One line for status bars and notifications. */
  message: string;
}

export function detectSplitBrain(snapshot: ClusterSnapshot, history?: ClusterHistory): SplitBrain | undefined {
  const writable = snapshot.primaries;
  if (writable.length < 2) return undefined;
  const timelineOf = (service: string) => snapshot.nodes.find((n) => n.service === service)?.timeline ?? 0;
  const byHistory = history?.primary && writable.includes(history.primary) ? history.primary : undefined;
  const keep = byHistory ?? [...writable].sort((a, b) => timelineOf(b) - timelineOf(a))[0];
  const rejoin = writable.filter((s) => s !== keep);
  const why = byHistory ? 'pgha promoted it last' : `highest timeline (${timelineOf(keep)})`;
  return { writable, keep, rejoin, message: `split brain: ${writable.join(' and ')} accept writes; keep ${keep} (${why}) and rejoin ${rejoin.join(', ')} as replica${rejoin.length === 1 ? '' : 's'}` };
}

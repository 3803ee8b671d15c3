/**
 * The last LSNs seen per node, with when: what a promote says about possible data loss when the old primary no
 * longer answers (there is no live LSN to compare then). `pgha status` (every refresh), the monitor and the promote
 * pre-check record each answering node's LSNs here; one small file beside the history
 * (`<compose folder>/.pgha/<project>.lastseen.json`), bounded (64 nodes, 32 KiB), written atomically. Reads are
 * bounded and never throw; an unreadable file is nothing seen.
 */
import { readBoundedText } from '../../core/nodeFileSystem';
import type { ClusterSnapshot } from '../monitor/types';
import { historyPath, writeJsonAtomic } from './store';

const MAX_BYTES = 32 * 1024;
const MAX_NODES = 64;
const LSN = /^[0-9A-F]{1,8}\/[0-9A-F]{1,8}$/i;

export interface NodeSighting {
  role: string;
  /** Primary: its current WAL position (what it acknowledged, at most); replica: its replay LSN. */
  lsn?: string;
  receiveLsn?: string;
  timeline?: number;
  /** When this node last answered (ISO time). */
  at: string;
}

export type LastSeen = Record<string, NodeSighting>;

export function lastSeenPath(project: string, composeFile?: string): string {
  return historyPath(project, composeFile).replace(/\.history\.json$/, '.lastseen.json');
}

function sighting(value: unknown): NodeSighting | undefined {
  const v = value as Partial<NodeSighting> | null;
  if (!v || typeof v.role !== 'string' || typeof v.at !== 'string' || Number.isNaN(Date.parse(v.at))) return undefined;
  const lsn = typeof v.lsn === 'string' && LSN.test(v.lsn) ? v.lsn : undefined;
  const receiveLsn = typeof v.receiveLsn === 'string' && LSN.test(v.receiveLsn) ? v.receiveLsn : undefined;
  return { role: v.role, lsn, receiveLsn, timeline: typeof v.timeline === 'number' ? v.timeline : undefined, at: v.at };
}

export class LastSeenStore {
  constructor(readonly location: string) {}

  static forProject(project: string, composeFile?: string): LastSeenStore {
    return new LastSeenStore(lastSeenPath(project, composeFile));
  }

  read(): LastSeen {
    const text = readBoundedText(this.location, MAX_BYTES);
    if (text === undefined) return {};
    try {
      const value = JSON.parse(text) as { nodes?: Record<string, unknown> };
      const entries = Object.entries(value.nodes ?? {}).flatMap(([service, v]) => {
        const seen = sighting(v);
        return seen ? [[service, seen] as const] : [];
      });
      return Object.fromEntries(entries.slice(0, MAX_NODES));
    } catch {
      return {};
    }
  }

  /** Records every node that answered in `snapshot` (others keep what was last seen of them). Never throws. */
  record(snapshot: ClusterSnapshot): void {
    const seen = this.read();
    let changed = false;
    for (const node of snapshot.nodes) {
      if (node.state !== 'up' || (node.role !== 'primary' && node.role !== 'replica')) continue;
      seen[node.service] = { role: node.role, lsn: node.lsn, receiveLsn: node.receiveLsn ?? undefined, timeline: node.timeline, at: snapshot.takenAt };
      changed = true;
    }
    if (!changed) return;
    const newest = Object.entries(seen)
      .sort(([, a], [, b]) => Date.parse(b.at) - Date.parse(a.at))
      .slice(0, MAX_NODES);
    try {
      writeJsonAtomic(this.location, { nodes: Object.fromEntries(newest) });
    } catch {
      // a read-only folder loses only the hint
    }
  }
}

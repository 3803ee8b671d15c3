/**
 * Cluster history: what pgha changed about a cluster's roles (promotions, timelines, demoted and fenced nodes), kept
 * beside the cluster so that it survives restarts of VS Code and the CLI, for every runtime. Docker labels cannot be
 * changed after a container is created and a native runtime has no labels at all, so the record is a small JSON
 * file in a runtime-neutral place: `<compose file folder>/.pgha/<project>.history.json` (next to the definition it
 * overrides), or `~/.pgha/history/<project>.history.json` for a cluster without a compose file. Reads are bounded and
 * never throw: an unreadable record is an empty history (the compose roles), which is what pgha did before.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { readBoundedText } from '../../core/nodeFileSystem';

/** The most a history file may hold; a larger one is not ours (or broken) and is ignored. */
const MAX_BYTES = 256 * 1024;
/** Events kept per cluster (the newest); enough to explain the current roles. */
const MAX_EVENTS = 50;

export type HistoryEventKind = 'promote' | 'switchover' | 'rejoin' | 'fence';

export interface HistoryEvent {
  at: string;
  kind: HistoryEventKind;
  service: string;
  timeline?: number;
  detail: string;
}

/** A former primary that must not start as a primary again (another node was promoted while it was away). */
export interface FencedNode {
  service: string;
  /** The node that took over, and its timeline then. */
  supersededBy: string;
  timeline?: number;
  at: string;
}

export interface ClusterHistory {
  project: string;
  /** The node pgha last made primary (absent: the compose file's primary is still the primary). */
  primary?: string;
  timeline?: number;
  /** Nodes pgha made (or found) replicas of `primary`, also compose primaries that were demoted. */
  replicas: string[];
  fenced: FencedNode[];
  events: HistoryEvent[];
  /** Each node's data identity when the roles were recorded (./dataIdentity.ts): a history about other data is retired. */
  data?: Record<string, string>;
}

export interface HistoryStore {
  readonly location: string;
  read(): ClusterHistory;
  write(history: ClusterHistory): void;
}

export const emptyHistory = (project: string): ClusterHistory => ({ project, replicas: [], fenced: [], events: [] });

/** Where a project's history lives (see the file comment). */
export function historyPath(project: string, composeFile?: string): string {
  const safe = project.replace(/[^A-Za-z0-9_.-]/g, '_');
  const folder = composeFile ? path.join(path.dirname(composeFile), '.pgha') : path.join(os.homedir(), '.pgha', 'history');
  return path.join(folder, `${safe}.history.json`);
}

function parse(text: string, project: string): ClusterHistory {
  const value = JSON.parse(text) as Partial<ClusterHistory>;
  const history = emptyHistory(project);
  if (typeof value.primary === 'string') history.primary = value.primary;
  if (typeof value.timeline === 'number') history.timeline = value.timeline;
  if (Array.isArray(value.replicas)) history.replicas = value.replicas.filter((r): r is string => typeof r === 'string');
  if (Array.isArray(value.fenced)) history.fenced = value.fenced.filter((f) => typeof f?.service === 'string' && typeof f.supersededBy === 'string');
  if (Array.isArray(value.events)) history.events = value.events.filter((e) => typeof e?.service === 'string' && typeof e.kind === 'string');
  if (value.data && typeof value.data === 'object') history.data = Object.fromEntries(Object.entries(value.data).filter(([, v]) => typeof v === 'string'));
  return history;
}

/** The file store; `read` of a missing, oversized, non-regular or broken file is an empty history. */
export class FileHistoryStore implements HistoryStore {
  constructor(
    readonly project: string,
    readonly location: string,
  ) {}

  static forProject(project: string, composeFile?: string): FileHistoryStore {
    return new FileHistoryStore(project, historyPath(project, composeFile));
  }

  read(): ClusterHistory {
    const text = readBoundedText(this.location, MAX_BYTES);
    if (text === undefined) return emptyHistory(this.project);
    try {
      return parse(text, this.project);
    } catch {
      return emptyHistory(this.project);
    }
  }

  write(history: ClusterHistory): void {
    writeJsonAtomic(this.location, { ...history, events: history.events.slice(-MAX_EVENTS) });
  }
}

/** Writes `value` as JSON through a temporary file and a rename: a kill at any moment leaves the old file or the new one. */
export function writeJsonAtomic(file: string, value: unknown): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temporary, `${JSON.stringify(value, null, 2)}\n`);
  fs.renameSync(temporary, file);
}

/** A store in memory (tests, and callers that have no place to keep one). */
export class MemoryHistoryStore implements HistoryStore {
  readonly location = '(memory)';
  private history: ClusterHistory;

  constructor(project: string) {
    this.history = emptyHistory(project);
  }

  read(): ClusterHistory {
    return structuredClone(this.history);
  }

  write(history: ClusterHistory): void {
    this.history = structuredClone(history);
  }
}

/**
 * What every start path asks before it starts nodes (CLI `pgha up`, "Start Cluster", "Start Node"): is a fenced
 * former primary among them (refuse at once, with the reason and the repair), and which roles should the start wait
 * for (the current ones, not the compose file's).
 */
import type { Topology } from '../../core/model/topology';
import { uriToPath } from '../../core/paths';
import { currentRoles, startRefusal } from './record';
import type { NodeControl } from '../runtime/types';
import { dataIdentitiesOf, retireStaleHistory } from './dataIdentity';
import { emptyHistory, FileHistoryStore, type HistoryStore } from './store';

export interface StartPlan {
  /** Why the start must not happen (nothing was changed), with what to do instead. */
  refusal?: string;
  currentRoles: Record<string, string>;
}

/** The compose file a topology came from, when it is a file (its history lives beside it). */
export function composeFileOf(topology: Pick<Topology, 'uri'>): string | undefined {
  return uriToPath(topology.uri);
}

export function historyStoreFor(topology: Pick<Topology, 'uri' | 'project'>): HistoryStore {
  return FileHistoryStore.forProject(topology.project, composeFileOf(topology));
}

/** The CLI's repair command for a fenced node (UIs offer "Rejoin as Replica" instead). */
export const cliRejoinHint = (file: string) => (service: string) => `pgha rejoin ${file} ${service}`;

/** Checks starting `services` (default: all of the topology's) against the recorded history. */
export function planStart(topology: Topology, store: HistoryStore, rejoinHint: (service: string) => string, services?: string[]): StartPlan {
  const history = store.read();
  const composeRoles = Object.fromEntries(topology.services.map((s) => [s.name, s.role as string]));
  const refusal = startRefusal(history, services ?? topology.services.map((s) => s.name), rejoinHint);
  return { refusal, currentRoles: currentRoles(history, composeRoles) };
}

/** A start refused because it would make a second primary; `message` says why and how to repair. */
export class FencedStartError extends Error {
  constructor(
    readonly services: string[],
    message: string,
  ) {
    super(message);
  }
}

/** Throws FencedStartError when a fenced former primary is among `services` (every runtime's node start asks). */
export function assertMayStart(store: HistoryStore, services: string[], rejoinHint: (service: string) => string): void {
  const history = store.read();
  const refusal = startRefusal(history, services, rejoinHint);
  if (refusal) throw new FencedStartError(history.fenced.map((f) => f.service).filter((s) => services.includes(s)), refusal);
}

/** Drops a project's history (its data was removed: the roles are the compose file's again). */
export function forgetHistory(topology: Pick<Topology, 'uri' | 'project'>): void {
  historyStoreFor(topology).write(emptyHistory(topology.project));
}

/**
 * Before a start: retires the history when it describes data that is no longer there (./dataIdentity.ts), asking
 * `control` (the runtime that will start the nodes) what data each PostgreSQL node has. Returns what to tell the user.
 */
export async function retireHistoryOfOtherData(topology: Topology, store: HistoryStore, control: NodeControl): Promise<string | undefined> {
  const history = store.read();
  if (!history.primary && !history.fenced.length && !history.replicas.length) return undefined;
  const services = topology.services.filter((s) => s.role === 'primary' || s.role === 'replica').map((s) => s.name);
  return retireStaleHistory(store, await dataIdentitiesOf(control, services));
}

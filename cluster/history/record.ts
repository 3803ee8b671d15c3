/**
 * Reading and changing the cluster history (./store.ts): what promote, switchover and rejoin record, which roles a
 * start should expect, and which start must be refused because it would make a second primary.
 */
import type { ClusterHistory, HistoryEventKind, HistoryStore } from './store';

export interface PromotionRecord {
  kind: Extract<HistoryEventKind, 'promote' | 'switchover'>;
  primary: string;
  timeline?: number;
  /** Former primaries that were away (stopped, unreachable): they must rejoin before they run again. */
  fenced: string[];
  /** Nodes that now replicate from `primary` (the old primary after a switchover, re-pointed replicas). */
  replicas: string[];
}

const now = (): string => new Date().toISOString();
const without = (list: string[], names: string[]): string[] => list.filter((n) => !names.includes(n));

/** Records a promotion; never throws (an action that succeeded must not fail because its record could not be kept). */
export function recordPromotion(store: HistoryStore | undefined, record: PromotionRecord): string | undefined {
  if (!store) return undefined;
  return keep(store, (history) => {
    const at = now();
    history.primary = record.primary;
    history.timeline = record.timeline;
    history.replicas = [...without(history.replicas, [record.primary, ...record.replicas, ...record.fenced]), ...record.replicas];
    history.fenced = [
      ...history.fenced.filter((f) => f.service !== record.primary && !record.fenced.includes(f.service) && !record.replicas.includes(f.service)),
      ...record.fenced.map((service) => ({ service, supersededBy: record.primary, timeline: record.timeline, at })),
    ];
    const timeline = record.timeline === undefined ? '' : ` on timeline ${record.timeline}`;
    history.events.push({ at, kind: record.kind, service: record.primary, timeline: record.timeline, detail: `${record.primary} became primary${timeline}` });
    for (const service of record.fenced) {
      history.events.push({ at, kind: 'fence', service, timeline: record.timeline, detail: `${service} fenced: it must rejoin as a replica of ${record.primary} before it runs again` });
    }
  });
}

/** Records that `service` now replicates from `primary` (rejoined); it is no longer fenced. */
export function recordRejoin(store: HistoryStore | undefined, service: string, primary: string, timeline?: number): string | undefined {
  if (!store) return undefined;
  return keep(store, (history) => {
    history.primary ??= primary;
    history.replicas = [...without(history.replicas, [service]), service];
    history.fenced = history.fenced.filter((f) => f.service !== service);
    history.events.push({ at: now(), kind: 'rejoin', service, timeline, detail: `${service} rejoined as a replica of ${primary}` });
  });
}

/** Applies `change` to the stored history; returns a warning instead of throwing when it cannot be written. */
function keep(store: HistoryStore, change: (history: ClusterHistory) => void): string | undefined {
  try {
    const history = store.read();
    change(history);
    store.write(history);
    return undefined;
  } catch (error) {
    return `could not record the cluster history in ${store.location}: ${(error as Error).message}`;
  }
}

/** The role each node has now: the compose roles, overridden by what pgha changed. */
export function currentRoles(history: ClusterHistory, composeRoles: Record<string, string>): Record<string, string> {
  const roles = { ...composeRoles };
  if (!history.primary || !(history.primary in roles)) return roles;
  for (const [service, role] of Object.entries(roles)) {
    if (role === 'primary' && service !== history.primary) roles[service] = 'replica';
  }
  for (const service of history.replicas) if (service in roles) roles[service] = 'replica';
  roles[history.primary] = 'primary';
  return roles;
}

/** Why starting `services` must be refused (a fenced former primary among them), or undefined. */
export function startRefusal(history: ClusterHistory, services: string[], rejoinHint: (service: string) => string): string | undefined {
  const fenced = history.fenced.filter((f) => services.includes(f.service));
  if (!fenced.length) return undefined;
  return fenced
    .map((f) => {
      const timeline = f.timeline === undefined ? '' : ` (timeline ${f.timeline})`;
      return `${f.service} is a former primary: ${f.supersededBy} was promoted${timeline} while it was away, so starting it as it is would make two primaries (split brain). Rejoin it as a replica first: ${rejoinHint(f.service)}`;
    })
    .join('\n');
}

export function isFenced(history: ClusterHistory, service: string): boolean {
  return history.fenced.some((f) => f.service === service);
}

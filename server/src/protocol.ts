/** Custom requests between the language server and the client, typed once for both sides. */
import type { Major } from '../../core/majors';
import type { Topology } from '../../core/model/topology';

export type * from '../../core/model/topology';

export const TopologyRequest = {
  method: 'pgha/topology',
} as const;
export interface TopologyParams {
  uri: string;
}
export type TopologyResult = Topology | null;

/** pgha/targetMajor: the PostgreSQL major the server assumes for a document, and where it came from. */
export const TargetMajorRequest = {
  method: 'pgha/targetMajor',
} as const;
export interface TargetMajorParams {
  uri: string;
}
/** null for documents that are not postgresql.conf files (or not open). */
export type TargetMajorResult = { major: Major; source: string } | null;

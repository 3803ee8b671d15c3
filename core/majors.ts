/**
 * The PostgreSQL majors pgha supports: the one home of this fact (catalog, language service, wizard,
 * launcher, monitor, CLI and the manifest's enum are checked against it by a test).
 */
export const MAJORS = [13, 14, 15, 16, 17, 18] as const;
export type Major = (typeof MAJORS)[number];
/** The major assumed when nothing tells (and the wizard's recommended choice). */
export const DEFAULT_MAJOR: Major = 17;

export function isMajor(value: unknown): value is Major {
  return typeof value === 'number' && (MAJORS as readonly number[]).includes(value);
}

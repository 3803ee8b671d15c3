/**
 * Which CREATE SUBSCRIPTION options and publication features each major accepts. An option a major does not know
 * makes CREATE SUBSCRIPTION fail, which stops the init script (and the container's first start).
 */
import type { Major } from '../../../../../core/majors';
import type { SqlPublication, SqlSubscription } from '../../../../sql/logicalFacts';

/** Options and the first major that accepts them (13 accepts the rest: connect, enabled, create_slot, slot_name, copy_data, synchronous_commit). */
const SINCE: Record<string, Major> = {
  binary: 14,
  streaming: 14,
  two_phase: 15,
  disable_on_error: 15,
  origin: 16,
  password_required: 16,
  run_as_owner: 16,
  failover: 17,
};

const KNOWN_IN_13 = new Set(['connect', 'enabled', 'create_slot', 'slot_name', 'copy_data', 'synchronous_commit', 'refresh']);

/** What PostgreSQL of `major` would refuse in the subscription's options (messages as the server words them). */
export function optionProblems(subscription: SqlSubscription, major: Major): string[] {
  const problems: string[] = [];
  for (const [name, value] of Object.entries(subscription.options)) {
    const since = SINCE[name];
    if (since !== undefined && major < since) {
      problems.push(`PostgreSQL ${major} refuses the option ${name} ("unrecognized subscription parameter: "${name}"") — it exists from ${since} on. Drop it, or run PostgreSQL ${since} or later.`);
    } else if (since === undefined && !KNOWN_IN_13.has(name)) {
      problems.push(`no PostgreSQL major knows the option ${name} ("unrecognized subscription parameter: "${name}"").`);
    } else if (name === 'streaming' && value.toLowerCase() === 'parallel' && major < 16) {
      problems.push(`streaming = parallel exists from PostgreSQL 16 on; ${major} accepts only on or off ("streaming requires a Boolean value").`);
    }
  }
  return problems;
}

/** What PostgreSQL of `major` would refuse in a publication (row filters, column lists and schemas came in 15). */
export function publicationProblems(publication: SqlPublication, major: Major): string[] {
  if (major >= 15) return [];
  const problems: string[] = [];
  if (publication.filtered) problems.push(`row filters (WHERE) and column lists in a publication exist from PostgreSQL 15 on; ${major} stops with a syntax error.`);
  if (publication.schemas.length) problems.push(`FOR TABLES IN SCHEMA exists from PostgreSQL 15 on; ${major} stops with a syntax error.`);
  return problems;
}

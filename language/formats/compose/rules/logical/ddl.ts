/**
 * Logical replication carries rows, not DDL: a published table defined differently by the two sides' init scripts.
 * A column the subscriber lacks stops the copy and the apply worker (PostgreSQL names the missing column, checked on
 * real servers); a column of another type may fail to convert; extra columns on the subscriber are fine (they get
 * their defaults). Tables whose columns come from elsewhere (LIKE, INHERITS, PARTITION OF) and publications with
 * column lists are left alone.
 */
import { publishedTables, type SqlSubscription } from '../../../../sql/logicalFacts';
import type { Major } from '../../../../catalog/types';
import type { RuleContext } from '../context';
import { scriptName, spanOf, type Side } from './side';

/** What the subscriber logs for a replicated table lacking columns (13 does not name them; 15 and 17 do, checked). */
export function missingColumnsMessage(table: string, columns: string[], major: Major): string {
  if (major < 15) return `logical replication target relation "${table}" is missing some replicated columns`;
  return `logical replication target relation "${table}" is missing replicated column${columns.length > 1 ? 's' : ''}: ${columns.map((c) => `"${c}"`).join(', ')}`;
}

export function ddlRule(ctx: RuleContext, subscriber: Side, publisher: Side, subscription: SqlSubscription): void {
  for (const name of subscription.publications) {
    const publication = publisher.sql.facts.publications.get(name);
    if (!publication || publication.filtered) continue;
    for (const table of publishedTables(publication, publisher.sql.facts)) {
      const source = publisher.sql.facts.tables.get(table);
      const target = subscriber.sql.facts.tables.get(table);
      if (!source || !target || !source.columnsKnown || !target.columnsKnown) continue;
      const missing = [...source.columns.keys()].filter((c) => !target.columns.has(c));
      const retyped = [...source.columns].filter(([c, type]) => target.columns.has(c) && target.columns.get(c) !== type).map(([c, type]) => `${c} (${type} → ${target.columns.get(c)})`);
      const where = `${table} on "${publisher.service.name}" (${scriptName(publisher, source)}) and on "${subscriber.service.name}" (${scriptName(subscriber, target)})`;
      if (missing.length) {
        ctx.report(spanOf(subscriber, target), 'warning', 'compose/logical-ddl-differs', `Subscription "${subscription.name}" replicates ${where}, but the subscriber's table lacks ${missing.join(', ')}: the copy and every change stop with "${missingColumnsMessage(table, missing, ctx.majorOf(subscriber.service))}". DDL is not replicated: add the columns on "${subscriber.service.name}" (and apply later schema changes to both sides, subscriber first).`, { service: subscriber.service.name }, `${subscription.name}/${table}`);
      } else if (retyped.length) {
        ctx.report(spanOf(subscriber, target), 'information', 'compose/logical-ddl-differs', `Subscription "${subscription.name}" replicates ${where}, defined with other types: ${retyped.join(', ')}. Rows are sent as text and converted on the subscriber, so values the other type cannot hold stop the apply worker. DDL is not replicated: keep both definitions alike.`, { service: subscriber.service.name }, `${subscription.name}/${table}`);
      }
    }
  }
}

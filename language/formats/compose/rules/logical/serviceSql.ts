/**
 * The SQL a service's init scripts run, read with PostgreSQL's own parser: the logical-replication facts of all
 * its scripts in the order the entrypoint runs them, and the syntax errors that would stop the entrypoint.
 */
import * as path from 'path';
import { emptyLogicalFacts, logicalFacts, type LogicalFacts } from '../../../../sql/logicalFacts';
import type { SqlParserHost } from '../../../../sql/parser';
import type { InitScript } from '../../initScripts';
import type { ServiceInfo } from '../../model';

/** The script as the user names it: the mounted file, or the file inside a mounted folder. */
export function scriptLabel(script: InitScript): string {
  const source = script.volume.source;
  if (!source) return script.containerPath;
  return script.containerPath === script.volume.target.replace(/\/+$/, '') ? source : `${source.replace(/\/+$/, '')}/${path.basename(script.containerPath)}`;
}

export interface ScriptPosition {
  script: InitScript;
  /** 1-based line and column in the script. */
  line: number;
  column: number;
}

export interface SqlSyntaxFinding extends ScriptPosition {
  message: string;
}

export interface FactOrigin {
  script: InitScript;
  /** Offset of the statement in the script. */
  offset: number;
  /** Run order across the service's scripts (the entrypoint runs them sorted by name, statements in order). */
  order: number;
}

export interface ServiceSql {
  facts: LogicalFacts;
  syntaxErrors: SqlSyntaxFinding[];
  /** Some script could not be read or parsed: absence of a fact proves nothing. */
  incomplete: boolean;
  /** Where a statement at `offset` of the concatenated fragments of `script` is (for messages). */
  where(script: InitScript, offset: number): ScriptPosition;
  /** The script and offset of each fact, keyed by the fact's offset in its own fragment. */
  origin: Map<object, FactOrigin>;
}

function positionIn(script: InitScript, offset: number): ScriptPosition {
  const before = (script.text ?? '').slice(0, offset);
  const line = before.split('\n').length;
  return { script, line, column: offset - before.lastIndexOf('\n') };
}

/** Records where the facts added by one fragment come from (tables, publications, subscriptions). */
function remember(result: ServiceSql, before: { tables: number; publications: number; subscriptions: number }, script: InitScript, base: number, rank: number): void {
  const { facts } = result;
  const at = (offset: number): FactOrigin => ({ script, offset: base + offset, order: rank * 1e9 + base + offset });
  for (const table of [...facts.tables.values()].slice(before.tables)) result.origin.set(table, at(table.offset));
  for (const publication of [...facts.publications.values()].slice(before.publications)) result.origin.set(publication, at(publication.offset));
  for (const subscription of facts.subscriptions.slice(before.subscriptions)) result.origin.set(subscription, at(subscription.offset));
}

/**
 * The service's SQL facts, or undefined while the parser is not loaded (loading starts; the host's owner checks
 * again once it is). Services without readable SQL scripts give empty facts.
 */
export function serviceSql(sql: SqlParserHost | undefined, service: ServiceInfo): ServiceSql | undefined {
  const scripts = service.init.scripts.filter((s) => !s.missing && /\.(sql|sh|sql\.gz)$/i.test(s.containerPath));
  if (!sql || scripts.length === 0) return undefined;
  if (!sql.ready) {
    void sql.load();
    return undefined;
  }
  const result: ServiceSql = { facts: emptyLogicalFacts(), syntaxErrors: [], incomplete: service.init.unreadable, where: positionIn, origin: new Map() };
  for (const [rank, script] of scripts.entries()) {
    if (script.text === undefined) continue;
    for (const fragment of sql.scriptFragments(path.basename(script.containerPath), script.text)) {
      const parsed = sql.parse(fragment.sql);
      if (!parsed) return undefined;
      if (!parsed.ok) {
        result.incomplete = true;
        // Shell-expanded SQL may hold what only the shell makes valid: its errors are not ours to report.
        if (!fragment.expanded) result.syntaxErrors.push({ ...positionIn(script, fragment.offset + parsed.error.offset), message: parsed.error.message });
        continue;
      }
      const before = { tables: result.facts.tables.size, publications: result.facts.publications.size, subscriptions: result.facts.subscriptions.length };
      logicalFacts(parsed.statements, result.facts);
      remember(result, before, script, fragment.offset, rank);
    }
  }
  return result;
}

/**
 * SQL files: hovers on logical-replication statements (with the facts of the stack that runs the script), and
 * PostgreSQL's syntax error on scripts a compose stack runs. PostgreSQL's parser is loaded on first need; until it
 * answers there is nothing to say (the server checks open documents again once it is loaded).
 */
import * as path from 'path';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic, Hover, Position } from 'vscode-languageserver-types';
import { uriToPath } from '../../../core/paths';
import { makeDiagnostic } from '../../diagnostics';
import type { ServiceContext } from '../../service/context';
import { emptyService } from '../../service/emptyService';
import type { FormatService } from '../../service/types';
import { logicalFacts } from '../../sql/logicalFacts';
import type { SqlParse, SqlStatement } from '../../sql/parser';
import { psqlToSql } from '../../sql/scripts';
import { SQL_CODES } from './codes';
import { explain, slotFunctionOf } from './explain';
import { ScriptStacks, type ScriptStack } from './stack';
import { publicationFacts, subscriptionFacts } from './stackFacts';

interface Parsed {
  parsed: SqlParse;
  /** psql variables were masked to names. */
  variables: boolean;
}

/** The facts of the stack about the statement, under a heading naming the stack and the service. */
function stackSection(stack: ScriptStack, statement: SqlStatement): string {
  const facts = logicalFacts([statement]);
  const publication = [...facts.publications.values()][0];
  const subscription = facts.subscriptions[0];
  const lines = publication ? publicationFacts(stack, publication) : subscription ? subscriptionFacts(stack, subscription) : [];
  if (!lines.length) return '';
  return `\n\n**In this stack** (${path.basename(stack.composeFile)}, service "${stack.service.name}"):\n${lines.map((l) => `- ${l}`).join('\n')}`;
}

/** Where a hover of the statement answers: a slot function's name, or the statement's first line. */
function hoverSpan(statement: SqlStatement, text: string): { start: number; end: number; slot?: string } {
  const slot = slotFunctionOf(statement, text);
  if (slot) return { start: slot.offset, end: slot.offset + slot.name.length, slot: slot.name };
  const lineEnd = text.indexOf('\n', statement.start);
  return { start: statement.start, end: Math.min(statement.end, lineEnd < 0 ? text.length : lineEnd) };
}

export function createInitSqlService(context: ServiceContext): FormatService {
  const stacks = new ScriptStacks(context.fs, context.catalog, () => context.settings().defaultMajor, context.sql);
  const enabled = () => context.settings().initSql !== false && context.sql !== undefined;
  /** The last parse of each open document with its text (hovers ask again and again; versions may repeat in tests and pgha check). */
  const parses = new Map<string, { text: string; result: Parsed }>();
  /** The parse of the document as psql runs it; undefined while the parser loads (loading starts). */
  const parse = (doc: TextDocument): Parsed | undefined => {
    const text = doc.getText();
    const known = parses.get(doc.uri);
    if (known?.text === text) return known.result;
    const sql = context.sql!;
    if (!sql.ready) {
      void sql.load();
      return undefined;
    }
    const plain = psqlToSql(text);
    const parsed = sql.parseByStatement(plain.sql);
    if (!parsed) return undefined;
    parses.set(doc.uri, { text, result: { parsed, variables: plain.variables } });
    return { parsed, variables: plain.variables };
  };
  const stacksOf = (doc: TextDocument) => {
    const file = uriToPath(doc.uri);
    return file ? stacks.of(file) : [];
  };
  const getDiagnostics = (doc: TextDocument): Diagnostic[] => {
    if (!enabled()) return [];
    const runners = stacksOf(doc);
    const result = runners.length ? parse(doc) : undefined;
    // psql variables were masked to names: an error may be the masking's, not the script's.
    if (!result || result.parsed.ok || result.variables) return [];
    const { offset, message } = result.parsed.error;
    const text = doc.getText();
    const token = /^[^\s;(),]+/.exec(text.slice(offset))?.[0].length ?? 1;
    const services = runners.map((r) => `"${r.service.name}" (${path.basename(r.composeFile)})`).join(', ');
    return [
      makeDiagnostic({
        range: { start: doc.positionAt(offset), end: doc.positionAt(Math.min(text.length, offset + token)) },
        severity: 'error',
        code: SQL_CODES.syntax,
        message,
        hint: `The entrypoint of ${services} runs this script with ON_ERROR_STOP: the first start stops here and leaves the data folder half set up. Fix the statement, then remove the volume so the scripts run again.`,
      }),
    ];
  };
  const getHover = (doc: TextDocument, position: Position): Hover | null => {
    const result = enabled() ? parse(doc) : undefined;
    if (!result?.parsed.ok) return null;
    const text = doc.getText();
    const offset = doc.offsetAt(position);
    const statement = result.parsed.statements.find((s) => s.start <= offset && offset <= s.end);
    if (!statement) return null;
    const span = hoverSpan(statement, text);
    const said = offset >= span.start && offset <= span.end ? explain(statement, span.slot) : undefined;
    if (!said) return null;
    const stack = stacksOf(doc)[0];
    return {
      contents: { kind: 'markdown', value: said + (stack ? stackSection(stack, statement) : '') },
      range: { start: doc.positionAt(span.start), end: doc.positionAt(span.end) },
    };
  };
  return { ...emptyService, getDiagnostics, getHover, forget: (uri) => void parses.delete(uri) };
}

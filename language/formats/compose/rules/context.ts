import type { PatroniKnowledge } from '../../patroni/environment';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic, TextEdit } from 'vscode-languageserver-types';
import type { Catalog, Major } from '../../../catalog/types';
import type { FileSystemHost } from '../../../service/types';
import type { SqlParserHost } from '../../../sql/parser';
import type { ComposeModel, ServiceInfo } from '../model';
import type { PgbouncerEnv } from '../pgbouncerEnv';
import type { Span } from '../yaml/nodes';
import type { Severity } from '../../../diagnostics';
import { composeDiagnostic, type ComposeCode, type ComposeDiagnosticData } from '../codes';

export class RuleContext {
  readonly diagnostics: Diagnostic[] = [];
  /** Findings in an anchor shared by several services are reported once. */
  private readonly reported = new Set<string>();
  /** Results shared by rules within one run (e.g. the same fix for many replicas). */
  readonly memo = new Map<string, unknown>();

  constructor(
    readonly doc: TextDocument,
    readonly model: ComposeModel,
    readonly catalog: Catalog,
    readonly defaultMajor: Major,
    readonly fs: FileSystemHost,
    /** PostgreSQL's SQL parser for init scripts (the SQL rules wait for it to be loaded). */
    readonly sql?: SqlParserHost,
    /** Patroni's catalog, for services configured through PATRONI_* variables. */
    readonly patroni?: PatroniKnowledge,
    /** The PgBouncer images' environment contracts (loaded on first use). */
    readonly pgbouncerEnv?: () => PgbouncerEnv,
  ) {}

  majorOf(service: ServiceInfo): Major {
    return service.major ?? this.defaultMajor;
  }

  range(span: Span) {
    return { start: this.doc.positionAt(span.start), end: this.doc.positionAt(Math.max(span.start, span.end)) };
  }

  edit(span: Span, newText: string): TextEdit {
    return { range: this.range(span), newText };
  }

  /** `distinct` tells apart findings of one code on one span that are about different things (two subscriptions of one script). */
  report(span: Span, severity: Severity, code: ComposeCode, message: string, data?: ComposeDiagnosticData, distinct = ''): void {
    const key = `${code}@${span.start}-${span.end}#${distinct}`;
    if (this.reported.has(key)) return;
    this.reported.add(key);
    this.diagnostics.push(composeDiagnostic({ range: this.range(span), severity, code, message, data }));
  }

  /** Indentation (spaces) of the line holding `offset`. */
  indentAt(offset: number): string {
    const text = this.model.text;
    const start = text.lastIndexOf('\n', offset - 1) + 1;
    return /^[ \t]*/.exec(text.slice(start))![0];
  }

  lineEnd(offset: number): number {
    const end = this.model.text.indexOf('\n', offset);
    return end < 0 ? this.model.text.length : end;
  }

  /** End of the last non-blank line of the span (where a following line can be inserted). */
  lastContentEnd(span: Span): number {
    let end = Math.min(span.end, this.model.text.length);
    while (end > span.start && /\s/.test(this.model.text[end - 1])) end--;
    return this.lineEnd(end - 1 < span.start ? span.start : end - 1);
  }
}

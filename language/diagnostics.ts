/**
 * The one diagnostic and quick-fix builder of every format. A diagnostic says what the real program would say
 * (`message`, its words kept exactly), then how to fix it (`hint`), and carries its fixes in `data.fixes`;
 * code actions are built from those fixes here, the same way for every format.
 */
import {
  CodeActionKind,
  DiagnosticSeverity,
  DiagnosticTag,
  type CodeAction,
  type CodeActionContext,
  type Diagnostic,
  type DiagnosticRelatedInformation,
  type Range,
  type TextEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver-types';

/** `<format id>/<rule>`: every diagnostic code is typed by the format that reports it. */
export type FormatCode<Id extends string> = `${Id}/${string}`;

export type Severity = 'error' | 'warning' | 'information' | 'hint';

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/** One quick fix: edits of the diagnostic's own document, plus optional edits or creations of other files. */
export interface Fix {
  /** Title shown in the light bulb menu, e.g. `Change to 'shared_buffers'`. */
  title: string;
  edits: TextEdit[];
  /** The one obvious fix (VS Code applies preferred fixes with "auto fix"). */
  isPreferred?: boolean;
  otherFiles?: { uri: string; create?: boolean; edits: TextEdit[] }[];
}

/** What every diagnostic's `data` may hold; formats add their own context fields. */
export interface DiagnosticData {
  fixes?: Fix[];
}

export interface DiagnosticParts<Code extends string, Data extends DiagnosticData = DiagnosticData> {
  range: Range;
  code: Code;
  severity: Severity;
  /** What the real program says, word for word (no final period needed). */
  message: string;
  /** Our advice after it. */
  hint?: string;
  data?: Data;
  related?: DiagnosticRelatedInformation[];
  /** Shown faded: the text has no effect. */
  unnecessary?: boolean;
}

/** `message. hint`: a period closes the message unless it already ends a sentence; nothing inside is rewritten. */
export function joinMessage(message: string, hint?: string): string {
  const closed = /[.?!]$/.test(message) ? message : `${message}.`;
  return hint ? `${closed} ${hint}` : closed;
}

export function makeDiagnostic<Code extends string, Data extends DiagnosticData>(parts: DiagnosticParts<Code, Data>): Diagnostic {
  const diagnostic: Diagnostic = {
    range: parts.range,
    severity: SEVERITY[parts.severity],
    code: parts.code,
    source: 'pgha',
    message: joinMessage(parts.message, parts.hint),
    data: parts.data ?? {},
  };
  if (parts.related?.length) diagnostic.relatedInformation = parts.related;
  if (parts.unnecessary) diagnostic.tags = [DiagnosticTag.Unnecessary];
  return diagnostic;
}

/** A fix replacing one range of the diagnostic's document. */
export const replaceFix = (title: string, range: Range, newText: string, isPreferred = false): Fix => ({
  title,
  edits: [{ range, newText }],
  isPreferred,
});

export interface QuickFixOptions {
  /** Only diagnostics whose code starts with `<formatId>/` are considered. */
  formatId: string;
  /** A diagnostic's only fix becomes preferred even when the rule did not say so. */
  preferLoneFix?: boolean;
  /** Where a diagnostic's fixes are (default: its `data.fixes`), for formats that publish diagnostics without them. */
  fixesOf?: (diagnostic: Diagnostic) => Fix[] | undefined;
}

/** Quick fixes straight from the diagnostics' `data.fixes`: one CodeAction per distinct fix, tied to its diagnostic. */
export function quickFixes(uri: string, range: Range, context: CodeActionContext, options: QuickFixOptions): CodeAction[] {
  if (context.only && !context.only.some((kind) => kind === CodeActionKind.QuickFix || CodeActionKind.QuickFix.startsWith(`${kind}.`))) return [];
  const actions: CodeAction[] = [];
  const seen = new Set<string>();
  for (const diagnostic of context.diagnostics) {
    if (typeof diagnostic.code !== 'string' || !diagnostic.code.startsWith(`${options.formatId}/`) || !overlaps(diagnostic.range, range)) continue;
    const fixes = usable(options.fixesOf ? options.fixesOf(diagnostic) : (diagnostic.data as DiagnosticData | undefined)?.fixes);
    const preferredGiven = fixes.some((fix) => fix.isPreferred);
    for (const fix of fixes) {
      const key = `${fix.title}\u0000${JSON.stringify(fix.edits)}\u0000${JSON.stringify(fix.otherFiles ?? [])}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const preferred = fix.isPreferred || (options.preferLoneFix && !preferredGiven && fixes.length === 1);
      actions.push({ title: fix.title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], isPreferred: preferred ? true : undefined, edit: workspaceEdit(uri, fix) });
    }
  }
  return actions;
}

/** The well-formed fixes (data comes back from the client as it was sent, or from older versions of ours). */
function usable(fixes: Fix[] | undefined): Fix[] {
  if (!Array.isArray(fixes)) return [];
  return fixes.filter((fix) => typeof fix?.title === 'string' && Array.isArray(fix.edits) && (fix.edits.length > 0 || (fix.otherFiles?.length ?? 0) > 0));
}

function workspaceEdit(uri: string, fix: Fix): WorkspaceEdit {
  if (!fix.otherFiles?.length) return { changes: { [uri]: fix.edits.map((edit) => ({ range: edit.range, newText: edit.newText })) } };
  const documentChanges: NonNullable<WorkspaceEdit['documentChanges']> = [];
  for (const file of fix.otherFiles) {
    if (file.create) documentChanges.push({ kind: 'create', uri: file.uri, options: { ignoreIfExists: true } });
    documentChanges.push({ textDocument: { uri: file.uri, version: null }, edits: file.edits });
  }
  if (fix.edits.length) documentChanges.push({ textDocument: { uri, version: null }, edits: fix.edits });
  return { documentChanges };
}

function overlaps(a: Range, b: Range): boolean {
  const before = (p: Range['start'], q: Range['start']) => p.line < q.line || (p.line === q.line && p.character <= q.character);
  return before(a.start, b.end) && before(b.start, a.end);
}

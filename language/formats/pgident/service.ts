/** pg_ident.conf features over one cached parse per document version. */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { uriToPath } from '../../../core/paths';
import { quickFixes } from '../../diagnostics';
import { sharedRangeList } from '../../service/completionList';
import type { TargetMajor } from '../../service/capabilities';
import type { ServiceContext } from '../../service/context';
import { DocumentCache } from '../../service/documentCache';
import { emptyService } from '../../service/emptyService';
import { parseThenCheck } from '../../service/parseThenCheck';
import type { FormatService } from '../../service/types';
import { ComposeMajorFinder } from '../pgconf/composeMajor';
import { detectTargetMajor } from '../pgconf/targetMajor';
import { IDENT } from './codes';
import { usesBeside } from './crossFile';
import { identCompletions, identDocumentation, identHover, identSymbols } from './features';
import { parseIdent, type ParsedIdent } from './parser';
import { validateIdent } from './validator';

/** The word being typed ends at the cursor and starts after the last blank, comma or quote. */
function wordRange(doc: TextDocument, position: { line: number; character: number }) {
  const lineText = doc.getText({ start: { line: position.line, character: 0 }, end: position });
  return { start: { line: position.line, character: lineText.search(/[^\s,"]*$/) }, end: position };
}

export function createPgidentService(context: ServiceContext): FormatService<'getTargetMajor'> {
  const composeMajor = new ComposeMajorFinder(context.fs);
  const getTargetMajor = (doc: TextDocument): TargetMajor => detectTargetMajor(doc.uri, context.fs, context.settings().defaultMajor, composeMajor);
  const parses = new DocumentCache<ParsedIdent>((doc) => parseIdent(doc.getText(), getTargetMajor(doc).major, uriToPath(doc.uri)));
  const diagnose = (doc: TextDocument) => {
    const file = uriToPath(doc.uri);
    return validateIdent({ parsed: parses.get(doc), file, fs: file ? context.fs : undefined });
  };
  /** Map names worth offering: those defined here and those the pg_hba.conf beside names. */
  const knownMaps = (doc: TextDocument, parsed: ParsedIdent): string[] => {
    const file = uriToPath(doc.uri);
    const used = file ? (usesBeside(context.fs, file, parsed.major) ?? []).map((use) => use.name) : [];
    const defined = parsed.lines.map((line) => line.verdict?.entry?.map.text).filter((name): name is string => name !== undefined);
    return [...new Set([...used, ...defined])];
  };
  return {
    ...emptyService,
    getTargetMajor,
    ...parseThenCheck(parses, diagnose),
    getCompletions: (doc, position) => {
      const parsed = parses.get(doc);
      return sharedRangeList(identCompletions(parsed, position, knownMaps(doc, parsed)), wordRange(doc, position), { format: IDENT });
    },
    resolveCompletion: (item) => {
      const documentation = identDocumentation(item);
      return documentation ? { ...item, documentation: { kind: 'markdown', value: documentation } } : item;
    },
    getHover: (doc, position) => identHover(parses.get(doc), position),
    getCodeActions: (doc, range, ctx) => quickFixes(doc.uri, range, ctx, { formatId: IDENT }),
    getDocumentSymbols: (doc) => identSymbols(parses.get(doc)),
  };
}

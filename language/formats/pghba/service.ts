/** pg_hba.conf features over one cached parse per document version. */
import { parseThenCheck } from '../../service/parseThenCheck';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic } from 'vscode-languageserver-types';
import { uriToPath } from '../../../core/paths';
import { quickFixes } from '../../diagnostics';
import { sharedRangeList } from '../../service/completionList';
import type { TargetMajor } from '../../service/capabilities';
import type { ServiceContext } from '../../service/context';
import { DocumentCache } from '../../service/documentCache';
import { emptyService } from '../../service/emptyService';
import type { FormatService } from '../../service/types';
import { ComposeMajorFinder } from '../pgconf/composeMajor';
import { detectTargetMajor } from '../pgconf/targetMajor';
import { HBA } from './codes';
import { hbaCompletions, hbaDocumentation } from './completions';
import { withFixes } from './features/fixes';
import { hbaHover } from './features/hover';
import { hbaLinks, hbaSymbols } from './features/outline';
import { replicasRefused } from './features/replicas';
import { ServerFacts } from './features/server';
import { parseHba, type ParsedHba } from './parser';
import { validateHba } from './validator';
import { hbaMapDiagnostics } from '../pgident/crossFile';

/** The word being typed ends at the cursor and starts after the last blank, comma or quote. */
function wordRange(doc: TextDocument, position: { line: number; character: number }) {
  const lineText = doc.getText({ start: { line: position.line, character: 0 }, end: position });
  const start = lineText.search(/[^\s,"]*$/);
  return { start: { line: position.line, character: start }, end: position };
}

export function createPghbaService(context: ServiceContext): FormatService<'getTargetMajor'> {
  const composeMajor = new ComposeMajorFinder(context.fs);
  const serverFacts = new ServerFacts(context.fs);
  const getTargetMajor = (doc: TextDocument): TargetMajor => detectTargetMajor(doc.uri, context.fs, context.settings().defaultMajor, composeMajor);
  // The major is part of the parse (13–15 cut long tokens, 16+ read includes), and so is the server beside (its
  // ssl setting decides verdicts): one search per document version.
  const parses = new DocumentCache<ParsedHba>((doc, previous) => parseHba(doc.getText(), getTargetMajor(doc).major, previous, serverFacts.of(uriToPath(doc.uri))));
  const diagnose = (doc: TextDocument): Diagnostic[] => {
    const parsed = parses.get(doc);
    const file = uriToPath(doc.uri);
    const diagnostics = withFixes(validateHba({ parsed, file, fs: file ? context.fs : undefined, server: serverFacts.of(file) }), parsed);
    return file ? [...diagnostics, ...replicasRefused(parsed, composeMajor.mountOf(file), file), ...hbaMapDiagnostics(parsed, file, context.fs)] : diagnostics;
  };
  return {
    ...emptyService,
    getTargetMajor,
    ...parseThenCheck(parses, diagnose),
    getCompletions: (doc, position) => sharedRangeList(hbaCompletions(parses.get(doc), position), wordRange(doc, position), { format: HBA }),
    resolveCompletion: (item) => {
      const documentation = hbaDocumentation(item);
      return documentation ? { ...item, documentation: { kind: 'markdown', value: documentation } } : item;
    },
    getHover: (doc, position) => hbaHover(parses.get(doc), position),
    getCodeActions: (doc, range, ctx) => quickFixes(doc.uri, range, ctx, { formatId: HBA }),
    getDocumentSymbols: (doc) => hbaSymbols(parses.get(doc)),
    getDocumentLinks: (doc) => hbaLinks(parses.get(doc), uriToPath(doc.uri), context.fs),
  };
}

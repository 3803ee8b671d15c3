import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic } from 'vscode-languageserver-types';
import { uriToPath } from '../../../core/paths';
import type { Major } from '../../catalog/types';
import type { TargetMajor } from '../../service/capabilities';
import type { ServiceContext } from '../../service/context';
import { ItemListCache } from '../../service/completionList';
import { DocumentCache } from '../../service/documentCache';
import { emptyService } from '../../service/emptyService';
import { runSteps, type Steps } from '../../service/steps';
import type { FormatService } from '../../service/types';
import type { ParsedConf } from './ast';
import { ComposeMajorFinder } from './composeMajor';
import { sendersForReplicas } from './composeSenders';
import { pgconfCodeActions } from './features/codeActions';
import { pgconfCompletions, resolvePgconfCompletion } from './features/completion';
import { pgconfFolding } from './features/folding';
import { pgconfHover } from './features/hover';
import type { PgconfFeatureInput } from './features/input';
import { pgconfSymbols } from './features/symbols';
import { resolveIncludes } from './includes';
import { SettingJudge } from './judge';
import { IncrementalConfParser } from './parser';
import { ASSUMED_SOURCE, detectTargetMajor } from './targetMajor';
import { validateConfSteps } from './validator';

/** One document's parse: its incremental parser (an edit re-reads only the lines it changed) and the result. */
interface ParseState {
  parser: IncrementalConfParser;
  parsed: ParsedConf;
}

/** postgresql.conf features over one cached parse per document version. */
export function createPgconfService(context: ServiceContext): FormatService<'getTargetMajor'> {
  const parseSteps = function* (doc: TextDocument, previous: ParseState | undefined): Steps<ParseState> {
    const parser = previous?.parser ?? new IncrementalConfParser();
    return { parser, parsed: yield* parser.parseSteps(doc.getText(), uriToPath(doc.uri) ?? doc.uri) };
  };
  const parses = new DocumentCache<ParseState>((doc, previous) => runSteps(parseSteps(doc, previous)));
  const judge = new SettingJudge(context.catalog);
  const completionCache = new ItemListCache();
  const composeMajor = new ComposeMajorFinder(context.fs);
  const getTargetMajor = (doc: TextDocument) => detectTargetMajor(doc.uri, context.fs, context.settings().defaultMajor, composeMajor);
  // Features ask for the major on every keystroke, hover and completion: the file-system search it takes is
  // done once per document version (and setting); pgha/targetMajor (getTargetMajor) always searches afresh.
  const targets = new WeakMap<TextDocument, { version: number; defaultMajor: Major; target: TargetMajor }>();
  const targetOf = (doc: TextDocument): TargetMajor => {
    const defaultMajor = context.settings().defaultMajor;
    const hit = targets.get(doc);
    if (hit && hit.version === doc.version && hit.defaultMajor === defaultMajor) return hit.target;
    const target = getTargetMajor(doc);
    targets.set(doc, { version: doc.version, defaultMajor, target });
    return target;
  };
  const majorOf = (doc: TextDocument): Major => targetOf(doc).major;
  const input = (doc: TextDocument): PgconfFeatureInput => ({
    doc,
    parsed: parses.get(doc).parsed,
    catalog: context.catalog,
    major: majorOf(doc),
    completionCache,
  });
  const graphOf = (doc: TextDocument) => resolveIncludes(parses.get(doc).parsed, uriToPath(doc.uri), context.fs);

  // The parse, then the check, in steps: a huge file yields to waiting requests between slices of lines and settings.
  const diagnoseSteps = function* (doc: TextDocument): Steps<Diagnostic[]> {
    const { parsed } = yield* parses.getInSteps(doc, parseSteps);
    yield;
    const file = uriToPath(doc.uri) ?? '';
    const target = targetOf(doc);
    const graph = graphOf(doc);
    yield;
    const diagnostics = yield* validateConfSteps({ text: doc.getText(), parsed, catalog: context.catalog, major: target.major, file, graph, judge, majorAssumed: target.source === ASSUMED_SOURCE });
    return file ? [...diagnostics, ...sendersForReplicas(parsed, composeMajor.mountOf(file), file)] : diagnostics;
  };

  return {
    ...emptyService,
    getTargetMajor,
    forget: (uri) => parses.delete(uri),
    getDiagnostics: (doc) => runSteps(diagnoseSteps(doc)),
    getDiagnosticSteps: diagnoseSteps,
    getDocumentLinks: (doc) => graphOf(doc).links,
    getCompletions: (doc, position) => pgconfCompletions(input(doc), position),
    resolveCompletion: (item) => resolvePgconfCompletion(item, context.catalog),
    getHover: (doc, position) => pgconfHover(input(doc), position),
    getCodeActions: (doc, range, ctx) => pgconfCodeActions(input(doc), range, ctx),
    getDocumentSymbols: (doc) => pgconfSymbols(input(doc)),
    getFoldingRanges: (doc) => pgconfFolding(input(doc)),
  };
}

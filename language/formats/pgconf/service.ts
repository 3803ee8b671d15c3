import type { TextDocument } from 'vscode-languageserver-textdocument';
import { uriToPath } from '../../../core/paths';
import type { ServiceContext } from '../../service/context';
import { DocumentCache } from '../../service/documentCache';
import { emptyService } from '../../service/emptyService';
import type { FormatService } from '../../service/types';
import type { ParsedConf } from './ast';
import { ComposeMajorFinder } from './composeMajor';
import { pgconfCodeActions } from './features/codeActions';
import { pgconfCompletions, resolvePgconfCompletion } from './features/completion';
import { pgconfFolding } from './features/folding';
import { pgconfHover } from './features/hover';
import type { PgconfFeatureInput } from './features/input';
import { pgconfSymbols } from './features/symbols';
import { resolveIncludes } from './includes';
import { SettingJudge } from './judge';
import { IncrementalConfParser } from './parser';
import { detectTargetMajor } from './targetMajor';
import { validateConf } from './validator';

const MAX_INCREMENTAL_DOCUMENTS = 64;

/** postgresql.conf features over one cached parse per document version. */
export function createPgconfService(context: ServiceContext): FormatService<'getTargetMajor'> {
  // One incremental parser per open document: an edit re-reads only the lines it changed.
  const parsers = new Map<string, IncrementalConfParser>();
  const parserFor = (uri: string): IncrementalConfParser => {
    let parser = parsers.get(uri);
    if (!parser) {
      if (parsers.size >= MAX_INCREMENTAL_DOCUMENTS) parsers.delete(parsers.keys().next().value!);
      parsers.set(uri, (parser = new IncrementalConfParser()));
    }
    return parser;
  };
  const parses = new DocumentCache<ParsedConf>((doc) => parserFor(doc.uri).parse(doc.getText(), uriToPath(doc.uri) ?? doc.uri));
  const judge = new SettingJudge(context.catalog);
  const composeMajor = new ComposeMajorFinder(context.fs);
  const getTargetMajor = (doc: TextDocument) => detectTargetMajor(doc.uri, context.fs, context.settings().defaultMajor, composeMajor);
  const input = (doc: TextDocument): PgconfFeatureInput => ({
    doc,
    parsed: parses.get(doc),
    catalog: context.catalog,
    major: getTargetMajor(doc).major,
  });
  const graphOf = (doc: TextDocument) => resolveIncludes(parses.get(doc), uriToPath(doc.uri), context.fs);

  return {
    ...emptyService,
    getTargetMajor,
    getDiagnostics: (doc) => {
      const file = uriToPath(doc.uri) ?? '';
      return validateConf({ text: doc.getText(), parsed: parses.get(doc), catalog: context.catalog, major: getTargetMajor(doc).major, file, graph: graphOf(doc), judge });
    },
    getDocumentLinks: (doc) => graphOf(doc).links,
    getCompletions: (doc, position) => pgconfCompletions(input(doc), position),
    resolveCompletion: (item) => resolvePgconfCompletion(item, context.catalog),
    getHover: (doc, position) => pgconfHover(input(doc), position),
    getCodeActions: (doc, range, ctx) => pgconfCodeActions(input(doc), range, ctx),
    getDocumentSymbols: (doc) => pgconfSymbols(input(doc)),
    getFoldingRanges: (doc) => pgconfFolding(input(doc)),
  };
}

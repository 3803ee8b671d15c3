import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Major } from '../catalog/types';
import type { ServiceContext } from '../service/context';
import { DocumentCache } from '../service/documentCache';
import { emptyService } from '../service/emptyService';
import type { DocumentService } from '../service/types';
import type { ParsedConf } from './ast';
import { pgconfCodeActions } from './features/codeActions';
import { pgconfCompletions, resolvePgconfCompletion } from './features/completion';
import { pgconfFolding } from './features/folding';
import { pgconfHover } from './features/hover';
import type { PgconfFeatureInput } from './features/input';
import { pgconfSymbols } from './features/symbols';
import { resolveIncludes } from './includes';
import { parseConf } from './parser';
import { detectTargetMajor, uriToPath } from './targetMajor';
import { validateConf } from './validator';

export interface PgconfService extends DocumentService {
  getTargetMajor(doc: TextDocument): { major: Major; source: string };
}

/** postgresql.conf features over one cached parse per document version. */
export function createPgconfService(context: ServiceContext): PgconfService {
  const parses = new DocumentCache<ParsedConf>((doc) => parseConf(doc.getText(), uriToPath(doc.uri) ?? doc.uri));
  const getTargetMajor = (doc: TextDocument) => detectTargetMajor(doc.uri, context.fs, context.settings().defaultMajor);
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
      return validateConf({ text: doc.getText(), parsed: parses.get(doc), catalog: context.catalog, major: getTargetMajor(doc).major, file, graph: graphOf(doc) });
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

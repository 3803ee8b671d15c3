import type { TextDocument } from 'vscode-languageserver-textdocument';
import { uriToPath } from '../../../core/paths';
import { quickFixes } from '../../diagnostics';
import type { ServiceContext } from '../../service/context';
import { DocumentCache } from '../../service/documentCache';
import { emptyService } from '../../service/emptyService';
import type { FormatService } from '../../service/types';
import { PGBOUNCER } from './codes';
import { pgbouncerCompletions, pgbouncerFolding, pgbouncerHover, pgbouncerSymbols, resolvePgbouncerCompletion, type FeatureInput } from './features';
import { pgbouncerKnowledge } from './knowledge';
import { parseIni } from './parser';
import { validatePgbouncer } from './validator';

/** pgbouncer.ini features over one cached parse per document version. */
export function createPgbouncerService(context: ServiceContext): FormatService {
  const knowledge = pgbouncerKnowledge();
  const parses = new DocumentCache((doc) => parseIni(doc.getText()));
  // The version a file is judged as: the newest catalogued line until the stack (a mounting service's image) tells.
  const versionOf = () => knowledge.newest;
  const input = (doc: TextDocument): FeatureInput => ({ doc, parsed: parses.get(doc), knowledge, version: versionOf() });
  const diagnose = (doc: TextDocument) =>
    validatePgbouncer({ parsed: parses.get(doc), file: uriToPath(doc.uri) ?? '', knowledge, version: versionOf(), versionAssumed: true, fs: context.fs });
  return {
    ...emptyService,
    forget: (uri) => parses.delete(uri),
    getDiagnostics: diagnose,
    getDiagnosticSteps: function* (doc) {
      parses.get(doc);
      yield;
      return diagnose(doc);
    },
    getCompletions: (doc, position) => pgbouncerCompletions(input(doc), position),
    resolveCompletion: (item) => resolvePgbouncerCompletion(item, knowledge),
    getHover: (doc, position) => pgbouncerHover(input(doc), position),
    getCodeActions: (doc, range, ctx) => quickFixes(doc.uri, range, ctx, { formatId: PGBOUNCER }),
    getDocumentSymbols: (doc) => pgbouncerSymbols(input(doc)),
    getFoldingRanges: (doc) => pgbouncerFolding(input(doc)),
  };
}

import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic } from 'vscode-languageserver-types';
import { quickFixes } from '../../diagnostics';
import type { ServiceContext } from '../../service/context';
import { DocumentCache } from '../../service/documentCache';
import { emptyService } from '../../service/emptyService';
import { parseThenCheck } from '../../service/parseThenCheck';
import type { FormatService } from '../../service/types';
import { SettingJudge } from '../pgconf/judge';
import { loadPatroniCatalog, type PatroniCatalogFile } from './catalog';
import { PATRONI } from './codes';
import { parsePatroni, type PatroniDocument, type Span } from './document';
import { patroniCompletions, patroniHover, resolvePatroniCompletion, type PatroniFeatureInput } from './features';
import { buildKnowledge } from './knowledge';
import { binDirMajor, checkParameters } from './parameters';
import { patroniRules } from './rules';
import { crashOf, validatePatroni } from './validator';

/** Everything the format says about one patroni.yml: Patroni's validator, the parameters, the HA rules. */
export function diagnosePatroni(doc: TextDocument, parsed: PatroniDocument, judge: SettingJudge, catalog: PatroniCatalogFile, defaultMajor: PatroniFeatureInput['major']): Diagnostic[] {
  const toRange = (span: Span) => ({ start: doc.positionAt(span.start), end: doc.positionAt(span.end) });
  const found = validatePatroni(parsed, catalog, toRange);
  if (crashOf(parsed) || !parsed.root) return found;
  const major = binDirMajor(parsed.root) ?? defaultMajor;
  return [...found, ...checkParameters({ root: parsed.root, catalog, judge, major, toRange }), ...patroniRules({ root: parsed.root, catalog, toRange })];
}

/** patroni.yml features over one cached parse per document version. */
export function createPatroniService(context: ServiceContext, catalog: PatroniCatalogFile = loadPatroniCatalog()): FormatService {
  const parses = new DocumentCache<PatroniDocument>((doc) => parsePatroni(doc.getText()));
  const judge = new SettingJudge(context.catalog);
  const knowledge = buildKnowledge(catalog);
  const input = (doc: TextDocument): PatroniFeatureInput => {
    const root = parses.get(doc).root;
    return { doc, root, knowledge, pgCatalog: context.catalog, major: binDirMajor(root) ?? context.settings().defaultMajor };
  };
  const diagnose = (doc: TextDocument) => diagnosePatroni(doc, parses.get(doc), judge, catalog, context.settings().defaultMajor);
  return {
    ...emptyService,
    ...parseThenCheck(parses, diagnose),
    getCompletions: (doc, position) => patroniCompletions(input(doc), position),
    resolveCompletion: (item) => resolvePatroniCompletion(item, context.catalog),
    getHover: (doc, position) => patroniHover(input(doc), position),
    getCodeActions: (doc, range, ctx) => quickFixes(doc.uri, range, ctx, { formatId: PATRONI }),
  };
}

import { loadPatroniCatalog } from '../patroni/catalog';
import { PatroniKnowledge } from '../patroni/environment';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic } from 'vscode-languageserver-types';
import type { Major } from '../../catalog/types';
import type { ServiceContext } from '../../service/context';
import { ItemListCache } from '../../service/completionList';
import { DocumentCache } from '../../service/documentCache';
import { emptyService } from '../../service/emptyService';
import { runSteps, type Steps } from '../../service/steps';

import type { FormatService } from '../../service/types';
import { composeCodeActions, withoutFixes } from './features/codeActions';
import { composeCodeLenses } from './features/codeLens';
import { composeCompletions, resolveComposeCompletion } from './features/completion';
import { composeHover } from './features/hover';
import type { ComposeFeatureInput } from './features/input';
import { composeSymbols } from './features/symbols';
import { buildModelSteps, type ComposeModel } from './model';
import { envLookup, PgbouncerEnv } from './pgbouncerEnv';
import { pgbouncerKnowledge } from '../pgbouncer/knowledge';
import { composeDiagnosticSteps } from './rules';
import { toTopology } from './topology';
import { ChunkParser } from './yaml/chunks';

/** One document's model, the chunk parser that keeps its unchanged chunks between versions, its last check. */
interface ModelState {
  parser: ChunkParser;
  model: ComposeModel;
  /** The rules' full output (fixes included) for this version, for quick fixes. */
  findings?: { defaultMajor: Major; diagnostics: Diagnostic[] };
}

/** Compose features over one model per document version (chunks re-parsed only where the text changed). */
export function createComposeService(context: ServiceContext): FormatService<'getTopology'> {
  // The previous version's model lets the next one re-use unchanged services; its parser, unchanged chunks.
  const buildSteps = function* (doc: TextDocument, previous: ModelState | undefined): Steps<ModelState> {
    const parser = previous?.parser ?? new ChunkParser();
    return { parser, model: yield* buildModelSteps(doc.getText(), doc.uri, parser, context.fs, previous?.model) };
  };
  const models = new DocumentCache<ModelState>((doc, previous) => runSteps(buildSteps(doc, previous)));
  const completionCache = new ItemListCache();
  const patroni = new PatroniKnowledge(loadPatroniCatalog);
  let contracts: PgbouncerEnv | undefined;
  const pgbouncerEnv = () => (contracts ??= new PgbouncerEnv(pgbouncerKnowledge()));
  const input = (doc: TextDocument): ComposeFeatureInput => ({
    doc,
    model: models.get(doc).model,
    catalog: context.catalog,
    defaultMajor: context.settings().defaultMajor,
    fs: context.fs,
    completionCache,
    patroni,
    pgbouncerEnv,
  });

  /** The rules' findings, in steps (the model, then each family of rules), kept for this version's quick fixes. */
  const checkSteps = function* (doc: TextDocument): Steps<Diagnostic[]> {
    const state = yield* models.getInSteps(doc, buildSteps);
    yield;
    const defaultMajor = context.settings().defaultMajor;
    const diagnostics = yield* composeDiagnosticSteps(doc, state.model, context.catalog, defaultMajor, context.fs, context.sql, patroni, pgbouncerEnv);
    state.findings = { defaultMajor, diagnostics };
    return diagnostics;
  };
  /** Findings of this version (a check of the same version and setting is re-used), for quick fixes. */
  const findings = (doc: TextDocument): Diagnostic[] => {
    const found = models.get(doc).findings;
    return found?.defaultMajor === context.settings().defaultMajor ? found.diagnostics : runSteps(checkSteps(doc));
  };

  return {
    ...emptyService,
    forget: (uri) => models.delete(uri),
    getTopology: (doc) => toTopology(models.get(doc).model, context.fs),
    getDiagnostics: (doc) => withoutFixes(runSteps(checkSteps(doc))),
    getDiagnosticSteps: function* (doc) {
      return withoutFixes(yield* checkSteps(doc));
    },
    getCompletions: (doc, position) => composeCompletions(input(doc), position),
    resolveCompletion: (item) => resolveComposeCompletion(item, context.catalog, envLookup(pgbouncerEnv)),
    getHover: (doc, position) => composeHover(input(doc), position),
    getCodeActions: (doc, range, ctx) => composeCodeActions(input(doc), range, ctx, findings(doc)),
    getDocumentSymbols: (doc) => composeSymbols(input(doc)),
    getCodeLenses: (doc) => composeCodeLenses(input(doc)),
  };
}

import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Topology } from '../../../core/model/topology';
import type { ServiceContext } from '../../service/context';
import { ItemListCache } from '../../service/completionList';
import { DocumentCache } from '../../service/documentCache';
import { emptyService } from '../../service/emptyService';
import type { DocumentService } from '../../service/types';
import { composeCodeActions } from './features/codeActions';
import { composeCodeLenses } from './features/codeLens';
import { composeCompletions, resolveComposeCompletion } from './features/completion';
import { composeHover } from './features/hover';
import type { ComposeFeatureInput } from './features/input';
import { composeSymbols } from './features/symbols';
import { buildModel, type ComposeModel } from './model';
import { composeDiagnostics } from './rules';
import { toTopology } from './topology';
import { ChunkParser } from './yaml/chunks';

export interface ComposeService extends DocumentService {
  getTopology(doc: TextDocument): Topology | null;
}

/** One document's model and the chunk parser that keeps its unchanged chunks between versions. */
interface ModelState {
  parser: ChunkParser;
  model: ComposeModel;
}

/** Compose features over one model per document version (chunks re-parsed only where the text changed). */
export function createComposeService(context: ServiceContext): ComposeService {
  // The previous version's model lets the next one re-use unchanged services; its parser, unchanged chunks.
  const models = new DocumentCache<ModelState>((doc, previous) => {
    const parser = previous?.parser ?? new ChunkParser();
    return { parser, model: buildModel(doc.getText(), doc.uri, parser, context.fs, previous?.model) };
  });
  const completionCache = new ItemListCache();
  const input = (doc: TextDocument): ComposeFeatureInput => ({
    doc,
    model: models.get(doc).model,
    catalog: context.catalog,
    defaultMajor: context.settings().defaultMajor,
    fs: context.fs,
    completionCache,
  });

  return {
    ...emptyService,
    forget: (uri) => models.delete(uri),
    getTopology: (doc) => toTopology(doc, models.get(doc).model),
    getDiagnostics: (doc) => {
      const i = input(doc);
      return composeDiagnostics(doc, i.model, i.catalog, i.defaultMajor, i.fs);
    },
    getCompletions: (doc, position) => composeCompletions(input(doc), position),
    resolveCompletion: (item) => resolveComposeCompletion(item, context.catalog),
    getHover: (doc, position) => composeHover(input(doc), position),
    getCodeActions: (doc, range, ctx) => composeCodeActions(input(doc), range, ctx),
    getDocumentSymbols: (doc) => composeSymbols(input(doc)),
    getCodeLenses: (doc) => composeCodeLenses(input(doc)),
  };
}

import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { ServiceContext } from '../../service/context';
import { DocumentCache } from '../../service/documentCache';
import { emptyService } from '../../service/emptyService';
import type { FormatService } from '../../service/types';
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

/** Compose features over one model per document version (chunks re-parsed only where the text changed). */
export function createComposeService(context: ServiceContext): FormatService<'getTopology'> {
  const parser = new ChunkParser();
  // The last model per URI lets the next version re-use unchanged services.
  const latest = new Map<string, ComposeModel>();
  const models = new DocumentCache<ComposeModel>((doc) => {
    const model = buildModel(doc.getText(), doc.uri, parser, context.fs, latest.get(doc.uri));
    latest.delete(doc.uri);
    latest.set(doc.uri, model);
    if (latest.size > 64) latest.delete(latest.keys().next().value!);
    return model;
  });
  const input = (doc: TextDocument): ComposeFeatureInput => ({
    doc,
    model: models.get(doc),
    catalog: context.catalog,
    defaultMajor: context.settings().defaultMajor,
    fs: context.fs,
  });

  return {
    ...emptyService,
    getTopology: (doc) => toTopology(models.get(doc)),
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

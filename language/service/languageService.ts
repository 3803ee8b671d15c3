import type { TextDocument } from 'vscode-languageserver-textdocument';
import { DEFAULT_MAJOR } from '../catalog/types';
import { createComposeService } from '../formats/compose/service';
import { createPgconfService } from '../formats/pgconf/service';
import { documentKind } from './documentKind';
import { emptyService } from './emptyService';
import { oneStep } from './steps';
import type { DocumentService, LanguageService, LanguageServiceOptions, ServiceSettings } from './types';

/**
 * The pure language service: every feature of every format, over TextDocuments.
 * The LSP layer, the CLI and the tests all go through here.
 */
export function getLanguageService(options: LanguageServiceOptions): LanguageService {
  const settings: () => ServiceSettings = options.settings ?? (() => ({ defaultMajor: DEFAULT_MAJOR }));
  const context = { ...options, settings };
  const pgconf = createPgconfService(context);
  const compose = createComposeService(context);

  const serviceFor = (doc: TextDocument): DocumentService => {
    switch (documentKind(doc)) {
      case 'pgconf':
        return pgconf;
      case 'compose':
        return compose;
      default:
        return emptyService;
    }
  };

  return {
    getDiagnostics: (doc) => serviceFor(doc).getDiagnostics(doc),
    getCompletions: (doc, pos) => serviceFor(doc).getCompletions(doc, pos),
    resolveCompletion: (item) => {
      const kind = (item.data as { kind?: string } | undefined)?.kind;
      if (kind === 'pgconf') return pgconf.resolveCompletion(item);
      if (kind === 'compose') return compose.resolveCompletion(item);
      return item;
    },
    getHover: (doc, pos) => serviceFor(doc).getHover(doc, pos),
    getCodeActions: (doc, range, ctx) => serviceFor(doc).getCodeActions(doc, range, ctx),
    getDocumentSymbols: (doc) => serviceFor(doc).getDocumentSymbols(doc),
    getFoldingRanges: (doc) => serviceFor(doc).getFoldingRanges(doc),
    getDocumentLinks: (doc) => serviceFor(doc).getDocumentLinks(doc),
    getCodeLenses: (doc) => serviceFor(doc).getCodeLenses(doc),
    forget: (uri) => [pgconf, compose].forEach((service) => service.forget?.(uri)),
    getDiagnosticSteps: (doc) => serviceFor(doc).getDiagnosticSteps?.(doc) ?? oneStep(() => serviceFor(doc).getDiagnostics(doc)),
    getTopology: (doc) => (documentKind(doc) === 'compose' ? compose.getTopology(doc) : null),
    getTargetMajor: (doc) => (documentKind(doc) === 'pgconf' ? pgconf.getTargetMajor(doc) : null),
  };
}

import type { DocumentService } from './types';

/** A service that knows nothing: for documents that are not ours, and the base of partial services. */
export const emptyService: DocumentService = {
  getDiagnostics: () => [],
  getCompletions: () => ({ isIncomplete: false, items: [] }),
  resolveCompletion: (item) => item,
  getHover: () => null,
  getCodeActions: () => [],
  getDocumentSymbols: () => [],
  getFoldingRanges: () => [],
  getDocumentLinks: () => [],
  getCodeLenses: () => [],
};

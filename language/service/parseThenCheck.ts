import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic } from 'vscode-languageserver-types';
import type { DocumentService } from './types';

/**
 * The diagnostics members of a format service that parses once per version and then checks: forget drops the
 * parse, and the stepped check parses first, yields (so waiting requests are answered), then checks.
 */
export function parseThenCheck(
  parses: { get(doc: TextDocument): unknown; delete(uri: string): unknown },
  check: (doc: TextDocument) => Diagnostic[],
): Required<Pick<DocumentService, 'forget' | 'getDiagnostics' | 'getDiagnosticSteps'>> {
  return {
    forget: (uri) => void parses.delete(uri),
    getDiagnostics: check,
    getDiagnosticSteps: function* (doc) {
      parses.get(doc);
      yield;
      return check(doc);
    },
  };
}

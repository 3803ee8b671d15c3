import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Provider } from '../providerContext';

const DEBOUNCE_MS = 150;

/** Pushes diagnostics for open documents, debounced per document. */
export const diagnosticsProvider: Provider = {
  capabilities: {},
  register({ connection, documents, service, onSettingsChanged }) {
    const timers = new Map<string, NodeJS.Timeout>();
    const publish = (doc: TextDocument) => {
      try {
        connection.sendDiagnostics({ uri: doc.uri, version: doc.version, diagnostics: service.getDiagnostics(doc) });
      } catch (error) {
        connection.console.error(`pgha diagnostics failed for ${doc.uri}: ${String(error)}`);
      }
    };
    const schedule = (doc: TextDocument, delay: number) => {
      clearTimeout(timers.get(doc.uri));
      timers.set(
        doc.uri,
        setTimeout(() => {
          timers.delete(doc.uri);
          const current = documents.get(doc.uri);
          if (current) publish(current);
        }, delay),
      );
    };
    documents.onDidOpen((e) => schedule(e.document, 0));
    documents.onDidChangeContent((e) => schedule(e.document, DEBOUNCE_MS));
    documents.onDidClose((e) => {
      clearTimeout(timers.get(e.document.uri));
      timers.delete(e.document.uri);
      connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
    });
    // Settings (target major) changed: revalidate everything open.
    onSettingsChanged(() => documents.all().forEach((doc) => schedule(doc, 0)));
  },
};

import { DiagnosticsScheduler } from '../diagnosticsScheduler';
import type { Provider } from '../providerContext';

/** Pushes diagnostics for open documents as soon as the editor pauses (no fixed delay; see DiagnosticsScheduler). */
export const diagnosticsProvider: Provider = {
  capabilities: {},
  register({ connection, documents, service, onSettingsChanged, idle }) {
    const scheduler = new DiagnosticsScheduler({
      get: (uri) => documents.get(uri),
      prepare: (doc) => service.prepare(doc),
      compute: (doc) => service.getDiagnostics(doc),
      publish: (params) => void connection.sendDiagnostics(params),
      idle,
      error: (uri, error) => connection.console.error(`pgha diagnostics failed for ${uri}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`),
    });
    documents.onDidChangeContent((e) => scheduler.schedule(e.document.uri));
    documents.onDidClose((e) => {
      scheduler.forget(e.document.uri);
      void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
    });
    // Settings (target major) changed: revalidate everything open, after whatever is being edited.
    onSettingsChanged(() => documents.all().forEach((doc) => scheduler.schedule(doc.uri, false)));
  },
};

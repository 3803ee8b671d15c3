import { capDiagnostics } from '../../../../language/service/capDiagnostics';
import { DiagnosticsScheduler } from '../diagnosticsScheduler';
import type { Provider } from '../providerContext';

/** Pushes diagnostics for open documents as soon as the editor pauses (no fixed delay; see DiagnosticsScheduler). */
export const diagnosticsProvider: Provider = {
  capabilities: {},
  register({ connection, documents, service, onSettingsChanged, idle }) {
    const scheduler = new DiagnosticsScheduler({
      get: (uri) => documents.get(uri),
      steps: (doc) => service.getDiagnosticSteps(doc),
      publish: (params) => void connection.sendDiagnostics({ ...params, diagnostics: capDiagnostics(params.diagnostics) }),
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

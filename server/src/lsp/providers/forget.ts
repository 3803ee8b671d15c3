import type { Provider } from '../providerContext';

/** A closed document's parses, models and caches are freed in every format service. */
export const forgetProvider: Provider = {
  capabilities: {},
  register({ documents, service }) {
    documents.onDidClose((e) => service.forget(e.document.uri));
  },
};

import { TargetMajorRequest, type TargetMajorParams, type TargetMajorResult } from '../../protocol';
import type { Provider } from '../providerContext';
import { safe } from '../safe';

/** pgha/targetMajor: which major a postgresql.conf is checked against (for the client's status bar). */
export const targetMajorProvider: Provider = {
  capabilities: {},
  register({ connection, documents, service }) {
    connection.onRequest(
      TargetMajorRequest.method,
      safe(
        connection,
        'targetMajor',
        (p: TargetMajorParams): TargetMajorResult => {
          const doc = documents.get(p.uri);
          return doc ? service.getTargetMajor(doc) : null;
        },
        null,
      ),
    );
  },
};

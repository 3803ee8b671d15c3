import { TopologyRequest, type TopologyParams, type TopologyResult } from '../../protocol';
import type { Provider } from '../providerContext';
import { safe } from '../safe';

/** pgha/topology: the compose model for the client's launcher, monitor and tree. */
export const topologyProvider: Provider = {
  capabilities: {},
  register({ connection, documents, service }) {
    connection.onRequest(
      TopologyRequest.method,
      safe(
        connection,
        'topology',
        (p: TopologyParams): TopologyResult => {
          const doc = documents.get(p.uri);
          return doc ? service.getTopology(doc) : null;
        },
        null,
      ),
    );
  },
};

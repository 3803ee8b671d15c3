import { fileURLToPath } from 'url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { TopologyRequest, type TopologyParams, type TopologyResult } from '../../protocol';
import { isComposePath } from '../../service/documentKind';
import type { FileSystemHost } from '../../service/types';
import { nodeFileSystem } from '../nodeFileSystem';
import type { Provider } from '../providerContext';
import { safe } from '../safe';

/** A compose file that is not open in the editor, read from disk (the launcher asks for files by URI). */
export function readComposeFromDisk(uri: string, fs: FileSystemHost): TextDocument | undefined {
  if (!uri.startsWith('file:')) return undefined;
  let path: string;
  try {
    path = fileURLToPath(uri);
  } catch {
    return undefined;
  }
  const text = fs.readFile(path);
  if (text === undefined) return undefined;
  // Any YAML the client names is treated as compose: the request itself says it is one.
  return TextDocument.create(uri, isComposePath(path) ? 'yaml' : 'dockercompose', 0, text);
}

/** pgha/topology: the compose model for the client's launcher, monitor and tree; open or not. */
export const topologyProvider: Provider = {
  capabilities: {},
  register({ connection, documents, service }) {
    connection.onRequest(
      TopologyRequest.method,
      safe(
        connection,
        'topology',
        (p: TopologyParams): TopologyResult => {
          const doc = documents.get(p.uri) ?? readComposeFromDisk(p.uri, nodeFileSystem);
          return doc ? service.getTopology(doc) : null;
        },
        null,
      ),
    );
  },
};

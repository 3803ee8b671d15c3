import { fileURLToPath } from 'url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { TopologyRequest, type TopologyParams, type TopologyResult } from '../../protocol';
import { documentKind, isComposePath } from '../../../../language/service/documentKind';
import type { FileSystemHost } from '../../../../language/service/types';
import { nodeFileSystem } from '../../../../core/nodeFileSystem';
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
          const open = documents.get(p.uri);
          // The client asks for a compose model: an open YAML file with another name is read as one too.
          const doc = open && documentKind(open) !== 'compose' ? TextDocument.create(open.uri, 'dockercompose', open.version, open.getText()) : (open ?? readComposeFromDisk(p.uri, nodeFileSystem));
          return doc ? service.getTopology(doc) : null;
        },
        null,
      ),
    );
  },
};

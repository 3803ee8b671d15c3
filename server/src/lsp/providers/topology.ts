import { TextDocument } from 'vscode-languageserver-textdocument';
import { nodeFileSystem } from '../../../../core/nodeFileSystem';
import { uriToPath } from '../../../../core/paths';
import { formatsWith } from '../../../../language/formats/registry';
import type { FileSystemHost, LanguageService } from '../../../../language/service/types';
import { TopologyRequest, type TopologyParams, type TopologyResult } from '../../protocol';
import type { Provider } from '../providerContext';
import { safe } from '../safe';

/** A file that is not open in the editor, read from disk (the launcher asks for files by URI). */
export function readFromDisk(uri: string, fs: FileSystemHost): TextDocument | undefined {
  const path = uriToPath(uri);
  const text = path === undefined ? undefined : fs.readFile(path);
  return text === undefined ? undefined : TextDocument.create(uri, 'plaintext', 0, text);
}

/**
 * The cluster model of a document. The request itself says the file describes a cluster, so a file whose name
 * or language says nothing (stack.yml) is read by the format that gives topologies.
 */
export function topologyOf(service: LanguageService, doc: TextDocument): TopologyResult {
  const own = service.capability(doc, 'getTopology');
  if (own) return own(doc);
  for (const format of formatsWith('getTopology')) {
    const topology = service.forFormat(format.id)?.getTopology?.(doc);
    if (topology) return topology;
  }
  return null;
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
          const doc = documents.get(p.uri) ?? readFromDisk(p.uri, nodeFileSystem);
          return doc ? topologyOf(service, doc) : null;
        },
        null,
      ),
    );
  },
};

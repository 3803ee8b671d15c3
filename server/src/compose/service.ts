import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Topology } from '../protocol';
import type { ServiceContext } from '../service/context';
import { emptyService } from '../service/emptyService';
import type { DocumentService } from '../service/types';

export interface ComposeService extends DocumentService {
  getTopology(doc: TextDocument): Topology | null;
}

/** Compose features. (Skeleton: replaced by the compose model work.) */
export function createComposeService(_context: ServiceContext): ComposeService {
  return { ...emptyService, getTopology: () => null };
}

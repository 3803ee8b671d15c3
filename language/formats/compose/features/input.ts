import type { PatroniKnowledge } from '../../patroni/environment';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Catalog, Major } from '../../../catalog/types';
import type { ItemListCache } from '../../../service/completionList';
import type { FileSystemHost } from '../../../service/types';
import type { ComposeModel, ServiceInfo } from '../model';
import type { PgbouncerEnv } from '../pgbouncerEnv';

/** What every compose feature receives: the document, its one model, the catalog and the fallback major. */
export interface ComposeFeatureInput {
  doc: TextDocument;
  model: ComposeModel;
  catalog: Catalog;
  defaultMajor: Major;
  fs: FileSystemHost;
  /** The service's cache of completion lists that depend only on the catalog (absent: built per request). */
  completionCache?: ItemListCache;
  /** Patroni's catalog, for PATRONI_* variables. */
  patroni?: PatroniKnowledge;
  /** The PgBouncer images' environment contracts (loaded on first use). */
  pgbouncerEnv?: () => PgbouncerEnv;
}

/** The service whose chunk holds `offset` (binary search over chunks in document order). */
export function serviceAt(model: ComposeModel, offset: number): ServiceInfo | undefined {
  const chunks = model.chunks;
  let lo = 0;
  let hi = chunks.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (offset < chunks[mid].base) hi = mid - 1;
    else if (offset >= chunks[mid].end && mid < chunks.length - 1) lo = mid + 1;
    else {
      const chunk = chunks[mid];
      return chunk.isService ? model.byName.get(chunk.key) : undefined;
    }
  }
  return undefined;
}

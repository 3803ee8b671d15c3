import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { ItemListCache } from '../../../service/completionList';
import type { PgpoolCatalog } from '../catalog';
import type { ParsedPgpool } from '../parser';

/** What every pgpool.conf feature reads: the document, its one parse, the catalog and the target version. */
export interface PgpoolFeatureInput {
  doc: TextDocument;
  parsed: ParsedPgpool;
  catalog: PgpoolCatalog;
  version: string;
  completionCache: ItemListCache;
}

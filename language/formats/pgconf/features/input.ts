import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Catalog, Major } from '../../../catalog/types';
import type { ItemListCache } from '../../../service/completionList';
import type { ParsedConf } from '../ast';

/** What every postgresql.conf feature receives: the document, its one parse, and the catalog for its major. */
export interface PgconfFeatureInput {
  doc: TextDocument;
  parsed: ParsedConf;
  catalog: Catalog;
  major: Major;
  /** The service's cache of completion lists that depend only on the catalog (absent: built per request). */
  completionCache?: ItemListCache;
}

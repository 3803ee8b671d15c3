import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Catalog, Major } from '../../../catalog/types';
import type { ParsedConf } from '../ast';

/** What every postgresql.conf feature receives: the document, its one parse, and the catalog for its major. */
export interface PgconfFeatureInput {
  doc: TextDocument;
  parsed: ParsedConf;
  catalog: Catalog;
  major: Major;
}

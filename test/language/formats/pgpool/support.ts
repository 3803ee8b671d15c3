import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic } from 'vscode-languageserver-types';
import { PgpoolCatalog } from '../../../../language/formats/pgpool/catalog';
import type { PgpoolDiagnosticData } from '../../../../language/formats/pgpool/codes';
import { createPgpoolService } from '../../../../language/formats/pgpool/service';
import { nodeFileSystem } from '../../../../core/nodeFileSystem';

/** One catalog for the tests of this folder (reading it is the slow part). */
export const catalog = new PgpoolCatalog();

export function pgpoolService() {
  return createPgpoolService({ catalog: undefined as never, fs: nodeFileSystem, settings: () => ({ defaultMajor: 17 }) }, catalog);
}

export const pgpoolDoc = (text: string, uri = 'file:///etc/pgpool2/pgpool.conf') => TextDocument.create(uri, 'pgpool', 1, text);

/** Diagnostics of a text checked against a version (a version comment on top). */
export function diagnose(text: string, version = '4.6'): Diagnostic[] {
  return pgpoolService().getDiagnostics(pgpoolDoc(`# pgpool-II ${version}\n${text}`));
}

export const codes = (diagnostics: Diagnostic[]) => diagnostics.map((d) => d.code);
export const dataOf = (d: Diagnostic) => d.data as PgpoolDiagnosticData;

import * as fs from 'fs';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { loadCatalog } from '../../../../language/catalog/catalog';
import type { Catalog } from '../../../../language/catalog/types';
import { nodeFileSystem } from '../../../../core/nodeFileSystem';
import { buildModel } from '../../../../language/formats/compose/model';
import { ChunkParser } from '../../../../language/formats/compose/yaml/chunks';
import { getLanguageService } from '../../../../language/service/languageService';
import type { FileSystemHost, LanguageService } from '../../../../language/service/types';
import type { SqlParserHost } from '../../../../language/sql/parser';

export const FIXTURES = path.resolve(__dirname, '../../../fixtures/compose');

let catalog: Catalog | undefined;
/** The committed catalog (data/catalog.json), loaded once for the test run. */
export function testCatalog(): Catalog {
  return (catalog ??= loadCatalog());
}

export function service(fs: FileSystemHost = nodeFileSystem, sql?: SqlParserHost): LanguageService {
  return getLanguageService({ catalog: testCatalog(), fs, sql });
}

export function fixtureDoc(relative: string): TextDocument {
  const file = path.join(FIXTURES, relative);
  return TextDocument.create(pathToFileURL(file).toString(), 'dockercompose', 1, fs.readFileSync(file, 'utf8'));
}

export function textDoc(text: string, uri = 'file:///work/project/compose.yaml'): TextDocument {
  return TextDocument.create(uri, 'dockercompose', 1, text);
}

/** In-memory files for init scripts. */
export function memoryFs(files: Record<string, string>): FileSystemHost {
  const dirs = new Set<string>();
  for (const f of Object.keys(files)) for (let d = path.dirname(f); d !== path.dirname(d); d = path.dirname(d)) dirs.add(d);
  return {
    readFile: (p) => files[p],
    exists: (p) => p in files || dirs.has(p),
    isDirectory: (p) => dirs.has(p),
    readDir: (p) => Object.keys(files).filter((f) => path.dirname(f) === p).map((f) => path.basename(f)),
  };
}

/** Position of the first occurrence of `needle` (plus `delta` characters). */
export function positionOf(doc: TextDocument, needle: string, delta = 0) {
  const at = doc.getText().indexOf(needle);
  if (at < 0) throw new Error(`"${needle}" not in document`);
  return doc.positionAt(at + delta);
}

/**
 * The text of each named `-c`/`--name=value` setting of a service, from the compose format's ranged model (the
 * cluster model carries no positions); index i matches `getTopology(doc).services[…].settings[i]`.
 */
export function settingTexts(doc: TextDocument, serviceName: string): string[] {
  const text = doc.getText();
  const model = buildModel(text, doc.uri, new ChunkParser(), nodeFileSystem);
  const found = model.services.find((s) => s.name === serviceName);
  return (found?.command.settings ?? []).filter((s) => s.name).map((s) => text.slice(s.span.start, s.span.end));
}

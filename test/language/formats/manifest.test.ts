/**
 * package.json cannot import code: this test holds it to the format registry. On a failure, the message shows
 * the entries the registry expects; copy them into package.json.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { FORMATS } from '../../../language/formats/registry';
import type { FormatDescriptor } from '../../../language/formats/types';

interface Manifest {
  activationEvents: string[];
  contributes: {
    languages: Array<Record<string, unknown>>;
    grammars?: Array<{ language: string }>;
    snippets?: Array<{ language: string }>;
  };
}

const manifest = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../../package.json'), 'utf8')) as Manifest;
const isPlainName = (pattern: string) => !/[*?{]/.test(pattern);

/** The `contributes.languages` entry a format's descriptor asks for. */
function languageEntry(format: FormatDescriptor): Record<string, unknown> {
  const contributes = format.contributes!;
  const filenamePatterns = [...format.filePatterns.filter((p) => !isPlainName(p)), ...(contributes.filenamePatterns ?? [])];
  return {
    id: format.languageId,
    aliases: [...contributes.aliases],
    filenames: format.filePatterns.filter(isPlainName),
    ...(filenamePatterns.length ? { filenamePatterns } : {}),
    ...(contributes.configuration ? { configuration: contributes.configuration } : {}),
  };
}

/** Activation: a workspace holding a file of any format (or a marker), or another extension's language meant for one. */
function activationEvents(): string[] {
  return FORMATS.flatMap((format) => [
    ...format.filePatterns.map((pattern) => `workspaceContains:**/${pattern}`),
    ...(format.activationGlobs ?? []).map((glob) => `workspaceContains:${glob}`),
    ...(format.alsoLanguageIds ?? []).map((id) => `onLanguage:${id}`),
  ]);
}

describe('package.json agrees with the format registry', () => {
  it('contributes exactly the languages the formats own', () => {
    const expected = FORMATS.filter((format) => format.contributes).map(languageEntry);
    assert.deepStrictEqual(manifest.contributes.languages, expected, `contributes.languages should be:\n${JSON.stringify(expected, null, 2)}`);
  });

  it('activates on the files of every format (and nothing else)', () => {
    const expected = activationEvents();
    assert.deepStrictEqual([...manifest.activationEvents].sort(), [...expected].sort(), `activationEvents should be:\n${JSON.stringify(expected, null, 2)}`);
  });

  it('has grammars and snippets only for languages of registered formats', () => {
    const ours = new Set(FORMATS.flatMap((format) => [format.languageId, ...(format.alsoLanguageIds ?? [])]));
    for (const entry of [...(manifest.contributes.grammars ?? []), ...(manifest.contributes.snippets ?? [])]) {
      assert.ok(ours.has(entry.language), `${entry.language} is no registered format's language`);
    }
  });
});

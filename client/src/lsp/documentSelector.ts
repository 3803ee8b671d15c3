/**
 * Which documents the language server sees, from the format registry. A language the extension contributes is
 * sent whole (saved and untitled); another extension's language (`yaml`, `dockercompose`) only for file names
 * the format claims, so we never take a YAML file away from other YAML tooling: the document keeps its language
 * and other servers keep working. Kept free of the vscode API so unit tests can check it.
 */
import { FORMATS } from '../../../language/formats/registry';
import type { FormatDescriptor } from '../../../language/formats/types';

export interface SelectorFilter {
  language: string;
  scheme?: string;
  pattern?: string;
}

export function selectorFor(format: FormatDescriptor): SelectorFilter[] {
  if (format.contributes) return ['file', 'untitled'].map((scheme) => ({ language: format.languageId, scheme }));
  const languages = [format.languageId, ...(format.alsoLanguageIds ?? [])];
  return languages.flatMap((language) => format.filePatterns.map((pattern) => ({ language, scheme: 'file', pattern: `**/${pattern}` })));
}

export const documentSelector: SelectorFilter[] = FORMATS.flatMap((format) => selectorFor(format));

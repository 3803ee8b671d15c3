import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { DocumentKind } from './types';

const COMPOSE_FILE = /(^|\/)(docker-)?compose[^/]*\.ya?ml$/i;

/** Which of our formats a document is; YAML that is not a compose file is left alone. */
export function documentKind(doc: Pick<TextDocument, 'uri' | 'languageId'>): DocumentKind {
  if (doc.languageId === 'pgconf') return 'pgconf';
  const path = doc.uri.replace(/[?#].*$/, '');
  if (doc.languageId === 'dockercompose') return 'compose';
  if (COMPOSE_FILE.test(path)) return 'compose';
  if (/\.conf(\.sample)?$/i.test(path) && /postgresql/i.test(path)) return 'pgconf';
  return 'other';
}

export function isComposePath(path: string): boolean {
  return COMPOSE_FILE.test(path.replace(/\\/g, '/'));
}

export function isPgconfPath(path: string): boolean {
  return /(^|[\\/])postgresql(\.auto)?\.conf$/i.test(path);
}

/**
 * URIs and paths: the one home of "which file does this URI name". Pure (no vscode, no LSP).
 */
import { fileURLToPath } from 'url';

/** A URI scheme of two letters or more (a Windows drive letter `C:` is not one). */
const URI_SCHEME = /^[a-z][a-z0-9+.-]+:/i;

/** The file-system path of a file: URI, or undefined for other schemes (untitled:, vscode-notebook:) and bad URIs. */
export function uriToPath(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}

/** The last segment of a path or URI (either separator; a URI's query and fragment dropped, escapes decoded). */
export function baseName(pathOrUri: string): string {
  const isUri = URI_SCHEME.test(pathOrUri);
  const segments = (isUri ? pathOrUri.replace(/[?#].*$/, '') : pathOrUri).split(/[\\/]/);
  const last = segments[segments.length - 1];
  if (!isUri) return last;
  try {
    return decodeURIComponent(last);
  } catch {
    return last;
  }
}

import * as os from 'os';
import * as path from 'path';
import { isMap } from 'yaml';
import { entries, getEntry, isMapping, scalarText, seqItems, type AnchorTable, type Entry, type Located } from './yaml/nodes';

/** Readers for keys only the launcher needs (labels, external volumes/networks, host paths). */

/** `labels:` in map form (`key: value`) or list form (`- key=value`, a bare `- key` has an empty value). */
export function readLabels(entry: Entry | undefined, anchors: AnchorTable): Record<string, string> | undefined {
  if (!entry) return undefined;
  const labels: Record<string, string> = {};
  if (isMapping(entry.value, anchors)) {
    for (const e of entries(entry.value, anchors).entries) labels[e.key] = scalarText(e.value, anchors) ?? '';
    return labels;
  }
  for (const item of seqItems(entry.value, anchors)) {
    const text = scalarText(item, anchors);
    if (!text) continue;
    const eq = text.indexOf('=');
    if (eq === 0) continue;
    if (eq > 0) labels[text.slice(0, eq)] = text.slice(eq + 1);
    else labels[text] = '';
  }
  return labels;
}

/** `env_file:` as a string, a list of strings, or a list of `{ path, required }` entries (compose 2.24+). */
export function readEnvFilePaths(entry: Entry | undefined, anchors: AnchorTable): string[] {
  if (!entry) return [];
  const single = scalarText(entry.value, anchors);
  if (single !== undefined) return single ? [single] : [];
  return seqItems(entry.value, anchors).flatMap((item) => {
    const file = isMap(item.node) ? scalarText(getEntry(entries(item, anchors).entries, 'path')?.value, anchors) : scalarText(item, anchors);
    return file ? [file] : [];
  });
}

/** Keys of a top-level `volumes:`/`networks:` mapping whose definition says `external: true` (or the legacy `external: { name }`). */
export function externalKeys(value: Located | undefined, anchors: AnchorTable): string[] {
  if (!value || !isMapping(value, anchors)) return [];
  return entries(value, anchors).entries
    .filter((e) => {
      const external = getEntry(entries(e.value, anchors).entries, 'external');
      return !!external && (scalarText(external.value, anchors) === 'true' || isMapping(external.value, anchors));
    })
    .map((e) => e.key);
}

/**
 * A host path as compose resolves it: relative to the compose file's folder, `~` as the home folder.
 * Without a folder (an untitled document) the path stays as written.
 */
export function hostPath(file: string, composeDir: string | undefined): string {
  if (file === '~' || file.startsWith('~/')) return path.join(os.homedir(), file.slice(1));
  if (path.isAbsolute(file) || !composeDir) return file;
  return path.resolve(composeDir, file);
}

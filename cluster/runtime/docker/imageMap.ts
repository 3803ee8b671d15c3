/**
 * Image map: lets air-gapped users (and our tests) point official image names at a mirror without
 * editing compose files. Sources: the `pgha.imageMap` setting (object) and PGHA_IMAGE_MAP
 * ("postgres:17=mirror.local/postgres:17,…"); the environment wins over the setting.
 */
export type ImageMap = ReadonlyMap<string, string>;

export interface ImageMapProblem {
  entry: string;
  message: string;
}

export function parseImageMapValue(value: string | undefined): { map: Map<string, string>; problems: ImageMapProblem[] } {
  const map = new Map<string, string>();
  const problems: ImageMapProblem[] = [];
  for (const raw of (value ?? '').split(/[,\n]/)) {
    const entry = raw.trim();
    if (!entry) continue;
    const eq = entry.indexOf('=');
    const from = eq > 0 ? entry.slice(0, eq).trim() : '';
    const to = eq > 0 ? entry.slice(eq + 1).trim() : '';
    if (!from || !to) {
      problems.push({ entry, message: `PGHA_IMAGE_MAP entry '${entry}' is not 'image=replacement' (example: postgres:17=mirror.local/postgres:17)` });
      continue;
    }
    map.set(normalizeImage(from), to);
  }
  return { map, problems };
}

export function buildImageMap(setting: Record<string, string> | undefined, env: NodeJS.ProcessEnv): { map: ImageMap; problems: ImageMapProblem[] } {
  const map = new Map<string, string>();
  for (const [from, to] of Object.entries(setting ?? {})) if (from && to) map.set(normalizeImage(from), to);
  const fromEnv = parseImageMapValue(env.PGHA_IMAGE_MAP);
  for (const [from, to] of fromEnv.map) map.set(from, to);
  return { map, problems: fromEnv.problems };
}

/** `postgres` → `postgres:latest`; `docker.io/library/postgres:17` → `postgres:17`. */
export function normalizeImage(image: string): string {
  let name = image.trim().replace(/^(docker\.io\/)?library\//, '').replace(/^docker\.io\//, '');
  const lastSlash = name.lastIndexOf('/');
  if (!name.includes('@') && !name.slice(lastSlash + 1).includes(':')) name += ':latest';
  return name;
}

export function resolveImage(image: string, map: ImageMap): string {
  return map.get(normalizeImage(image)) ?? image;
}

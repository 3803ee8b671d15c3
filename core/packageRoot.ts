import * as fs from 'fs';
import * as path from 'path';

/**
 * The folder holding our package.json: dist/ (bundles), out/… (compiled tests) and an installed
 * VSIX all find their data/ through it.
 */
export function packageRoot(from: string = __dirname): string {
  let dir = from;
  for (;;) {
    const manifest = path.join(dir, 'package.json');
    if (fs.existsSync(manifest)) {
      try {
        if ((JSON.parse(fs.readFileSync(manifest, 'utf8')) as { name?: string }).name === 'pgha') return dir;
      } catch {
        // not ours; keep walking up
      }
    }
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`pgha: cannot find the package root above ${from}`);
    dir = parent;
  }
}

export function dataPath(...parts: string[]): string {
  return path.join(packageRoot(), 'data', ...parts);
}

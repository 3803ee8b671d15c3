/** An in-memory HbaFileSystem for the tests: files by absolute path, folders implied by them. */
import type { HbaFileSystem } from '../../../../language/formats/pghba/types';

export function memoryFs(files: Record<string, string>): HbaFileSystem {
  const folders = new Set<string>();
  for (const file of Object.keys(files)) {
    for (let dir = file.slice(0, file.lastIndexOf('/')); dir; dir = dir.slice(0, dir.lastIndexOf('/'))) folders.add(dir);
  }
  return {
    readFile: (path) => files[path],
    exists: (path) => path in files || folders.has(path),
    isDirectory: (path) => folders.has(path),
    readDir: (path) => [...new Set(Object.keys(files).filter((f) => f.startsWith(`${path}/`)).map((f) => f.slice(path.length + 1).split('/')[0]))],
  };
}

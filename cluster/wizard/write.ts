/** Writes generated wizard files into a folder without ever overwriting what is there. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { GeneratedFile } from './generate';

/** Files that already exist in `dir` (the wizard asks before writing, or picks another folder). */
export function existingFiles(dir: string, files: GeneratedFile[]): string[] {
  return files.map((f) => f.path).filter((p) => fs.existsSync(path.join(dir, p)));
}

/** Writes every file; refuses (writing nothing) when one exists already. Returns absolute paths. */
export function writeGeneratedFiles(dir: string, files: GeneratedFile[]): string[] {
  const clashes = existingFiles(dir, files);
  if (clashes.length) throw new Error(`${dir} already has ${clashes.join(', ')}; choose an empty folder so nothing is overwritten.`);
  return files.map((file) => {
    const target = path.join(dir, file.path);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, file.content, { mode: file.mode ?? 0o644 });
    if (file.mode) fs.chmodSync(target, file.mode);
    return target;
  });
}

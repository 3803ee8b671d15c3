/** Writes generated wizard files into a folder without ever overwriting what is there. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { GeneratedFile } from './generate';

/** The folder of password files: only its owner may list or enter it. */
export const SECRET_FOLDER_MODE = 0o700;
/** Password files: the containers' own accounts read them through the bind mount (see GeneratedFile.secret). */
export const SECRET_FILE_MODE = 0o644;

/** Files that already exist in `dir` (the wizard asks before writing, or picks another folder). */
export function existingFiles(dir: string, files: GeneratedFile[]): string[] {
  return files.map((f) => f.path).filter((p) => fs.existsSync(path.join(dir, p)));
}

/**
 * Writes every file; refuses (writing nothing) when one exists already. Returns absolute paths.
 * A secret's folder is made 0700 before the password lands in it, so no other account ever sees it.
 */
export function writeGeneratedFiles(dir: string, files: GeneratedFile[]): string[] {
  const clashes = existingFiles(dir, files);
  if (clashes.length) throw new Error(`${dir} already has ${clashes.join(', ')}; choose an empty folder so nothing is overwritten.`);
  return files.map((file) => {
    const target = path.join(dir, file.path);
    const folder = path.dirname(target);
    fs.mkdirSync(folder, { recursive: true, mode: file.secret ? SECRET_FOLDER_MODE : 0o755 });
    if (file.secret) fs.chmodSync(folder, SECRET_FOLDER_MODE);
    const mode = file.mode ?? (file.secret ? SECRET_FILE_MODE : 0o644);
    fs.writeFileSync(target, file.content, { mode });
    fs.chmodSync(target, mode);
    return target;
  });
}

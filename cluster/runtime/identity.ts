/**
 * Which compose file a running stack belongs to. Project names clash easily (every clone of an example has the
 * same one); a stack is only ever stopped, removed, promoted or reused for the compose file that created it.
 * Runtime-neutral: Docker reads it from labels, native from its state folder.
 */
import * as path from 'node:path';
import { ClusterError } from './errors';

/** Same file, however it was written (relative, with `..`, trailing separators). */
export function sameComposeFile(a: string, b: string): boolean {
  return path.resolve(a) === path.resolve(b);
}

/**
 * The files other than `composeFile` that `owners` name (a compose `config_files` label may list several, comma-
 * separated; an owner with no file recorded is not counted against us).
 */
export function otherComposeFiles(composeFile: string, owners: (string | undefined)[]): string[] {
  const others = new Set<string>();
  for (const owner of owners) {
    if (!owner) continue;
    const files = owner.split(',').map((f) => f.trim()).filter(Boolean);
    if (!files.some((f) => sameComposeFile(f, composeFile))) others.add(files.join(', '));
  }
  return [...others];
}

/** The refusal when `project` runs (in `where`) from another compose file than the one the command names. */
export function foreignStackError(project: string, composeFile: string, others: string[], what: string, where: string): ClusterError {
  return new ClusterError(
    'name-clash',
    `Project '${project}' in ${where} belongs to ${others.join(' and ')}, not to ${composeFile}: it has the same project name but another compose file. ` +
      `Nothing was ${what}. To act on that stack, name its own file; to run both, give one of them another project name (top-level name: in the compose file).`,
  );
}

/** Throws foreignStackError when any of `owners` names another compose file. */
export function assertOwnComposeFile(project: string, composeFile: string | undefined, owners: (string | undefined)[], what: string, where: string): void {
  if (!composeFile) return;
  const others = otherComposeFiles(composeFile, owners);
  if (others.length) throw foreignStackError(project, composeFile, others, what, where);
}

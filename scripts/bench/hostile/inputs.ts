/** Hostile inputs for `npm run bench:hostile` and the hostile tests: big, long, many and multiplying files. */
import * as fs from 'fs';
import * as path from 'path';
import { generateComposeFile } from '../composeFixture';

/** A postgresql.conf of about `bytes` bytes, every line a different error (unknown parameter, bad value, no `=`). */
export function badPgconf(bytes: number): string {
  const kinds = (i: number) => [`no_such_parameter_${i} = on`, `work_mem = ${i}parsecs`, `shared_buffers ${i} ???`][i % 3];
  const lines: string[] = [];
  let size = 0;
  for (let i = 0; size < bytes; i++) {
    const line = kinds(i);
    lines.push(line);
    size += line.length + 1;
  }
  return lines.join('\n') + '\n';
}

/** A valid postgresql.conf of about `bytes` bytes: settings (some repeated, so overridden) and comments. */
export function validPgconf(bytes: number): string {
  const unit = 'work_mem = 4MB\nshared_buffers = 128MB\n# a comment between settings\nmax_connections = 100\n';
  return unit.repeat(Math.ceil(bytes / unit.length));
}

/** One line of `bytes` bytes: a setting whose quoted value never ends before the newline. */
export function longLine(bytes: number): string {
  return `application_name = '${'x'.repeat(Math.max(0, bytes - 22))}'\n`;
}

/** A compose file of `services` services (~25 lines each, anchors and merge keys, a primary, replicas, poolers). */
export const composeServices = (services: number): string => generateComposeFile(services);

/**
 * `levels` × `width` postgresql.conf files in `dir`, each including every file of the next level: a diamond
 * whose paths multiply (width^levels) while its files stay few. Returns the root file.
 */
export function includeFanOut(dir: string, levels: number, width: number): string {
  const name = (level: number, i: number) => `fan-${level}-${i}.conf`;
  for (let level = 0; level < levels; level++) {
    for (let i = 0; i < width; i++) {
      const next = level + 1 < levels ? Array.from({ length: width }, (_, j) => `include '${name(level + 1, j)}'`) : [];
      fs.writeFileSync(path.join(dir, name(level, i)), [`fan.l${level}_f${i} = 1`, ...next, ''].join('\n'));
    }
  }
  const root = path.join(dir, 'postgresql.conf');
  fs.writeFileSync(root, Array.from({ length: width }, (_, j) => `include '${name(0, j)}'\n`).join(''));
  return root;
}

/** postgresql.conf includes of hostile files: FIFOs, devices, huge files and multiplying includes never block or blow up. */
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { FileSystemHost } from '../../../../core/fileSystem';
import { nodeFileSystem } from '../../../../core/nodeFileSystem';
import { CODES } from '../../../../language/formats/pgconf/codes';
import { MAX_INCLUDED_FILES, resolveIncludes } from '../../../../language/formats/pgconf/includes';
import { parseConf } from '../../../../language/formats/pgconf/parser';
import { suiteTempDir } from '../../../support/tempDir';

function resolveFile(root: string, fs: FileSystemHost = nodeFileSystem) {
  return resolveIncludes(parseConf(nodeFileSystem.readFile(root) ?? ''), root, fs);
}

describe('pgconf includes (hostile files)', () => {
  let dir: string;
  suiteTempDir('pgha-pgconf-hostile-', (made) => (dir = made));

  it('refuses an included FIFO at once, saying why, on the include line', () => {
    const fifo = path.join(dir, 'pipe.conf');
    execFileSync('mkfifo', [fifo]);
    const root = path.join(dir, 'fifo-root.conf');
    fs.writeFileSync(root, "work_mem = 4MB\ninclude 'pipe.conf'\n");
    const graph = resolveFile(root);
    assert.equal(graph.diagnostics.length, 1);
    const [d] = graph.diagnostics;
    assert.equal(d.code, CODES.includeRefused);
    assert.equal(d.range.start.line, 1);
    assert.match(d.message, /pipe\.conf.*not a regular file \(FIFO\)/);
  });

  it('refuses an include_if_exists of /dev/zero and an include_dir holding a FIFO', () => {
    fs.mkdirSync(path.join(dir, 'conf.d'));
    execFileSync('mkfifo', [path.join(dir, 'conf.d', '10-pipe.conf')]);
    const root = path.join(dir, 'dev-root.conf');
    fs.writeFileSync(root, "include_if_exists '/dev/zero'\ninclude_dir 'conf.d'\n");
    const graph = resolveFile(root);
    assert.deepEqual(graph.diagnostics.map((d) => [d.code, d.range.start.line]), [[CODES.includeRefused, 0], [CODES.includeRefused, 1]]);
    assert.match(graph.diagnostics[0].message, /not a regular file \(device\)/);
  });

  it('refuses a 17 MiB include with the size limit in the message', () => {
    const big = path.join(dir, 'big.conf');
    fs.writeFileSync(big, '');
    fs.truncateSync(big, 17 * 1024 * 1024);
    const root = path.join(dir, 'big-root.conf');
    fs.writeFileSync(root, "include 'big.conf'\n");
    const graph = resolveFile(root);
    assert.equal(graph.diagnostics.length, 1);
    assert.equal(graph.diagnostics[0].code, CODES.includeRefused);
    assert.match(graph.diagnostics[0].message, /larger than 16 MiB/);
  });

  it('reads each file of a 10 × 10 include diamond once and stops at the file budget', () => {
    const levels = 10;
    const width = 10;
    const name = (level: number, i: number) => `d${level}-${i}.conf`;
    for (let level = 0; level < levels; level++) {
      for (let i = 0; i < width; i++) {
        const next = level + 1 < levels ? Array.from({ length: width }, (_, j) => `include '${name(level + 1, j)}'`) : [];
        fs.writeFileSync(path.join(dir, name(level, i)), [`l${level}.f${i} = 1`, ...next, ''].join('\n'));
      }
    }
    const root = path.join(dir, 'diamond-root.conf');
    fs.writeFileSync(root, Array.from({ length: width }, (_, j) => `include '${name(0, j)}'\n`).join(''));
    const reads: string[] = [];
    const counting: FileSystemHost = {
      ...nodeFileSystem,
      readFileChecked: (file) => {
        reads.push(file);
        return nodeFileSystem.readFileChecked!(file);
      },
    };
    const graph = resolveFile(root, counting);
    assert.equal(new Set(reads).size, reads.length, 'every file is read once');
    assert.ok(reads.length <= levels * width);
    const budget = graph.diagnostics.filter((d) => d.code === CODES.includeBudget);
    assert.equal(budget.length, 1);
    assert.match(budget[0].message, new RegExp(`more than ${MAX_INCLUDED_FILES} included files`));
    assert.equal(graph.settings.length, MAX_INCLUDED_FILES);
  });

  it('says what PostgreSQL 13–18 say for a folder and a symbolic-link loop (postgres -C)', () => {
    const own = path.join(dir, 'oracle');
    fs.mkdirSync(path.join(own, 'folder'), { recursive: true });
    fs.symlinkSync('loop-2', path.join(own, 'loop-1'));
    fs.symlinkSync('loop-1', path.join(own, 'loop-2'));
    const root = path.join(own, 'postgresql.conf');
    fs.writeFileSync(root, "include 'folder'\ninclude_if_exists 'folder'\ninclude 'loop-1'\ninclude_if_exists 'loop-1'\n");
    const graph = resolveFile(root);
    assert.deepEqual(
      graph.diagnostics.map((d) => [d.range.start.line, d.code, d.message]),
      [
        [0, CODES.includeRefused, `input in flex scanner failed at file "${path.join(own, 'folder')}" line 1.`],
        [1, CODES.includeRefused, `input in flex scanner failed at file "${path.join(own, 'folder')}" line 1.`],
        [2, CODES.includeRefused, `could not open configuration file "${path.join(own, 'loop-1')}": Too many levels of symbolic links.`],
        [3, CODES.includeSkipped, `skipping missing configuration file "${path.join(own, 'loop-1')}".`],
      ],
    );
  });
});

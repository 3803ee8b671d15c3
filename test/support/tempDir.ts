import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/**
 * A fresh folder under the system temp folder for the describe block that calls this: made before its tests (and
 * handed to `made`), removed after them.
 */
export function suiteTempDir(prefix: string, made: (dir: string) => void): void {
  let dir: string | undefined;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
    made(dir);
  });
  after(() => {
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });
}

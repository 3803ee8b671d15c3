import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { resolveServerAccount } from '../../../cluster/runtime/native/account';
import { generateCluster } from '../../../cluster/wizard/generate';
import { SECRET_FOLDER_MODE, writeGeneratedFiles } from '../../../cluster/wizard/write';
import { requirePart } from '../../support/parts';

/** Another account of this machine (root runs the tests here: the native servers' account), or why there is none. */
function otherAccount(): { uid: number; gid: number } | string {
  if (process.getuid?.() !== 0) return 'the tests do not run as root, so they cannot act as another account';
  try {
    const account = resolveServerAccount();
    return account.uid === undefined || account.gid === undefined ? 'no other account' : { uid: account.uid, gid: account.gid };
  } catch (error) {
    return (error as Error).message;
  }
}

describe('wizard/secrets', () => {
  const options = { major: 17, replicas: 2, mode: 'async', pgbouncer: true, basePort: 7000 } as const;
  let dir: string;
  beforeEach(() => {
    // Under the temp folder (0755 parents) so another account could reach the stack folder itself.
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pgha-wizard-secrets-'));
    fs.chmodSync(dir, 0o755);
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('puts the passwords in a folder only its owner can enter, next to a .gitignore that keeps them out of git', () => {
    const files = generateCluster(options);
    assert.deepEqual(files.filter((f) => f.secret).map((f) => f.path), ['secrets/postgres_password.txt', 'secrets/replication.pgpass']);
    writeGeneratedFiles(dir, files);
    assert.equal(fs.statSync(path.join(dir, 'secrets')).mode & 0o777, SECRET_FOLDER_MODE);
    assert.equal(fs.statSync(path.join(dir, 'compose.yaml')).mode & 0o077, 0o044, 'the stack itself stays readable');
    assert.match(fs.readFileSync(path.join(dir, 'secrets/.gitignore'), 'utf8'), /^\*$/m);
  });

  it('another account of this machine can read the compose file but not a password', function () {
    const other = otherAccount();
    requirePart(this, 'another account (PGHA_NATIVE_USER, tests as root)', typeof other === 'string' ? other : undefined);
    if (typeof other === 'string') return;
    writeGeneratedFiles(dir, generateCluster(options));
    const cat = (file: string) => spawnSync('cat', [path.join(dir, file)], { ...other, encoding: 'utf8' });
    assert.equal(cat('compose.yaml').status, 0);
    for (const secret of ['secrets/postgres_password.txt', 'secrets/replication.pgpass']) {
      const result = cat(secret);
      assert.notEqual(result.status, 0, `${secret} must not be readable by uid ${other.uid}`);
      assert.match(result.stderr, /Permission denied/);
    }
  });
});

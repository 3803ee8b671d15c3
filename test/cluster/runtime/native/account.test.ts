import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { giveTo, ownedDir, resolveServerAccount, spawnIdentity, untraversableAncestors } from '../../../../cluster/runtime/native/account';
import { nativeAccountWhy } from './nativeSupport';
import { requirePart } from '../../../support/parts';

const asRoot = process.getuid?.() === 0;

describe('native runtime: server account', () => {
  it('runs servers as ourselves when we are not root', () => {
    const account = resolveServerAccount({ env: { PGHA_NATIVE_USER: 'whoever' }, uid: 1000 });
    assert.deepStrictEqual(account, { name: os.userInfo().username });
    assert.deepStrictEqual(spawnIdentity(account), {});
  });

  describe('as root', () => {
    it('refuses without an account and says how to create one', () => {
      assert.throws(() => resolveServerAccount({ env: {}, uid: 0 }), /PostgreSQL refuses to run as root, and pgha runs as root here\. .*PGHA_NATIVE_USER .*useradd --system --create-home --shell \/usr\/sbin\/nologin pgha/);
    });

    it('names an account that does not exist', () => {
      assert.throws(() => resolveServerAccount({ env: { PGHA_NATIVE_USER: 'pgha-no-such-user' }, uid: 0 }), /The account 'pgha-no-such-user' .*does not exist on this machine; create one .*useradd .* pgha-no-such-user/);
    });

    it('never runs a server as root, whatever the setting says', () => {
      assert.throws(() => resolveServerAccount({ user: 'root', uid: 0 }), /The account 'root' is root \(uid 0\)/);
    });

    it('spawns with the account uid/gid and hands folders to it', function () {
      // Handing folders to another account takes root: a real part like the account itself.
      requirePart(this, 'root with an unprivileged account (PGHA_NATIVE_USER)', asRoot ? nativeAccountWhy() : 'pgha runs unprivileged here, so it cannot hand folders to another account');
      const account = resolveServerAccount();
      assert.ok(account.uid && account.uid > 0);
      assert.deepStrictEqual(spawnIdentity(account), { uid: account.uid, gid: account.gid });
      const root = fs.mkdtempSync(path.join(os.tmpdir(), 'pgha-account-'));
      try {
        const data = ownedDir(account, path.join(root, 'a', 'data'));
        fs.writeFileSync(path.join(data, 'file'), 'x');
        giveTo(account, data, true);
        assert.strictEqual(fs.statSync(path.join(data, 'file')).uid, account.uid);
        assert.strictEqual(fs.statSync(data).mode & 0o777, 0o700);
        fs.chmodSync(root, 0o700);
        assert.deepStrictEqual(untraversableAncestors(account, data, false), [root]);
        assert.deepStrictEqual(untraversableAncestors(account, data, true), [root]);
        assert.deepStrictEqual(untraversableAncestors(account, data, false), []);
      } finally {
        fs.rmSync(root, { recursive: true, force: true });
      }
    });
  });
});

import * as assert from 'assert';
import { CrashPolicy } from '../../../client/src/lsp/crashPolicy';

describe('CrashPolicy', () => {
  const options = { windowMs: 60_000, notifyFrom: 2, giveUpAt: 4 };

  it('restarts quietly after one crash, tells the user when crashes repeat, then gives up', () => {
    const policy = new CrashPolicy(options);
    assert.deepStrictEqual(
      [0, 1_000, 2_000, 3_000].map((t) => policy.onCrash(t)),
      ['restart', 'restart-and-notify', 'restart-and-notify', 'give-up'],
    );
  });

  it('forgets crashes older than the window', () => {
    const policy = new CrashPolicy(options);
    policy.onCrash(0);
    policy.onCrash(10_000);
    assert.strictEqual(policy.onCrash(200_000), 'restart');
    assert.strictEqual(policy.recentCrashes, 1);
  });

  it('starts over after a restart the user asked for', () => {
    const policy = new CrashPolicy(options);
    [0, 1, 2].forEach((t) => policy.onCrash(t));
    policy.reset();
    assert.strictEqual(policy.onCrash(3), 'restart');
  });
});

import * as assert from 'node:assert/strict';
import { pcpHashOf } from '../../../cluster/failover/pcp';

describe('failover/pcp: the pcp.conf login', () => {
  it('takes the first user:md5 line (or the named user), skipping comments and malformed lines', () => {
    const text = '# pcp users\nbad line\nadmin:0123\npgha:35BC7327BC735D2A0D8E4023EB254FB2\nother:0d0e5266f9ff6a4235a45222acf90cbb\n';
    assert.deepEqual(pcpHashOf(text), { user: 'pgha', md5: '35bc7327bc735d2a0d8e4023eb254fb2' });
    assert.deepEqual(pcpHashOf(text, 'other'), { user: 'other', md5: '0d0e5266f9ff6a4235a45222acf90cbb' });
    assert.equal(pcpHashOf('# only comments\n'), undefined);
  });
});

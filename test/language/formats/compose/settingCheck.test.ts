import * as assert from 'assert';
import { lazyCatalog } from '../../../../language/catalog/catalog';
import { checkCommandSetting } from '../../../../language/formats/compose/settingCheck';

describe('compose -c setting messages', () => {
  const catalog = lazyCatalog();

  it('says the name and value once, then the reason', () => {
    const verdict = checkCommandSetting(catalog, 17, '-c', 'shared_buffers', 'shared_buffers', '128mb');
    assert.strictEqual(verdict?.code, 'compose/setting-invalid-value');
    assert.strictEqual(verdict.message.match(/invalid value for parameter/g)?.length, 1, verdict.message);
    assert.match(verdict.message, /^invalid value for parameter "shared_buffers": "128mb"\. Valid units/);
  });

  it('ends a bare verdict with a full stop', () => {
    const verdict = checkCommandSetting(catalog, 17, '-c', 'max_connections', 'max_connections', 'abc');
    assert.strictEqual(verdict?.message, 'invalid value for parameter "max_connections": "abc".');
  });
});

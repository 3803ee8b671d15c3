import * as assert from 'node:assert/strict';
import { gucLine, quoteGucValue, synchronousStandbyNames, unquoteGucString } from '../../core/guc';

describe('core/guc (configuration file values)', () => {
  it("quotes a value as ALTER SYSTEM writes it: '' for a quote, \\\\ for a backslash", () => {
    assert.equal(quoteGucValue("it's a \\ path"), "'it''s a \\\\ path'");
    assert.equal(gucLine('primary_slot_name', 'r1'), "primary_slot_name = 'r1'");
  });

  it('reads back what it writes, and what PostgreSQL accepts besides', () => {
    for (const value of ['', "'", '\\', "\\'", "a b'c\\d\\'", 'tab\there']) assert.equal(unquoteGucString(quoteGucValue(value)), value);
    assert.equal(unquoteGucString(`'it\\'s'`), "it's");
    assert.equal(unquoteGucString(`'a\\tb\\n\\101\\q'`), 'a\tb\nAq');
    assert.equal(unquoteGucString(`'cut\\0here'`), 'cut');
  });

  it('quotes standby names as identifiers', () => {
    assert.equal(synchronousStandbyNames(['replica1', 'odd "one"']), 'FIRST 1 ("replica1", "odd ""one""")');
    assert.equal(synchronousStandbyNames(['a', 'b'], 2, 'ANY'), 'ANY 2 ("a", "b")');
  });
});

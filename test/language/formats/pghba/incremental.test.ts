/** parseHba with the previous version's parse reads the same lines as a parse from scratch, whatever the edit. */
import * as assert from 'assert';
import { parseHba, type ParsedHba } from '../../../../language/formats/pghba/parser';
import type { HbaMajor } from '../../../../language/formats/pghba/types';

const BASE = ['# rules', 'local all all peer', 'host all all 10.0.0.0/8 md5 \\', '  # continued', 'host replication rep samenet scram-sha-256\r', '', 'hostssl "db" +g,@f 10.1.0.0 255.255.0.0 cert', 'include_dir conf.d', 'host x y 1.2.3.4/33 trust'].join('\n');

/** The parse without its functions, for comparison. */
const shape = (parsed: ParsedHba) => JSON.stringify({ lines: parsed.lines, tokenized: parsed.tokenized, starts: parsed.lineStarts });

describe('parseHba after an edit', () => {
  for (const major of [14, 16, 17] as HbaMajor[]) {
    it(`PostgreSQL ${major}: equals a fresh parse for edits anywhere`, () => {
      const inserts = ['x', '\n', '\\', '#', '"', ' ', '\nhost all all all reject\n', '', '\0', '\r', '\\\n', 'local all all trust\n'];
      let previous = parseHba(BASE, major);
      let text = BASE;
      for (let i = 0; i < 400; i++) {
        const at = (i * 37) % (text.length + 1);
        const removed = i % 3 === 0 ? Math.min(3 + (i % 7), text.length - at) : 0;
        text = text.slice(0, at) + inserts[i % inserts.length] + text.slice(at + removed);
        const incremental = parseHba(text, major, previous);
        assert.strictEqual(shape(incremental), shape(parseHba(text, major)), `edit ${i} at ${at}`);
        previous = incremental;
      }
    });
  }

  it('keeps the lines after the edit (moved to their new place) and retires the previous parse', () => {
    const before = parseHba(BASE, 17);
    const last = before.lines[before.lines.length - 1];
    const text = BASE.replace('local all all peer', 'local all all peer\nlocal db x trust');
    const after = parseHba(text, 17, before);
    assert.strictEqual(after.lines[after.lines.length - 1], last, 'the last line object is reused');
    assert.strictEqual(before.moved, true);
    assert.strictEqual(shape(after), shape(parseHba(text, 17)));
    assert.strictEqual(shape(parseHba(BASE, 17, before)), shape(parseHba(BASE, 17)), 'a moved parse is not reused');
  });
});

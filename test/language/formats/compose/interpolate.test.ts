import * as assert from 'assert';
import { readSmallFile, MAX_MOUNTED_FILE_BYTES } from '../../../../language/formats/compose/files';
import { interpolate, parseDotEnv } from '../../../../language/formats/compose/interpolate';
import { memoryFs, service, textDoc } from './helpers';

/** Compose's variable interpolation and `.env`/env_file reading, as the rules see values. */
describe('compose interpolation and env files', () => {
  const vars = new Map([
    ['SET', 'value'],
    ['EMPTY', ''],
  ]);
  const value = (text: string) => interpolate(text, vars).value;

  it('resolves ${VAR}, $VAR and $$ like Compose', () => {
    assert.strictEqual(value('${SET}'), 'value');
    assert.strictEqual(value('a-$SET-b'), 'a-value-b');
    assert.strictEqual(value('$$SET and $${SET}'), '$SET and ${SET}');
    assert.strictEqual(value('no references'), 'no references');
  });

  it('takes the default when unset (`:-` also when empty), and says which variable defaulted', () => {
    assert.strictEqual(value('${UNSET:-trust}'), 'trust');
    assert.strictEqual(value('${UNSET-trust}'), 'trust');
    assert.strictEqual(value('${EMPTY:-trust}'), 'trust');
    assert.strictEqual(value('${EMPTY-trust}'), '');
    assert.strictEqual(value('${SET:-trust}'), 'value');
    assert.deepStrictEqual(interpolate('${UNSET:-${SET}}', vars), { value: 'value', defaulted: ['UNSET'], referenced: true });
  });

  it('leaves a value unknown when it needs a variable nothing sets (the shell may set it)', () => {
    assert.strictEqual(value('${UNSET}'), undefined);
    assert.strictEqual(value('pre-${UNSET?required}'), undefined);
    assert.strictEqual(value('${SET:?required}'), 'value');
    assert.strictEqual(value('${SET:+alt}'), 'alt');
    assert.strictEqual(value('${UNSET:+alt}'), undefined);
  });

  it('reads .env lines as Compose does: export, comments, quotes', () => {
    const env = parseDotEnv(['# comment', 'export A=1', "B='two words'", 'C="line\\nbreak"', 'D=plain # trailing comment', 'E=${A}-x', 'not a line'].join('\n'));
    assert.deepStrictEqual([...env], [
      ['A', '1'],
      ['B', 'two words'],
      ['C', 'line\nbreak'],
      ['D', 'plain'],
      ['E', '1-x'],
    ]);
  });

  it('reads only small regular files', () => {
    const files = memoryFs({ '/p/small': 'x', '/p/dir/file': 'y' });
    assert.strictEqual(readSmallFile(files, '/p/small'), 'x');
    assert.strictEqual(readSmallFile(files, '/p/dir'), undefined);
    assert.strictEqual(readSmallFile(files, '/p/missing'), undefined);
    const sized = { ...files, regularFileSize: (p: string) => (p === '/p/small' ? MAX_MOUNTED_FILE_BYTES + 1 : undefined) };
    assert.strictEqual(readSmallFile(sized, '/p/small'), undefined, 'too big');
    assert.strictEqual(readSmallFile({ ...files, regularFileSize: () => undefined }, '/p/small'), undefined, 'not a regular file (a FIFO)');
  });

  it('judges the values Compose would use: .env beside the file and env_file', () => {
    const fs = memoryFs({ '/p/.env': 'AUTH=trust\n', '/p/db.env': 'POSTGRES_PASSWORD=from-file\n' });
    const ls = service(fs);
    const doc = textDoc(['services:', '  db:', '    image: postgres:17', '    env_file: db.env', '    environment:', '      POSTGRES_HOST_AUTH_METHOD: ${AUTH:-scram-sha-256}', ''].join('\n'), 'file:///p/compose.yaml');
    const codes = ls.getDiagnostics(doc).map((d) => String(d.code));
    assert.ok(codes.includes('compose/trust-auth'), codes.join(', '));
    assert.ok(!codes.includes('compose/missing-password'), 'env_file sets the password');
    const noEnv = service(memoryFs({})).getDiagnostics(textDoc(['services:', '  db:', '    image: postgres:17', '    environment:', '      POSTGRES_PASSWORD: ${PW}', '      POSTGRES_HOST_AUTH_METHOD: ${AUTH:-scram-sha-256}', ''].join('\n'), 'file:///q/compose.yaml'));
    assert.deepStrictEqual(noEnv.filter((d) => d.severity! <= 2).map((d) => d.code), [], 'an unset ${PW} is not a missing password, the default is not trust');
  });
});

import * as assert from 'assert';
import { adoptionFor, TARGET_MAJOR_LANGUAGES } from '../../../client/src/editor/languages';
import { exampleName } from '../../../language/formats/glob';
import { FORMATS, formatsWith, UNREAD_FILES } from '../../../language/formats/registry';

const adopting = FORMATS.filter((format) => format.adopts);
/** A file name the pattern matches, with a name before a leading `*.`. */
const nameFor = (pattern: string) => exampleName(pattern).replace(/^\./, 'custom.');

describe('editor languages from the format registry', () => {
  it('adopts a file matching a format’s pattern next to its marker, when VS Code gave it a default language', () => {
    assert.ok(adopting.length > 0, 'some format adopts files (postgresql.conf includes next to PG_VERSION)');
    for (const format of adopting) {
      const name = nameFor(format.adopts!.pattern);
      for (const languageId of ['plaintext', 'properties', 'ini']) {
        assert.deepStrictEqual(adoptionFor(`/data/17/${name}`, languageId), { languageId: format.languageId, nextTo: format.adopts!.nextTo }, `${name} as ${languageId}`);
      }
    }
  });

  it('leaves files another format claims, and files no format reads yet, alone', () => {
    for (const format of adopting) {
      for (const other of FORMATS.filter((f) => f !== format)) {
        for (const pattern of other.filePatterns) assert.strictEqual(adoptionFor(`/data/17/${nameFor(pattern)}`, 'plaintext'), undefined, pattern);
      }
    }
    for (const file of UNREAD_FILES) assert.strictEqual(adoptionFor(`/data/17/${nameFor(file.pattern)}`, 'plaintext'), undefined, file.pattern);
    assert.strictEqual(adoptionFor('/data/17/notes.txt', 'plaintext'), undefined);
  });

  it('respects a language the user mapped the file to', () => {
    assert.strictEqual(adoptionFor('/data/17/custom.conf', 'nginx'), undefined);
    for (const format of FORMATS) assert.strictEqual(adoptionFor(`/data/17/${nameFor(format.filePatterns[0])}`, format.languageId), undefined);
  });

  it('shows the target major for the languages of the formats that tell one', () => {
    assert.deepStrictEqual(TARGET_MAJOR_LANGUAGES, formatsWith('getTargetMajor').map((format) => format.languageId));
    assert.ok(TARGET_MAJOR_LANGUAGES.length > 0);
  });
});

import * as assert from 'assert';
import { COMPOSE_FILE_GLOB, documentSelector } from '../../../client/src/lsp/documentSelector';

// What the globs really match is checked in a real editor (test/vscode/suite/pgconf.test.ts).
describe('documentSelector', () => {
  it('serves pgconf and, by compose file name only, the yaml and dockercompose languages', () => {
    assert.deepStrictEqual(
      documentSelector.map((f) => f.language),
      ['pgconf', 'pgconf', 'yaml', 'dockercompose'],
    );
    assert.strictEqual(COMPOSE_FILE_GLOB, '**/{compose,docker-compose}*.{yml,yaml}');
    for (const filter of documentSelector.filter((f) => f.language !== 'pgconf')) {
      assert.strictEqual(filter.pattern, COMPOSE_FILE_GLOB, `${filter.language} must be limited to compose file names`);
      assert.strictEqual(filter.scheme, 'file');
    }
  });
});

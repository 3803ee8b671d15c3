import * as assert from 'assert';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { isComposeFile } from '../../../language/formats/compose/format';
import { exampleName, globToRegExp } from '../../../language/formats/glob';
import { FORMATS, formatOf, formatOfFile, formatsWith, UNREAD_FILES, unreadFile } from '../../../language/formats/registry';
import { getLanguageService } from '../../../language/service/languageService';
import { tinyCatalog } from './pgconf/fixtures';
import { memoryFs } from './pgconf/memoryFs';

const newService = () => getLanguageService({ catalog: tinyCatalog(), fs: memoryFs({}) });

describe('format registry', () => {
  it('has unique ids and language ids, and codes prefixed by their format', () => {
    assert.strictEqual(new Set(FORMATS.map((f) => f.id)).size, FORMATS.length);
    const owned = FORMATS.filter((f) => f.contributes).map((f) => f.languageId);
    assert.strictEqual(new Set(owned).size, owned.length);
    for (const format of FORMATS) {
      assert.ok(format.codes.length > 0, format.id);
      for (const code of format.codes) assert.match(code, new RegExp(`^${format.id}/[a-z0-9-]+$`));
      assert.strictEqual(new Set(format.codes).size, format.codes.length, `${format.id} lists a code twice`);
    }
  });

  it('routes a file of every format by its name, whatever the language VS Code gave it', () => {
    for (const format of FORMATS) {
      for (const pattern of format.filePatterns) {
        const name = exampleName(pattern);
        assert.strictEqual(formatOf({ uri: `file:///work/${name}`, languageId: 'plaintext' })?.id, format.id, name);
        assert.strictEqual(formatOf({ uri: `file:///work/${name.toUpperCase()}` })?.id, format.id, `${name} in upper case`);
        assert.strictEqual(formatOfFile(`/work/sub/${name}`)?.id, format.id);
      }
      if (format.contributes) assert.strictEqual(formatOf({ uri: 'untitled:Untitled-1', languageId: format.languageId })?.id, format.id);
      for (const id of format.alsoLanguageIds ?? []) assert.strictEqual(formatOf({ uri: 'file:///work/stack.yml', languageId: id })?.id, format.id);
    }
  });

  it('leaves files that are none of ours, or that no format reads yet, alone', () => {
    assert.strictEqual(formatOf({ uri: 'file:///work/.github/workflows/ci.yml', languageId: 'yaml' }), undefined);
    assert.strictEqual(formatOf({ uri: 'file:///work/notes.txt', languageId: 'plaintext' }), undefined);
    for (const file of UNREAD_FILES) {
      const name = exampleName(file.pattern);
      assert.ok(unreadFile(`/etc/postgresql/17/main/${name}`), name);
      assert.strictEqual(formatOf({ uri: `file:///etc/postgresql/17/main/${name}` }), undefined, name);
      assert.strictEqual(formatOfFile(`/etc/postgresql/17/main/${name}`), undefined, name);
    }
  });

  it('builds services that offer exactly the capabilities their descriptors list', () => {
    const service = newService();
    for (const format of FORMATS) {
      const built = service.forFormat(format.id)!;
      for (const name of ['getTopology', 'getTargetMajor'] as const) {
        assert.strictEqual(typeof built[name] === 'function', format.capabilities.includes(name), `${format.id} ${name}`);
        assert.ok(formatsWith(name).includes(format) === format.capabilities.includes(name));
      }
    }
  });

  it('routes completion resolving by the format id the format writes into item.data', () => {
    const service = newService();
    const doc = TextDocument.create('file:///db/postgresql.conf', 'pgconf', 1, 'shared_b');
    const list = service.getCompletions(doc, { line: 0, character: 8 });
    const found = list.items.find((i) => i.label === 'shared_buffers')!;
    // What the editor sends back: the item with the list's shared data (itemDefaults) applied.
    const item = { ...found, data: found.data ?? list.itemDefaults?.data };
    assert.strictEqual((item.data as { format: string }).format, formatOf(doc)!.id);
    assert.ok(service.resolveCompletion(item).documentation, 'resolved through the format');
    const stranger = { label: 'x', data: { format: 'no-such-format', name: 'shared_buffers', major: 17 } };
    assert.deepStrictEqual(service.resolveCompletion(stranger), { label: 'x', data: { format: 'no-such-format', name: 'shared_buffers', major: 17 } });
  });

  it('reaches format extras through capabilities, and only on documents of formats that offer them', () => {
    const service = newService();
    const conf = TextDocument.create('file:///db/postgresql.conf', 'pgconf', 1, '');
    const compose = TextDocument.create('file:///db/compose.yaml', 'yaml', 1, 'services: {}\n');
    assert.strictEqual(service.getTargetMajor(conf)?.major, 17);
    assert.strictEqual(service.getTopology(conf), null);
    assert.strictEqual(service.getTargetMajor(compose), null);
    assert.strictEqual(service.getTopology(compose)?.services.length, 0);
    assert.strictEqual(service.capability(compose, 'getTargetMajor'), undefined);
  });
});

describe('isComposeFile (the one home of "is this a compose file")', () => {
  it('takes compose.yaml, docker-compose.yml and their variants, in any case, as path or URI', () => {
    for (const name of ['compose.yaml', 'compose.yml', 'docker-compose.yml', 'docker-compose.yaml', 'compose.prod.yaml', 'docker-compose.override.yml', 'Docker-Compose.YML', 'COMPOSE.yaml']) {
      assert.ok(isComposeFile(name), name);
      assert.ok(isComposeFile(`/work/stack/${name}`), `/work/stack/${name}`);
      assert.ok(isComposeFile(`C:\\work\\stack\\${name}`), `windows ${name}`);
      assert.ok(isComposeFile(`file:///work/My%20Stack/${name}?x#y`), `uri ${name}`);
    }
  });

  it('refuses other names', () => {
    for (const name of ['mycompose.yaml', 'compose.json', 'compose.yaml.bak', 'docker-compose', 'stack.yml', 'compose/app.yaml']) assert.ok(!isComposeFile(name), name);
  });
});

describe('glob dialect of file patterns', () => {
  it('matches *, ? and {a,b} against a base name, in any case', () => {
    const re = globToRegExp('{compose,docker-compose}*.{yml,yaml}');
    assert.ok(re.test('docker-compose.prod.YAML'));
    assert.ok(!re.test('dir/compose.yaml'));
    assert.ok(globToRegExp('pg_?ba.conf').test('pg_hba.conf'));
    assert.ok(!globToRegExp('postgresql.conf').test('postgresqlXconf'));
    assert.throws(() => globToRegExp('{a,b'), /unbalanced/);
    assert.strictEqual(exampleName('{compose,docker-compose}*.{yml,yaml}'), 'compose.yml');
  });
});

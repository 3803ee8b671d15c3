import * as assert from 'assert';
import * as path from 'path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { nodeFileSystem } from '../../../../core/nodeFileSystem';
import { ComposeMajorFinder } from '../../../../language/formats/pgconf/composeMajor';
import { detectTargetMajor } from '../../../../language/formats/pgconf/targetMajor';
import { getLanguageService } from '../../../../language/service/languageService';
import type { FileSystemHost } from '../../../../language/service/types';
import { tinyCatalog } from './fixtures';
import { fileUri, memoryFs } from './memoryFs';

const compose = (image: string, mount: string) => `services:
  primary:
    image: ${image}
    volumes:
      - pgdata:/var/lib/postgresql/data
      - ${mount}
volumes:
  pgdata: {}
`;

/** memoryFs that counts reads and can report an mtime, to see the cache at work. */
function countingFs(files: Record<string, string>, mtimes?: Record<string, number>): FileSystemHost & { reads: string[] } {
  const base = memoryFs(files);
  const reads: string[] = [];
  return {
    ...base,
    readFile: (file) => (reads.push(file), base.readFile(file)),
    mtime: mtimes ? (file) => mtimes[file] : undefined,
    reads,
  };
}

describe('target major from the compose service that mounts the file', () => {
  it('reads the image tag of the service that bind-mounts the config, with the source spelled out', () => {
    const fs = memoryFs({
      '/stack/compose.yaml': compose('postgres:15', './postgresql.conf:/etc/postgresql/postgresql.conf:ro'),
      '/stack/postgresql.conf': 'port = 5432\n',
    });
    assert.deepStrictEqual(detectTargetMajor(fileUri('/stack/postgresql.conf'), fs, 17, new ComposeMajorFinder(fs)), {
      major: 15,
      source: 'image postgres:15 of service primary in compose.yaml',
    });
  });

  it('looks in parent folders (up to 4 levels), resolving sources against the compose file', () => {
    const files = {
      '/repo/docker-compose.prod.yml': compose('postgres:14-alpine', './config/pg/postgresql.conf:/etc/postgresql/postgresql.conf'),
      '/repo/config/pg/postgresql.conf': '',
    };
    const fs = memoryFs(files);
    assert.deepStrictEqual(new ComposeMajorFinder(fs).find('/repo/config/pg/postgresql.conf'), {
      major: 14,
      source: `image postgres:14-alpine of service primary in ${path.join('..', '..', 'docker-compose.prod.yml')}`,
    });
    const deep = memoryFs({ '/r/compose.yaml': compose('postgres:14', './a/b/c/d/e/postgresql.conf:/x.conf'), '/r/a/b/c/d/e/postgresql.conf': '' });
    assert.strictEqual(new ComposeMajorFinder(deep).find('/r/a/b/c/d/e/postgresql.conf'), undefined, 'five levels up is too far');
  });

  it('ignores other files, named volumes, images without a major, and broken YAML', () => {
    const finder = (files: Record<string, string>) => new ComposeMajorFinder(memoryFs(files)).find('/s/postgresql.conf');
    assert.strictEqual(finder({ '/s/compose.yaml': compose('postgres:15', './other.conf:/etc/postgresql/postgresql.conf') }), undefined);
    assert.strictEqual(finder({ '/s/compose.yaml': compose('postgres:latest', './postgresql.conf:/etc/postgresql/postgresql.conf') }), undefined);
    assert.strictEqual(finder({ '/s/compose.yaml': 'services: [unclosed\n  : -' }), undefined);
    assert.strictEqual(finder({ '/s/notcompose.yaml': compose('postgres:15', './postgresql.conf:/etc/postgresql/postgresql.conf') }), undefined);
  });

  it('a PG_VERSION file beside the config still wins; without either the setting decides', () => {
    const files = { '/s/compose.yaml': compose('postgres:15', './postgresql.conf:/etc/postgresql/postgresql.conf'), '/s/PG_VERSION': '16\n' };
    const fs = memoryFs(files);
    assert.strictEqual(detectTargetMajor(fileUri('/s/postgresql.conf'), fs, 17, new ComposeMajorFinder(fs)).major, 16);
    const none = memoryFs({});
    assert.deepStrictEqual(detectTargetMajor(fileUri('/s/postgresql.conf'), none, 17, new ComposeMajorFinder(none)), { major: 17, source: 'setting pgha.postgresVersion' });
  });

  it('remembers a compose file until its mtime (or, without one, its text) changes', () => {
    const files: Record<string, string> = { '/s/compose.yaml': compose('postgres:15', './postgresql.conf:/etc/postgresql/postgresql.conf') };
    const mtimes = { '/s/compose.yaml': 1 };
    const fs = countingFs(files, mtimes);
    const finder = new ComposeMajorFinder(fs);
    assert.strictEqual(finder.find('/s/postgresql.conf')?.major, 15);
    assert.strictEqual(finder.find('/s/postgresql.conf')?.major, 15);
    assert.strictEqual(fs.reads.length, 1, 'the unchanged compose file is read once');
    files['/s/compose.yaml'] = compose('postgres:13', './postgresql.conf:/etc/postgresql/postgresql.conf');
    mtimes['/s/compose.yaml'] = 2;
    assert.strictEqual(finder.find('/s/postgresql.conf')?.major, 13);
    const textOnly = new ComposeMajorFinder(memoryFs(files));
    assert.strictEqual(textOnly.find('/s/postgresql.conf')?.major, 13);
    files['/s/compose.yaml'] = compose('postgres:16', './postgresql.conf:/etc/postgresql/postgresql.conf');
    assert.strictEqual(textOnly.find('/s/postgresql.conf')?.major, 16);
  });

  it('is what the language service reports as the target major (unsupported majors fall back to the setting)', () => {
    const files = { '/s/compose.yaml': compose('postgres:12', './postgresql.conf:/etc/postgresql/postgresql.conf') };
    const service = getLanguageService({ catalog: tinyCatalog(), fs: memoryFs(files), settings: () => ({ defaultMajor: 17 }) });
    const doc = TextDocument.create(fileUri('/s/postgresql.conf'), 'pgconf', 1, '');
    // postgres:12 is not a supported major: the setting decides.
    assert.strictEqual(service.getTargetMajor(doc)?.major, 17);
    const files14 = { '/s/compose.yaml': compose('postgres:14', './postgresql.conf:/etc/postgresql/postgresql.conf') };
    const service14 = getLanguageService({ catalog: tinyCatalog(), fs: memoryFs(files14), settings: () => ({ defaultMajor: 17 }) });
    assert.deepStrictEqual(service14.getTargetMajor(doc), { major: 14, source: 'image postgres:14 of service primary in compose.yaml' });
  });

  it('finds the major of examples/ha-stack, which mounts its postgresql.conf into every node', () => {
    const config = path.resolve(__dirname, '../../../../examples/ha-stack/postgresql.conf');
    const found = new ComposeMajorFinder(nodeFileSystem).find(config);
    assert.deepStrictEqual(found, { major: 17, source: 'image postgres:17 of service primary in compose.yaml' });
  });
});

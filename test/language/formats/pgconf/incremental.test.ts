import * as assert from 'assert';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { loadCatalog } from '../../../../language/catalog/catalog';
import type { Major } from '../../../../language/catalog/types';
import { IncrementalConfParser, parseConf } from '../../../../language/formats/pgconf/parser';
import { getLanguageService } from '../../../../language/service/languageService';
import { fileUri, memoryFs } from './memoryFs';

// The caches behind "diagnostics after an edit" must never change an answer: every step is compared with a
// fresh parse or a fresh language service.
const steps: string[] = [
  "shared_buffers = 128MB\nwal_level = replica\nmax_wal_senders = 10\nshared_bufers = 1GB\n# comment\n",
  "shared_buffers = 128MB\nwal_level = minimal\nmax_wal_senders = 10\nshared_bufers = 1GB\n# comment\n",
  "shared_buffers = 128MB\nwal_level = minimal\nmax_wal_senders = 0\nshared_buffers = 1GB\n# comment\n",
  "work_mem = 128 MB\nshared_buffers = 128MB\nwal_level = minimal\nmax_wal_senders = 0\nshared_buffers = 1GB\n",
  "max_connections = 200000\nmax_worker_processes = 8\n",
  "max_connections = 200000\nmax_worker_processes = 70000\n",
  "max_connections = 200000\nmax_worker_processes = 8\n",
  "max_connections = 100\nmax_worker_processes = 70000\n",
  "\nmax_connections = 100\nmax_worker_processes = 70000\nwal_keep_segments = 64\n",
  "max_connections = 100\nwal_keep_segments = 64\n",
  Array.from({ length: 120 }, (_, i) => `bad line ${i} here`).join('\n'),
  Array.from({ length: 120 }, (_, i) => (i === 3 ? 'work_mem = 4MB' : `bad line ${i} here`)).join('\n'),
  "archive_mode = on\r\nwal_level = replica\r\n",
];

describe('pgconf incremental parse and remembered verdicts', () => {
  it('IncrementalConfParser gives exactly what parseConf gives, edit after edit', () => {
    const parser = new IncrementalConfParser();
    for (const [i, text] of steps.entries()) {
      const fileName = i === 7 ? '/other/postgresql.conf' : '/db/postgresql.conf';
      assert.deepStrictEqual(parser.parse(text, fileName), parseConf(text, fileName), `step ${i}`);
    }
  });

  it('stays exact under random inserts, deletions and changes of lines (fixed seed)', () => {
    const pool = ['work_mem = 4MB', 'work_mem = 4 MB', '# note', '', "include 'x.conf'", 'a.b = 1  # c', 'port 5432', '= broken', 'bad line here', "s = 'it''s'", 'x = 1\r'];
    let seed = 42;
    const random = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2147483648), seed % n);
    const parser = new IncrementalConfParser();
    let lines = Array.from({ length: 40 }, (_, i) => pool[i % pool.length]);
    for (let step = 0; step < 400; step++) {
      const at = random(lines.length + 1);
      const kind = random(4);
      if (kind === 0) lines.splice(at, 0, ...Array.from({ length: 1 + random(3) }, () => pool[random(pool.length)]));
      else if (kind === 1 && lines.length > 1) lines.splice(Math.min(at, lines.length - 1), 1 + random(2));
      else if (kind === 2) lines[Math.min(at, lines.length - 1)] = pool[random(pool.length)];
      else if (step % 50 === 0) lines = [...Array.from({ length: 101 }, () => 'bad line'), ...lines];
      const text = lines.join('\n');
      assert.deepStrictEqual(parser.parse(text, '/db/postgresql.conf'), parseConf(text, '/db/postgresql.conf'), `step ${step}`);
    }
  });

  it('keeps the nodes of unchanged lines (so per-node caches stay valid)', () => {
    const parser = new IncrementalConfParser();
    const first = parser.parse('a.x = 1\nb.y = 2\n');
    const second = parser.parse('a.x = 1\nb.y = 3\n');
    assert.strictEqual(second.settings[0], first.settings[0]);
    assert.notStrictEqual(second.settings[1], first.settings[1]);
  });

  it('diagnostics after each edit equal those of a fresh language service, across majors', () => {
    const catalog = loadCatalog();
    const file = '/db/postgresql.conf';
    const fs = memoryFs({});
    let major: Major = 17;
    const kept = getLanguageService({ catalog, fs, settings: () => ({ defaultMajor: major }) });
    let doc = TextDocument.create(fileUri(file), 'pgconf', 1, '');
    for (const m of [17, 13, 18] as Major[]) {
      major = m;
      for (const [i, text] of steps.entries()) {
        doc = TextDocument.create(doc.uri, 'pgconf', doc.version + 1, text);
        const fresh = getLanguageService({ catalog: loadCatalog(), fs, settings: () => ({ defaultMajor: m }) });
        assert.deepStrictEqual(kept.getDiagnostics(doc), fresh.getDiagnostics(doc), `major ${m}, step ${i}`);
      }
    }
  });
});

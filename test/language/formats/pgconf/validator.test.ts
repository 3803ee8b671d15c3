import * as assert from 'assert';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic } from 'vscode-languageserver-types';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import type { Major } from '../../../../language/catalog/types';
import { CODES, type PgconfDiagnosticData } from '../../../../language/formats/pgconf/codes';
import { getLanguageService } from '../../../../language/service/languageService';
import { tinyCatalog } from './fixtures';
import { fileUri, memoryFs } from './memoryFs';

function diagnose(text: string, options: { files?: Record<string, string>; major?: Major; path?: string } = {}): Diagnostic[] {
  const file = options.path ?? '/db/postgresql.conf';
  const service = getLanguageService({ catalog: tinyCatalog(), fs: memoryFs({ [file]: text, ...options.files }), settings: () => ({ defaultMajor: options.major ?? 17 }) });
  return service.getDiagnostics(TextDocument.create(fileUri(file), 'pgconf', 1, text));
}
const codes = (diagnostics: Diagnostic[]) => diagnostics.map((d) => d.code);
const fixesOf = (d: Diagnostic) => (d.data as PgconfDiagnosticData).fixes ?? [];

describe('pgconf validator through the language service', () => {
  it('is silent on a valid file', () => {
    assert.deepStrictEqual(diagnose("shared_buffers = 128MB\nwal_level = replica\nmyext.x = 'y'\n# comment\n"), []);
  });

  it('reports a syntax error with quick fixes to join or quote', () => {
    const [d] = diagnose('work_mem = 128 MB\n');
    assert.strictEqual(d.code, CODES.syntax);
    assert.strictEqual(d.severity, DiagnosticSeverity.Error);
    assert.match(d.message, /^syntax error in file "\/db\/postgresql.conf" line 1, near token "MB"/);
    assert.deepStrictEqual(fixesOf(d).map((f) => f.edits[0].newText), ['128MB', "'128 MB'"]);
    const [real] = diagnose('statement_timeout = 30.5min\n');
    assert.deepStrictEqual(fixesOf(real).map((f) => f.edits[0].newText), ["'30.5min'"]);
  });

  it('suggests the closest name for an unknown parameter, on the name range', () => {
    const [d] = diagnose('shared_bufers = 1GB\n');
    assert.strictEqual(d.code, CODES.unknownParameter);
    assert.deepStrictEqual(d.range, { start: { line: 0, character: 0 }, end: { line: 0, character: 13 } });
    assert.deepStrictEqual(fixesOf(d)[0].edits[0].newText, 'shared_buffers');
  });

  it('offers the unit case fix and the enum did-you-mean', () => {
    const [unit] = diagnose('work_mem = 4mb\n');
    assert.strictEqual(unit.code, CODES.invalidUnit);
    assert.deepStrictEqual(fixesOf(unit)[0].edits[0], { range: { start: { line: 0, character: 11 }, end: { line: 0, character: 14 } }, newText: '4MB' });
    const [level] = diagnose("wal_level = 'replicas'\n");
    assert.deepStrictEqual(fixesOf(level).map((f) => f.edits[0].newText), ["'replica'"]);
  });

  it('marks an overridden setting with a hint linking to the later line, without checking its value', () => {
    const diagnostics = diagnose('work_mem = 4mb\nwork_mem = 8MB\n');
    assert.deepStrictEqual(codes(diagnostics), [CODES.overridden]);
    assert.strictEqual(diagnostics[0].severity, DiagnosticSeverity.Hint);
    assert.strictEqual(diagnostics[0].relatedInformation?.[0].location.range.start.line, 1);
  });

  it('says in the overridden hint that the skipped value would be invalid on its own, and nothing when it is valid', () => {
    const [invalid] = diagnose('work_mem = 4mb\nwork_mem = 8MB\n');
    assert.match(invalid.message, /^"work_mem" is set again later \(line 2\); that value wins\. Its own value would be invalid if that line went away: .*4mb/);
    assert.ok(invalid.tags?.length, 'still faded (unnecessary)');
    const [valid] = diagnose('work_mem = 4MB\nwork_mem = 8MB\n');
    assert.strictEqual(valid.message, '"work_mem" is set again later (line 2); that value wins.');
  });

  it('knows removed and renamed parameters per major', () => {
    const [renamed] = diagnose('wal_keep_segments = 64\n');
    assert.strictEqual(renamed.code, CODES.removedParameter);
    assert.strictEqual(fixesOf(renamed)[0].edits[0].newText, 'wal_keep_size = 1024MB');
    assert.deepStrictEqual(codes(diagnose('vacuum_defer_cleanup_age = 0\n', { major: 16 })), [CODES.removedParameter]);
    assert.deepStrictEqual(codes(diagnose('vacuum_defer_cleanup_age = 0\n', { major: 15 })), []);
    assert.deepStrictEqual(codes(diagnose('summarize_wal = off\n', { major: 16 })), [CODES.addedLaterParameter]);
  });

  it('takes the target major from PG_VERSION beside the file', () => {
    assert.deepStrictEqual(codes(diagnose('vacuum_defer_cleanup_age = 0\n', { files: { '/db/PG_VERSION': '15\n' } })), []);
    const service = getLanguageService({ catalog: tinyCatalog(), fs: memoryFs({ '/db/PG_VERSION': '14' }) });
    assert.deepStrictEqual(service.getTargetMajor(TextDocument.create(fileUri('/db/postgresql.conf'), 'pgconf', 1, '')), { major: 14, source: 'PG_VERSION file (/db/PG_VERSION)' });
    assert.strictEqual(service.getTargetMajor(TextDocument.create('untitled:x', 'pgconf', 1, ''))?.source, 'setting pgha.postgresVersion');
  });

  it('runs the cross-setting checks, each with its own code', () => {
    const minimal = diagnose('wal_level = minimal\n');
    assert.deepStrictEqual(codes(minimal), [CODES.walSendersNeedReplica]);
    assert.strictEqual(fixesOf(minimal[0])[0].edits[0].newText, 'replica');
    assert.deepStrictEqual(codes(diagnose('wal_level = minimal\nmax_wal_senders = 0\n')), []);
    assert.ok(codes(diagnose("wal_level = minimal\nmax_wal_senders = 0\narchive_mode = on\narchive_command = 'cp %p /a/%f'\n")).includes(CODES.archiveNeedsReplica));
    assert.deepStrictEqual(codes(diagnose('archive_mode = on\n')), [CODES.archiveWithoutCommand]);
    assert.deepStrictEqual(codes(diagnose("archive_mode = on\narchive_library = 'basic_archive'\n")), []);
    assert.deepStrictEqual(codes(diagnose("max_replication_slots = 0\nprimary_slot_name = 'r1'\n")), [CODES.noReplicationSlots]);
    assert.deepStrictEqual(codes(diagnose("hot_standby = off\nprimary_conninfo = 'host=p'\n")), [CODES.hotStandbyOff]);
    assert.deepStrictEqual(codes(diagnose("synchronous_standby_names = 'FIRST 2 (a, b'\n")), [CODES.standbyNamesSyntax]);
  });

  it('follows includes: links, missing files, skipped optional files, cycles, depth, and cross checks', () => {
    const files = {
      '/db/conf.d/10-wal.conf': 'wal_level = minimal\n',
      '/db/conf.d/.hidden.conf': 'bogus = 1\n',
      '/db/loop.conf': "include 'postgresql.conf'\n",
    };
    const text = "include_dir 'conf.d'\ninclude 'nope.conf'\ninclude_if_exists 'maybe.conf'\ninclude 'loop.conf'\n";
    const diagnostics = diagnose(text, { files });
    assert.deepStrictEqual(codes(diagnostics), [CODES.includeMissing, CODES.includeSkipped, CODES.includeCycle, CODES.walSendersNeedReplica]);
    assert.strictEqual(diagnostics[3].range.start.line, 0);
    const service = getLanguageService({ catalog: tinyCatalog(), fs: memoryFs({ '/db/postgresql.conf': text, ...files }) });
    const links = service.getDocumentLinks(TextDocument.create(fileUri('/db/postgresql.conf'), 'pgconf', 1, text));
    assert.deepStrictEqual(links.map((l) => l.target), ['file:///db/conf.d', 'file:///db/loop.conf']);
    const chain: Record<string, string> = {};
    for (let i = 0; i < 12; i++) chain[`/db/c${i}.conf`] = `include 'c${i + 1}.conf'\n`;
    chain['/db/c12.conf'] = 'work_mem = 4MB\n';
    assert.deepStrictEqual(codes(diagnose("include 'c0.conf'\n", { files: chain })), [CODES.includeDepth]);
  });

  it('marks a setting overridden by an included file', () => {
    const diagnostics = diagnose("work_mem = 4MB\ninclude 'more.conf'\n", { files: { '/db/more.conf': 'work_mem = 8MB\n' } });
    assert.deepStrictEqual(codes(diagnostics), [CODES.overridden]);
    assert.strictEqual(diagnostics[0].relatedInformation?.[0].location.uri, 'file:///db/more.conf');
  });
});

describe('pgconf validator: a file saved with a byte-order mark', () => {
  it('says so, instead of a misleading hint, and offers the name without the mark', () => {
    const [unknown] = diagnose('\uFEFFshared_buffers = 128MB\n');
    assert.strictEqual(unknown.code, CODES.unknownParameter);
    assert.match(unknown.message, /byte-order mark \(BOM\).*Save the file as UTF-8 without BOM\.$/);
    assert.deepStrictEqual(fixesOf(unknown).map((f) => f.edits[0].newText), ['shared_buffers']);
    const [syntax] = diagnose('\uFEFF# a comment first, as initdb writes it\nshared_buffers = 128MB\n');
    assert.strictEqual(syntax.code, CODES.syntax);
    assert.match(syntax.message, /near end of line\. PostgreSQL refuses the whole file\. The file starts with an invisible byte-order mark/);
    assert.doesNotMatch(diagnose('work_mem = 128 MB\n')[0].message, /byte-order/);
  });
});

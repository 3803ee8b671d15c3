/** pg_ident.conf through the language service: routing, PostgreSQL's verdicts per major, notes, cross-file maps, completion, hover, symbols. */
import * as assert from 'assert';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CompletionItem, Diagnostic, MarkupContent } from 'vscode-languageserver-types';
import { expandItemDefaults } from '../../../../language/service/completionList';
import { getLanguageService } from '../../../../language/service/languageService';
import { tinyCatalog } from '../pgconf/fixtures';
import { fileUri, memoryFs } from '../pgconf/memoryFs';

const DIR = '/srv/data';

function setup(text: string, files: Record<string, string> = {}, major = '17', name = 'pg_ident.conf') {
  const all = { [`${DIR}/PG_VERSION`]: `${major}\n`, [`${DIR}/${name}`]: text, ...files };
  const service = getLanguageService({ catalog: tinyCatalog(), fs: memoryFs(all) });
  const doc = TextDocument.create(fileUri(`${DIR}/${name}`), name === 'pg_ident.conf' ? 'pgident' : 'pghba', 1, text);
  return { service, doc };
}

const codes = (diagnostics: Diagnostic[]) => diagnostics.map((d) => d.code);
const labels = (items: CompletionItem[]) => items.map((i) => i.label);
const hoverText = (text: string, line: number, character: number) => {
  const { service, doc } = setup(text);
  return (service.getHover(doc, { line, character })?.contents as MarkupContent | undefined)?.value ?? '';
};

describe('pg_ident.conf through the language service', () => {
  it('reads pg_ident.conf as the ident format with the major of the data directory', () => {
    const { service, doc } = setup('office alice alice_db\n');
    assert.strictEqual(service.formatOf(doc)?.id, 'ident');
    assert.strictEqual(service.getTargetMajor(doc)?.major, 17);
    assert.deepStrictEqual(service.getDiagnostics(doc), []);
  });

  it("gives PostgreSQL's errors with ident/ codes on the token (15+ words)", () => {
    const { service, doc } = setup('m\nm a,b c\nm /( bob\nm alice /(\n');
    const diagnostics = service.getDiagnostics(doc);
    assert.deepStrictEqual(codes(diagnostics), ['ident/missing-field', 'ident/multiple-values', 'ident/invalid-regex', 'ident/invalid-regex']);
    assert.deepStrictEqual(diagnostics[1].range, { start: { line: 1, character: 4 }, end: { line: 1, character: 5 } });
    assert.match(diagnostics[2].message, /^invalid regular expression "\(": parentheses \(\) not balanced/);
  });

  it('names file and line in "missing entry" on 13/14, and compiles a /regex database user only from 16 on', () => {
    const on13 = setup('m a\nm alice /(\n', {}, '13');
    const diagnostics = on13.service.getDiagnostics(on13.doc);
    assert.deepStrictEqual(codes(diagnostics), ['ident/missing-field']);
    assert.match(diagnostics[0].message, /^missing entry in file "\/srv\/data\/pg_ident.conf" at end of line 1/);
  });

  it('warns about \\1 without a group and about ignored extra fields', () => {
    const { service, doc } = setup('krb /^admin$ \\1\nkrb bob \\1_x\nok /^(.*)$ \\1\nm a b extra\n');
    assert.deepStrictEqual(codes(service.getDiagnostics(doc)), ['ident/backreference-without-group', 'ident/backreference-without-group', 'ident/extra-fields']);
  });

  it('reads include directives on 16+ and says what an included file holds', () => {
    const files = { [`${DIR}/more.conf`]: 'x a b\nbroken\n' };
    const { service, doc } = setup('include more.conf\ninclude_if_exists gone.conf\ninclude missing.conf\n', files, '16');
    assert.deepStrictEqual(codes(service.getDiagnostics(doc)), ['ident/included-file-errors', 'ident/include-skipped', 'ident/missing-include']);
    const on15 = setup('include more.conf\n', files, '15');
    assert.deepStrictEqual(codes(on15.service.getDiagnostics(on15.doc)), ['ident/missing-field']);
  });

  it('checks map= of the pg_hba.conf beside against the maps defined, in both files', () => {
    const hba = 'local all all peer map=office\nhostssl all all 10.0.0.0/8 cert map=certs\n';
    const ident = 'office alice alice_db\nspare bob bob\n';
    const inIdent = setup(ident, { [`${DIR}/pg_hba.conf`]: hba });
    const identDiagnostics = inIdent.service.getDiagnostics(inIdent.doc);
    assert.deepStrictEqual(codes(identDiagnostics), ['ident/map-missing', 'ident/map-unused']);
    assert.match(identDiagnostics[0].message, /pg_hba.conf line 2 uses map "certs"/);
    assert.deepStrictEqual(identDiagnostics[1].range.start, { line: 1, character: 0 });
    const inHba = setup(hba, { [`${DIR}/pg_ident.conf`]: ident }, '17', 'pg_hba.conf');
    const hbaDiagnostics = inHba.service.getDiagnostics(inHba.doc).filter((d) => d.code === 'hba/ident-map-missing');
    assert.strictEqual(hbaDiagnostics.length, 1);
    assert.deepStrictEqual(hbaDiagnostics[0].range.start, { line: 1, character: 32 });
    const alone = setup(hba, {}, '17', 'pg_hba.conf');
    assert.ok(!codes(alone.service.getDiagnostics(alone.doc)).includes('hba/ident-map-missing'), 'no pg_ident.conf beside: nothing to compare');
  });

  it('completes map names (defined and used by pg_hba.conf), includes on 16+, and database-user keywords per major', () => {
    const files = { [`${DIR}/pg_hba.conf`]: 'local all all peer map=fromhba\n' };
    const { service, doc } = setup('office alice alice_db\n\n', files, '16');
    const first = expandItemDefaults(service.getCompletions(doc, { line: 1, character: 0 }));
    assert.deepStrictEqual(labels(first.items), ['fromhba', 'office', 'include', 'include_if_exists', 'include_dir']);
    const third = setup('krb /^(.*)$ ', {}, '16');
    assert.deepStrictEqual(labels(expandItemDefaults(third.service.getCompletions(third.doc, { line: 0, character: 12 })).items), ['all', '+', '\\1']);
    const on13 = setup('krb bob ', {}, '13');
    assert.deepStrictEqual(labels(expandItemDefaults(on13.service.getCompletions(on13.doc, { line: 0, character: 8 })).items), []);
    const resolved = service.resolveCompletion({ label: 'include_dir', detail: 'include record (16+)', data: { format: 'ident' } });
    assert.match((resolved.documentation as MarkupContent).value, /\*\.conf/);
  });

  it('hovers a mapping in words', () => {
    assert.match(hoverText('krb /^(.*)@EXAMPLE\\.COM$ \\1\n', 0, 1), /Map \*\*krb\*\*: any operating-system user whose name matches the regular expression `\^\(\.\*\)@EXAMPLE\\\.COM\$` may connect as the database role "\\1", with \\1 replaced/);
    assert.match(hoverText('office alice alice_db\n', 0, 8), /the operating-system \(or Kerberos, certificate\) user "alice" may connect as the database role "alice_db"[^]*---[^]*The user the operating system/);
  });

  it('lists one symbol per mapping or include', () => {
    const { service, doc } = setup('office alice alice_db\n# c\nkrb /^(.*)$ \\1\n');
    assert.deepStrictEqual(service.getDocumentSymbols(doc).map((s) => [s.name, s.detail]), [['office', 'alice → alice_db'], ['krb', '/^(.*)$ → \\1']]);
  });

  it('never throws on binary or fuzzed input, on every major', () => {
    let seed = 11;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const alphabet = ['a', ' ', '\t', '\n', '\r', '"', ',', '#', '/', '(', '\\', '@', '+', '\0', 'é', '\uFFFD', 'include ', 'm x y\n'];
    for (let round = 0; round < 60; round++) {
      const text = Array.from({ length: 150 }, () => alphabet[Math.floor(random() * alphabet.length)]).join('');
      const { service, doc } = setup(text, { [`${DIR}/pg_hba.conf`]: 'local all all peer map=m\n' }, String(13 + (round % 6)));
      for (const d of service.getDiagnostics(doc)) assert.ok(d.code && d.message.length > 0);
      service.getCompletions(doc, { line: 0, character: 3 });
      service.getHover(doc, { line: 0, character: 1 });
      service.getDocumentSymbols(doc);
    }
  });

  it('offers to split a comma list into one line per value, and to fix a misspelt map name in pg_hba.conf', () => {
    const { service, doc } = setup('m a,"b c" db\n');
    const [diagnostic] = service.getDiagnostics(doc);
    const [fix] = service.getCodeActions(doc, diagnostic.range, { diagnostics: [diagnostic] });
    assert.strictEqual(fix.title, 'Write 2 lines, one value each');
    assert.strictEqual(fix.edit?.changes?.[doc.uri][0].newText, 'm a db\nm "b c" db');
    const hba = setup('local all all peer map=ofice\n', { [`${DIR}/pg_ident.conf`]: 'office alice alice_db\n' }, '17', 'pg_hba.conf');
    const missing = hba.service.getDiagnostics(hba.doc).filter((d) => d.code === 'hba/ident-map-missing');
    const actions = hba.service.getCodeActions(hba.doc, missing[0].range, { diagnostics: missing });
    assert.deepStrictEqual(actions.map((a) => [a.title, a.edit?.changes?.[hba.doc.uri][0]]), [['Change to map=office', { range: { start: { line: 0, character: 23 }, end: { line: 0, character: 28 } }, newText: 'office' }]]);
  });
});

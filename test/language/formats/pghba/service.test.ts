/** The pg_hba.conf format through the language service: routing, diagnostics with fixes, completion, hover, symbols, links. */
import * as assert from 'assert';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { CodeActionKind, type CompletionItem, type Diagnostic, type MarkupContent } from 'vscode-languageserver-types';
import { getLanguageService } from '../../../../language/service/languageService';
import { expandItemDefaults } from '../../../../language/service/completionList';
import { tinyCatalog } from '../pgconf/fixtures';
import { fileUri, memoryFs } from '../pgconf/memoryFs';

const DIR = '/srv/data';

function setup(text: string, files: Record<string, string> = {}, major = '17') {
  const all = { [`${DIR}/PG_VERSION`]: `${major}\n`, [`${DIR}/pg_hba.conf`]: text, ...files };
  const service = getLanguageService({ catalog: tinyCatalog(), fs: memoryFs(all) });
  const doc = TextDocument.create(fileUri(`${DIR}/pg_hba.conf`), 'pghba', 1, text);
  return { service, doc };
}

const codes = (diagnostics: Diagnostic[]) => diagnostics.map((d) => d.code);
const labels = (items: CompletionItem[]) => items.map((i) => i.label);

function fixTitles(text: string, code: string): string[] {
  const { service, doc } = setup(text);
  const diagnostics = service.getDiagnostics(doc).filter((d) => d.code === code);
  assert.ok(diagnostics.length, `${code} reported`);
  return service.getCodeActions(doc, diagnostics[0].range, { diagnostics, only: [CodeActionKind.QuickFix] }).map((a) => a.title);
}

describe('pg_hba.conf through the language service', () => {
  it('reads pg_hba.conf as the hba format, with the major of the data directory', () => {
    const { service, doc } = setup('host all all 10.0.0.0/8 oauth\n', {}, '17');
    assert.strictEqual(service.formatOf(doc)?.id, 'hba');
    assert.deepStrictEqual(codes(service.getDiagnostics(doc)), ['hba/unknown-method']);
    assert.strictEqual(service.getTargetMajor(doc)?.major, 17);
    const on18 = setup('host all all 10.0.0.0/8 oauth issuer=https://x scope=openid\n', {}, '18');
    assert.ok(!codes(on18.service.getDiagnostics(on18.doc)).includes('hba/unknown-method'));
  });

  it('reads password_encryption of the postgresql.conf beside: md5 lines are information where passwords are stored as MD5', () => {
    const text = 'host all all 10.0.0.0/8 md5\n';
    const md5 = setup(text, { [`${DIR}/postgresql.conf`]: "password_encryption = 'md5'\n" });
    assert.deepStrictEqual(md5.service.getDiagnostics(md5.doc).map((d) => [d.code, d.severity]), [['hba/md5', 3]]);
    const scram = setup(text, { [`${DIR}/postgresql.conf`]: 'password_encryption = scram-sha-256\n' });
    assert.deepStrictEqual(scram.service.getDiagnostics(scram.doc).map((d) => [d.code, d.severity]), [['hba/md5', 2]]);
  });

  it('says a hostssl line never matches when the postgresql.conf beside it has ssl = off', () => {
    const text = 'hostssl all all 10.0.0.0/8 scram-sha-256\n';
    const off = setup(text, { [`${DIR}/postgresql.conf`]: 'ssl = off\n' });
    assert.deepStrictEqual(codes(off.service.getDiagnostics(off.doc)), ['hba/ssl-disabled']);
    const on = setup(text, { [`${DIR}/postgresql.conf`]: "ssl = 'on'\n" });
    assert.deepStrictEqual(codes(on.service.getDiagnostics(on.doc)), []);
  });

  it('offers quick fixes: scram-sha-256 for weak methods, the closest method, type and option names, removing a dead line', () => {
    assert.deepStrictEqual(fixTitles('host all all 10.0.0.0/8 md5\n', 'hba/md5'), ['Use scram-sha-256 (the roles need SCRAM passwords)']);
    assert.deepStrictEqual(fixTitles('host all all 10.0.0.0/8 trust\n', 'hba/trust-remote'), ['Use scram-sha-256']);
    assert.deepStrictEqual(fixTitles('host all all 10.0.0.0/8 scram-sha-265\n', 'hba/unknown-method'), ["Change to 'scram-sha-256'"]);
    assert.deepStrictEqual(fixTitles('hots all all 10.0.0.0/8 reject\n', 'hba/invalid-connection-type'), ["Change to 'host'"]);
    assert.deepStrictEqual(fixTitles('local all all peer mapp=x\n', 'hba/unknown-option'), ["Change to 'map'"]);
    assert.deepStrictEqual(fixTitles('local all all peer\nlocal all postgres peer\n', 'hba/shadowed-line'), ['Remove this line (it never applies)']);
  });

  it('edits exactly the method token', () => {
    const { service, doc } = setup('host  all all 10.0.0.0/8   md5 # old\n');
    const diagnostics = service.getDiagnostics(doc).filter((d) => d.code === 'hba/md5');
    const [action] = service.getCodeActions(doc, diagnostics[0].range, { diagnostics });
    const edits = action.edit!.changes![doc.uri];
    assert.strictEqual(TextDocument.applyEdits(doc, edits), 'host  all all 10.0.0.0/8   scram-sha-256 # old\n');
  });

  it('completes connection types, keywords, addresses, methods per major and options per method', () => {
    const text = 'host replication all 10.0.0.0/8 ldap ldapserver=x \nlocal all all ';
    const at = (major: string, line: number, character: number) => {
      const { service, doc } = setup(text, {}, major);
      return labels(expandItemDefaults(service.getCompletions(doc, { line, character })).items);
    };
    assert.ok(at('17', 0, 0).includes('hostssl'));
    assert.ok(at('16', 0, 0).includes('include_dir') && !at('15', 0, 0).includes('include_dir'));
    assert.ok(at('17', 0, 5).includes('replication'));
    assert.ok(at('17', 0, 21).includes('samenet'));
    assert.ok(at('17', 1, 14).includes('scram-sha-256') && !at('17', 1, 14).includes('oauth'));
    assert.ok(at('18', 1, 14).includes('oauth'));
    assert.ok(at('17', 0, 50).includes('ldapbasedn=') && !at('17', 0, 50).includes('map='));
  });

  it('resolves completion items with our explanation', () => {
    const { service, doc } = setup('local all all ');
    const list = expandItemDefaults(service.getCompletions(doc, { line: 0, character: 14 }));
    const scram = list.items.find((i) => i.label === 'scram-sha-256')!;
    assert.strictEqual((scram.data as { format: string }).format, 'hba');
    const resolved = service.resolveCompletion(scram);
    assert.match((resolved.documentation as MarkupContent).value, /challenge-response/);
  });

  it('describes the line under the cursor, and the word', () => {
    const { service, doc } = setup('# rules\nhost replication replicator 172.16.0.0/12 scram-sha-256\n');
    const hover = service.getHover(doc, { line: 1, character: 45 })!;
    const value = (hover.contents as MarkupContent).value;
    assert.match(value, /^User replicator, to physical replication, over TCP\/IP \(SSL or not\) from 172\.16\.0\.0\/12 \(1,048,576 addresses\), with a SCRAM password/);
    assert.match(value, /challenge-response/);
    assert.deepStrictEqual(hover.range, { start: { line: 1, character: 42 }, end: { line: 1, character: 55 } });
    assert.strictEqual(service.getHover(doc, { line: 0, character: 3 }), null);
  });

  it('lists one symbol per rule or include, and links included files that exist', () => {
    const text = 'local all all peer\ninclude_if_exists extra.conf\nhost all @admins.txt 10.0.0.0/8 scram-sha-256\ninclude missing.conf\n';
    const { service, doc } = setup(text, { [`${DIR}/extra.conf`]: 'local all all peer\n', [`${DIR}/admins.txt`]: 'alice\n' }, '16');
    const symbols = service.getDocumentSymbols(doc);
    assert.deepStrictEqual(symbols.map((s) => s.name), ['local all all peer', 'include_if_exists extra.conf', 'host all @admins.txt 10.0.0.0/8 scram-sha-256', 'include missing.conf']);
    assert.deepStrictEqual(service.getDocumentLinks(doc).map((l) => l.target), [fileUri(`${DIR}/extra.conf`), fileUri(`${DIR}/admins.txt`)]);
  });

  it('says when the compose service that mounts the file has a replica whose user gets no replication line', () => {
    const compose = [
      'services:',
      '  primary:',
      '    image: postgres:17',
      '    command: postgres -c hba_file=/etc/postgresql/pg_hba.conf',
      '    volumes:',
      '      - ./pg_hba.conf:/etc/postgresql/pg_hba.conf:ro',
      '  replica:',
      '    image: postgres:17',
      '    command: bash -c "pg_basebackup -h primary -U rep -D /var/lib/postgresql/data -R; exec postgres"',
      '',
    ].join('\n');
    const check = (text: string) => {
      const { service, doc } = setup(text, { [`${DIR}/compose.yaml`]: compose });
      return service.getDiagnostics(doc).filter((d) => d.code === 'hba/replica-refused');
    };
    const [missing, ...rest] = check('local all all peer\n');
    assert.strictEqual(rest.length, 0);
    assert.match(missing.message, /^No line lets "rep", the user replicas of "primary" \(compose\.yaml\) stream with, open a replication connection/);
    const { service, doc } = setup('local all all peer\n', { [`${DIR}/compose.yaml`]: compose });
    const [action] = service.getCodeActions(doc, missing.range, { diagnostics: [missing] });
    assert.strictEqual(TextDocument.applyEdits(doc, action.edit!.changes![doc.uri]), 'local all all peer\nhost    replication     rep     samenet     scram-sha-256\n');
    const [rejected] = check('host replication all all reject\n');
    assert.match(rejected.message, /^This line rejects replication connections of "rep"/);
    assert.deepStrictEqual(rejected.range.start, { line: 0, character: 25 });
    assert.deepStrictEqual(check('host replication rep all scram-sha-256\n'), []);
  });

  it('never throws on binary or fuzzed input', () => {
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let round = 0; round < 50; round++) {
      const text = Array.from({ length: 200 }, () => String.fromCharCode(Math.floor(random() * 128))).join('');
      const { service, doc } = setup(text);
      service.getDiagnostics(doc);
      service.getCompletions(doc, { line: 0, character: 3 });
      service.getHover(doc, { line: 0, character: 1 });
      service.getDocumentSymbols(doc);
    }
  });
});

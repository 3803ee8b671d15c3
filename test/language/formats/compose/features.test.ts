import * as assert from 'assert';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CodeAction, Diagnostic, MarkupContent, TextEdit } from 'vscode-languageserver-types';
import { expandItemDefaults } from '../../../../language/service/completionList';
import { fixtureDoc, positionOf, service, textDoc } from './helpers';

/** Completion, hover, symbols, code lens and quick fixes, over the language service API. */
describe('compose editor features', () => {
  const ls = service();
  const labels = (doc: TextDocument, needle: string, delta = needle.length) => ls.getCompletions(doc, positionOf(doc, needle, delta)).items.map((i) => i.label);
  const hoverText = (doc: TextDocument, needle: string, delta = 1) => (ls.getHover(doc, positionOf(doc, needle, delta))?.contents as MarkupContent | undefined)?.value ?? '';

  const stack = [
    'services:',
    '  primary:',
    '    image: postgres:16',
    '    environment:',
    '      POSTGRES_HOST_AUTH_METHOD: sc',
    '      POSTGRES_',
    '    command: postgres -c wal_level=rep -c max_wal',
    '    healthcheck:',
    '      te',
    '    ',
    '  replica:',
    '    image: postgres:16',
    '    command: bash -c "pg_basebackup --sl -h primary -S s1 -R -D /d && exec postgres"',
    '  web:',
    '    image: nginx:1.27',
    '    environment:',
    '      POSTGRES_',
    '    command: nginx -c ',
    '  next:',
    '    image: postg',
  ].join('\n');
  const doc = textDoc(stack);

  it('completes environment variables and their values inside PostgreSQL services only', () => {
    assert.ok(labels(doc, '      POSTGRES_\n', 15).includes('POSTGRES_PASSWORD_FILE'));
    assert.ok(labels(doc, 'AUTH_METHOD: sc').includes('scram-sha-256'));
    const web = ls.getCompletions(doc, positionOf(doc, '      POSTGRES_\n    command: nginx', 15));
    assert.deepStrictEqual(web.items, [], 'nginx service is not ours');
  });

  it('completes -c parameter names and values from the catalog of the service major', () => {
    const names = labels(doc, '-c max_wal');
    assert.ok(names.includes('max_wal_senders') && names.includes('max_wal_size'));
    assert.ok(!names.includes('summarize_wal'), 'summarize_wal is 17+');
    assert.deepStrictEqual(labels(doc, 'wal_level=rep').sort(), ['logical', 'minimal', 'replica']);
    const item = expandItemDefaults(ls.getCompletions(doc, positionOf(doc, '-c max_wal', 10))).items.find((i) => i.label === 'max_wal_senders')!;
    assert.match(((ls.resolveCompletion(item).documentation as MarkupContent).value), /max_wal_senders/);
  });

  it('completes pg_basebackup flags, image tags, service keys and a TCP healthcheck', () => {
    assert.ok(labels(doc, '--sl').includes('--slot'));
    const images = labels(doc, 'image: postg');
    assert.ok(images.includes('postgres:18') && images.includes('postgres:13-alpine') && images.includes('postgres:17-bookworm'));
    assert.ok(labels(doc, '      te').some((l) => /pg_isready -h localhost/.test(l)));
    assert.ok(labels(doc, 'te\n    ', 7).includes('depends_on'));
    assert.deepStrictEqual(labels(doc, 'nginx -c '), []);
    const web = textDoc('services:\n  web:\n    image: \n');
    assert.deepStrictEqual(ls.getCompletions(web, { line: 2, character: 11 }).items, [], 'no PostgreSQL images offered to a non-PostgreSQL service');
  });

  it('hovers services with their role, env vars, -c settings, pg_basebackup flags and images', () => {
    const seed = fixtureDoc('seed/docker-compose.yml');
    assert.match(hoverText(seed, '  postgres_replica:', 3), /replica of `postgres_primary` through slot `replication_slot`/);
    assert.match(hoverText(seed, '  postgres_primary:', 3), /primary · PostgreSQL 14[\s\S]*`postgres_replica`/);
    assert.match(hoverText(seed, 'POSTGRES_HOST_AUTH_METHOD'), /empty data directory/);
    assert.match(hoverText(seed, 'max_wal_senders=10'), /max_wal_senders[\s\S]*PostgreSQL 14[\s\S]*command line/);
    assert.match(hoverText(seed, '--slot=replication_slot'), /pg_basebackup --slot/);
    assert.match(hoverText(seed, 'postgres:14-alpine', 3), /PostgreSQL \*\*14\*\*/);
    assert.match(hoverText(textDoc('services:\n  db:\n    image: postgres:18\n'), 'postgres:18'), /\/var\/lib\/postgresql\/18\/docker/);
    const anchored = textDoc('x-pg: &pg\n  image: postgres:16\n  environment:\n    POSTGRES_INITDB_ARGS: --data-checksums\nservices:\n  db:\n    <<: *pg\n');
    assert.match(hoverText(anchored, 'POSTGRES_INITDB_ARGS'), /initdb/);
  });

  it('shows the topology as document symbols and offers start/stop lenses', () => {
    const seed = fixtureDoc('seed/docker-compose.yml');
    const symbols = ls.getDocumentSymbols(seed);
    assert.deepStrictEqual(symbols.map((s) => [s.name, s.children?.map((c) => c.name)]), [['postgres_primary', ['postgres_replica']]]);
    assert.match(symbols[0].children![0].detail ?? '', /replica · PostgreSQL 14 · slot replication_slot/);
    const lenses = ls.getCodeLenses(seed);
    assert.deepStrictEqual(lenses.map((l) => [l.command?.command, l.command?.arguments]), [
      ['pgha.cluster.start', [seed.uri]],
      ['pgha.cluster.stop', [seed.uri]],
    ]);
    assert.deepStrictEqual(ls.getCodeLenses(textDoc('services:\n  web:\n    image: nginx\n')), []);
  });

  it('leaves compose files without PostgreSQL alone', () => {
    const web = textDoc('services:\n  web:\n    image: nginx:latest\n    ports:\n      - 80:80\n    environment:\n      PASSWORD: x\n');
    assert.deepStrictEqual(ls.getDiagnostics(web), []);
    assert.strictEqual(ls.getHover(web, positionOf(web, 'nginx')), null);
  });
});

describe('compose quick fixes', () => {
  const ls = service();
  const apply = (doc: TextDocument, action: CodeAction): TextDocument => {
    const edits: TextEdit[] = action.edit?.changes?.[doc.uri] ?? action.edit?.documentChanges?.flatMap((c) => ('textDocument' in c && c.textDocument.uri === doc.uri ? c.edits : [])) ?? [];
    return TextDocument.create(doc.uri, doc.languageId, doc.version + 1, TextDocument.applyEdits(doc, edits as TextEdit[]));
  };
  const fixFor = (doc: TextDocument, code: string): { action: CodeAction; diagnostic: Diagnostic } => {
    const diagnostic = ls.getDiagnostics(doc).find((d) => d.code === code);
    assert.ok(diagnostic, `${code} reported`);
    const actions = ls.getCodeActions(doc, diagnostic.range, { diagnostics: [diagnostic] });
    assert.ok(actions.length > 0, `a fix for ${code}`);
    return { action: actions.find((a) => a.isPreferred) ?? actions[0], diagnostic };
  };
  const codes = (doc: TextDocument) => ls.getDiagnostics(doc).map((d) => String(d.code));

  for (const code of ['compose/port-all-interfaces', 'compose/healthcheck-socket-only', 'compose/depends-on-not-healthy', 'compose/unpinned-tag']) {
    it(`${code}: the fix removes the finding and keeps the file valid`, () => {
      const doc = textDoc(
        [
          'x-common: &common',
          '  image: postgres',
          '  healthcheck:',
          "    test: 'pg_isready -U app'",
          'services:',
          '  primary:',
          '    <<: *common',
          '    environment:',
          '      POSTGRES_PASSWORD_FILE: /run/secrets/pw',
          '    ports:',
          '      - 5432:5432',
          '  app:',
          '    <<: *common',
          '    user: postgres',
          '    command: bash -c "pg_basebackup -h primary -D /var/lib/postgresql/18/docker -R && exec postgres"',
          '    depends_on:',
          '      - primary',
          '  pool:',
          '    image: edoburu/pgbouncer:1.23.1',
          '    environment:',
          '      DB_HOST: primary',
          '    depends_on:',
          '      primary:',
          '        condition: service_healthy',
          '',
        ].join('\n'),
      );
      const before = codes(doc).filter((c) => c === code).length;
      const fixed = apply(doc, fixFor(doc, code).action);
      assert.strictEqual(codes(fixed).filter((c) => c === code).length, before - 1, fixed.getText());
      assert.ok(!codes(fixed).includes('compose/yaml-syntax'), fixed.getText());
    });
  }

  it('compose/replica-host-unknown: suggests the primary with the closest name', () => {
    const doc = fixtureDoc('rules/replication.yaml');
    const fixed = apply(doc, fixFor(doc, 'compose/replica-host-unknown').action);
    assert.match(fixed.getText(), /-R -h primary -S slot_b/);
  });

  it('compose/wal-level-too-low: sets wal_level=replica', () => {
    const doc = textDoc('services:\n  p:\n    image: postgres:16\n    environment:\n      POSTGRES_PASSWORD_FILE: /x\n    command: postgres -c wal_level=minimal\n  r:\n    image: postgres:16\n    command: bash -c "pg_basebackup -h p -R -D /d && postgres"\n');
    const fixed = apply(doc, fixFor(doc, 'compose/wal-level-too-low').action);
    assert.match(fixed.getText(), /-c wal_level=replica\n/);
  });

  it('compose/slot-not-created and hba-in-auth-method: create an init script and mount it', () => {
    const doc = fixtureDoc('seed/docker-compose.yml');
    const { action } = fixFor(doc, 'compose/slot-not-created');
    const created = action.edit?.documentChanges?.find((c) => 'kind' in c && c.kind === 'create');
    assert.ok(created && 'uri' in created && created.uri.endsWith('/initdb/01-replication-slot.sql'));
    const fixed = apply(doc, action);
    assert.match(fixed.getText(), /- \.\/initdb\/01-replication-slot\.sql:\/docker-entrypoint-initdb\.d\/01-replication-slot\.sql:ro/);
    const hba = fixFor(doc, 'compose/hba-in-auth-method').action;
    const hbaFixed = apply(doc, hba);
    assert.match(hbaFixed.getText(), /POSTGRES_HOST_AUTH_METHOD: scram-sha-256\n/);
  });
});

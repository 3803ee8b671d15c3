import * as assert from 'assert';
import type { TextDocumentEdit } from 'vscode-languageserver-types';
import { memoryFs, service, textDoc } from '../helpers';

const compose = `services:
  primary:
    image: postgres:17
    environment: { POSTGRES_PASSWORD_FILE: /run/secrets/pw }
    command: postgres -c hba_file=/etc/postgresql/pg_hba.conf
    volumes:
      - ./pg_hba.conf:/etc/postgresql/pg_hba.conf:ro
  replica:
    image: postgres:17
    depends_on: [primary]
    command: bash -c "test -s /var/lib/postgresql/data/PG_VERSION || pg_basebackup -h primary -U rep -D /var/lib/postgresql/data -R; exec postgres"
`;

const HBA = '/work/project/pg_hba.conf';

const findings = (hba: string) =>
  service(memoryFs({ [HBA]: hba }))
    .getDiagnostics(textDoc(compose))
    .filter((d) => d.code === 'compose/hba-no-replication');

function fixesOf(hba: string) {
  const ls = service(memoryFs({ [HBA]: hba }));
  const doc = textDoc(compose);
  const diagnostics = ls.getDiagnostics(doc).filter((d) => d.code === 'compose/hba-no-replication');
  return ls.getCodeActions(doc, diagnostics[0].range, { diagnostics });
}

describe('compose: a mounted pg_hba.conf lets each replica replicate', () => {
  it('says the line is missing and offers to add it to the mounted file', () => {
    const [d, ...rest] = findings('local all all peer\nhost all all all scram-sha-256');
    assert.strictEqual(rest.length, 0);
    assert.match(d.message, /^The pg_hba\.conf mounted into "primary" \(\.\/pg_hba\.conf\) has no line that lets "rep" open a replication connection/);
    const [fix] = fixesOf('local all all peer\nhost all all all scram-sha-256');
    assert.strictEqual(fix.title, 'Add "host replication rep samenet scram-sha-256" to pg_hba.conf');
    const [change] = fix.edit!.documentChanges as TextDocumentEdit[];
    assert.strictEqual(change.textDocument.uri, 'file:///work/project/pg_hba.conf');
    assert.deepStrictEqual(change.edits, [{ range: { start: { line: 1, character: 30 }, end: { line: 1, character: 30 } }, newText: '\nhost    replication     rep     samenet     scram-sha-256\n' }]);
  });

  it('names the line that rejects the replica', () => {
    const [d] = findings('host replication all 0.0.0.0/0 reject\nhost replication rep samenet scram-sha-256\n');
    assert.match(d.message, /^Line 1 of the pg_hba\.conf mounted into "primary" \(\.\/pg_hba\.conf\) rejects replication connections of "rep"/);
  });

  it('stays quiet when a line lets the replica in, or when the file leaves it open (groups, narrow ranges, includes, rejected lines)', () => {
    assert.deepStrictEqual(findings('host replication rep samenet scram-sha-256\n'), []);
    assert.deepStrictEqual(findings('host replication all 0.0.0.0/0 scram-sha-256\n'), []);
    assert.deepStrictEqual(findings('host replication +replicators all scram-sha-256\n'), []);
    assert.deepStrictEqual(findings('host replication rep 172.18.0.0/16 scram-sha-256\n'), []);
    assert.deepStrictEqual(findings('host replication rep @users all scram-sha-256\n'), []);
    assert.deepStrictEqual(findings('local replication rep peer\nhost replication rep 10.0.0.0/8 scram-sha-256 badoption\n'), []);
  });

  it('reports a file with only loopback or local replication lines', () => {
    assert.strictEqual(findings('local replication rep peer\nhost replication rep 127.0.0.1/32 scram-sha-256\n').length, 1);
  });
});

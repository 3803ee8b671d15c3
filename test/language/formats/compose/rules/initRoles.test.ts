/**
 * The replication rules read roles and slots from PostgreSQL's parse of the init scripts once it is loaded: a
 * statement in a block comment creates nothing, NOREPLICATION after REPLICATION wins, and DO blocks and function
 * bodies (which the parse does not enter) are still read as text. Without the parser: the text scan, as before.
 */
import * as assert from 'assert';
import { getLanguageService } from '../../../../../language/service/languageService';
import { SqlParserHost } from '../../../../../language/sql/parser';
import { memoryFs, testCatalog, textDoc } from '../helpers';

const STACK = `services:
  primary:
    image: postgres:17
    environment: { POSTGRES_PASSWORD: x }
    volumes:
      - ./init:/docker-entrypoint-initdb.d:ro
  replica:
    image: postgres:17
    environment: { PGUSER: replicator, PGPASSWORD: x }
    command: bash -c "pg_basebackup -h primary -U replicator -S replica1 -D /var/lib/postgresql/data -R && exec postgres"
`;
const HBA = "echo 'host replication replicator all scram-sha-256' >> \"$PGDATA/pg_hba.conf\"\n";

describe('compose replication rules: roles and slots from the parse of the init scripts', function () {
  this.timeout(30_000);
  const sql = new SqlParserHost();
  before(() => sql.load());

  const codes = (script: string, parser: SqlParserHost | undefined = sql) => {
    const fs = memoryFs({ '/work/project/init/01-roles.sql': script, '/work/project/init/00-hba.sh': HBA });
    const service = getLanguageService({ catalog: testCatalog(), fs, sql: parser });
    return service.getDiagnostics(textDoc(STACK)).map((d) => String(d.code)).filter((c) => /role-missing|slot-not-created/.test(c)).sort();
  };
  const SLOT = "SELECT pg_create_physical_replication_slot('replica1');\n";

  it('takes roles and slots the scripts create', () => {
    assert.deepStrictEqual(codes(`CREATE ROLE replicator WITH REPLICATION LOGIN PASSWORD 'x';\n${SLOT}`), []);
  });

  it('does not take a statement inside a block comment (the text scan did)', () => {
    const script = `/* CREATE ROLE replicator WITH REPLICATION LOGIN;\n   SELECT pg_create_physical_replication_slot('replica1'); */\nSELECT 1;\n`;
    assert.deepStrictEqual(codes(script), ['compose/replication-role-missing', 'compose/slot-not-created']);
    assert.deepStrictEqual(codes(script, new SqlParserHost()), [], 'before the parser is loaded: the text scan');
  });

  it('lets NOREPLICATION after REPLICATION win', () => {
    assert.deepStrictEqual(codes(`CREATE ROLE replicator WITH REPLICATION LOGIN;\nALTER ROLE replicator NOREPLICATION;\n${SLOT}`), ['compose/replication-role-missing']);
  });

  it('still reads DO blocks and function bodies as text', () => {
    assert.deepStrictEqual(codes(`DO $$ BEGIN CREATE ROLE replicator WITH REPLICATION LOGIN; PERFORM pg_create_physical_replication_slot('replica1'); END $$;\n`), []);
  });
});

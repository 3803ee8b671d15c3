/**
 * `.sql.gz` init scripts are read like `.sql` ones (gunzipped within the init-script bound): PostgreSQL's syntax
 * error with its line, the roles they create; a file that is not gzip, or decompresses past the bound, is unreadable
 * (rules that need it stay quiet) and never crashes or floods memory.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { gzipSync } from 'zlib';
import { nodeFileSystem } from '../../../../../core/nodeFileSystem';
import { MAX_INIT_SCRIPT_BYTES } from '../../../../../language/formats/compose/initScripts';
import { getLanguageService } from '../../../../../language/service/languageService';
import { SqlParserHost } from '../../../../../language/sql/parser';
import { testCatalog, textDoc } from '../helpers';

const STACK = `services:
  primary:
    image: postgres:17
    environment: { POSTGRES_PASSWORD: x }
    volumes:
      - ./init:/docker-entrypoint-initdb.d:ro
  replica:
    image: postgres:17
    environment: { PGUSER: replicator, PGPASSWORD: x }
    command: bash -c "pg_basebackup -h primary -U replicator -D /var/lib/postgresql/data -R && exec postgres"
`;
const HBA = "echo 'host replication replicator all scram-sha-256' >> \"$PGDATA/pg_hba.conf\"\n";

describe('compose: .sql.gz init scripts read through gunzip', function () {
  this.timeout(30_000);
  const sql = new SqlParserHost();
  let dir = '';
  before(() => sql.load());
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  const diagnose = (gz: Buffer) => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pgha-sqlgz-'));
    fs.mkdirSync(path.join(dir, 'init'));
    fs.writeFileSync(path.join(dir, 'init/00-hba.sh'), HBA);
    fs.writeFileSync(path.join(dir, 'init/01-roles.sql.gz'), gz);
    const service = getLanguageService({ catalog: testCatalog(), fs: nodeFileSystem, sql });
    return service.getDiagnostics(textDoc(STACK, pathToFileURL(path.join(dir, 'compose.yaml')).toString())).filter((d) => /init-sql|role-missing/.test(String(d.code)));
  };

  it('reads the roles it creates', () => {
    assert.deepStrictEqual(diagnose(gzipSync("CREATE ROLE replicator WITH REPLICATION LOGIN PASSWORD 'x';\n")), []);
    const [without] = diagnose(gzipSync("CREATE ROLE replicator WITH LOGIN PASSWORD 'x';\n"));
    assert.match(without.message, /^Role "replicator" is created on "primary" without the REPLICATION attribute/);
  });

  it('reports PostgreSQL’s syntax error at its line', () => {
    const [finding, ...more] = diagnose(gzipSync("SELECT 1;\nCREATE ROLE replicator WITH REPLICATION LOGIN PASSWORD 'x';\nCREATE TABL t ();\n"));
    assert.deepStrictEqual(more, []);
    assert.strictEqual(finding.code, 'compose/init-sql-syntax');
    assert.match(finding.message, /init\/01-roles\.sql\.gz line 3, column 8: syntax error at or near "TABL"/);
  });

  it('takes a file that is not gzip, or decompresses past the bound, as unreadable: quiet, not a crash', () => {
    assert.deepStrictEqual(diagnose(Buffer.from('CREATE TABLE t (id int);\n')), []);
    assert.deepStrictEqual(diagnose(gzipSync(Buffer.alloc(MAX_INIT_SCRIPT_BYTES + 1, 0x20))), []);
  });
});

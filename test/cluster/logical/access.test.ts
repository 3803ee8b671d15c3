/**
 * The compose/logical-user-… and compose/logical-hba messages against real servers: a publisher whose roles and
 * pg_hba.conf are those of a compose stack's init SQL and mounted file; each subscription fails the way our rule
 * says, in the server's words. CI runs 17; `npm run test:logical:access` runs 13 to 17.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import type { Client } from 'pg';
import { getLanguageService } from '../../../language/service/languageService';
import { SqlParserHost } from '../../../language/sql/parser';
import { embeddedPostgresMissing, makeDataDir, removeDataDir, startServer, type Major, type RunningServer } from '../../../scripts/pg/embedded';
import { memoryFs, testCatalog, textDoc } from '../../language/formats/compose/helpers';
import { requirePart } from '../../support/parts';
import { waitFor } from '../../support/waitFor';

const MAJORS: Major[] = process.env.PGHA_LOGICAL_ACCESS === 'all' ? [13, 14, 15, 16, 17] : [17];
const SCHEMA = 'CREATE TABLE a (id int PRIMARY KEY);\nCREATE TABLE b (id int PRIMARY KEY);\n';
const ROLES = 'CREATE ROLE norep LOGIN;\nCREATE ROLE rep LOGIN REPLICATION;\nGRANT SELECT ON a TO rep;\nCREATE ROLE outsider LOGIN REPLICATION;\nGRANT SELECT ON a, b TO outsider;\nCREATE PUBLICATION p FOR TABLE a, b;\n';
const USERS = ['ghost', 'norep', 'rep', 'outsider'];
/** pg_hba.conf of the publisher: the same lines for the stack's network (samenet) and for the test's 127.0.0.1. */
const hba = (from: string) => ['local all all trust', ...['postgres', 'norep', 'rep', 'ghost'].map((u) => `host all ${u} ${from} trust`), `host replication outsider ${from} trust`].join('\n') + '\n';
const subscription = (user: string, host: string) => `CREATE SUBSCRIPTION s_${user} CONNECTION 'host=${host} dbname=postgres user=${user}' PUBLICATION p;\n`;

/** Our findings for the stack, by user. */
async function findings(major: Major): Promise<Map<string, string>> {
  const sql = new SqlParserHost();
  await sql.load();
  const compose = `services:\n  publisher:\n    image: postgres:${major}\n    environment: { POSTGRES_PASSWORD_FILE: /run/secrets/pw }\n    command: postgres -c wal_level=logical -c hba_file=/etc/postgresql/pg_hba.conf\n    volumes:\n      - ./pub:/docker-entrypoint-initdb.d:ro\n      - ./hba.conf:/etc/postgresql/pg_hba.conf:ro\n  subscriber:\n    image: postgres:${major}\n    environment: { POSTGRES_PASSWORD_FILE: /run/secrets/pw }\n    volumes: [./sub:/docker-entrypoint-initdb.d:ro]\n`;
  const files = { '/work/project/pub/01.sql': SCHEMA + ROLES, '/work/project/hba.conf': hba('samenet'), '/work/project/sub/01.sql': SCHEMA + USERS.map((u) => subscription(u, 'publisher')).join('') };
  const found = getLanguageService({ catalog: testCatalog(), fs: memoryFs(files), sql }).getDiagnostics(textDoc(compose)).filter((d) => /compose\/logical-(user|hba)/.test(String(d.code)));
  return new Map(USERS.map((u) => [u, found.filter((d) => d.message.includes(`as "${u}"`)).map((d) => `${d.code}: ${d.message}`).join('\n')]));
}

/** The server's text our message quotes for each user (… stands for the client's address). */
const QUOTES: Record<string, (major: Major) => RegExp> = {
  ghost: () => /role "ghost" does not exist/,
  norep: (major) => (major >= 16 ? /permission denied to start WAL sender/ : /must be superuser or replication role to start walsender/),
  rep: () => /could not start initial contents copy for table "public\.b": ERROR: {2}permission denied for table b/,
  outsider: (major) => (major < 14 ? /no pg_hba\.conf entry for replication connection from host "?…?(127\.0\.0\.1)?"?, user "outsider"/ : /no pg_hba\.conf entry for host "?…?(127\.0\.0\.1)?"?, user "outsider", database "postgres"/),
};

async function run(major: Major): Promise<void> {
  const dirs = [makeDataDir(major), makeDataDir(major)];
  const servers: RunningServer[] = [];
  const clients: Client[] = [];
  try {
    const hbaFile = path.join(dirs[0], 'pg_hba.conf');
    fs.writeFileSync(hbaFile, hba('127.0.0.1/32'));
    servers.push(await startServer(major, dirs[0], { settings: { wal_level: 'logical', wal_retrieve_retry_interval: '200ms' } }), await startServer(major, dirs[1], { settings: { wal_retrieve_retry_interval: '200ms' } }));
    const [pub, sub] = await Promise.all(servers.map((s) => s.connect()));
    clients.push(pub, sub);
    await pub.query(SCHEMA + ROLES);
    await sub.query(SCHEMA);
    const ours = await findings(major);
    for (const user of USERS) {
      const quote = QUOTES[user](major);
      assert.match(ours.get(user) ?? '', quote, `our finding for ${user}`);
      const created = await sub.query(subscription(user, `127.0.0.1 port=${servers[0].port}`)).then(() => '', (error: Error) => error.message);
      if (user === 'rep') {
        assert.strictEqual(created, '');
        await waitFor(() => quote.test(servers[1].log()), 'the copy of b to be refused', 30_000, 200);
      } else assert.match(created, quote, `the server for ${user}: ${created}`);
    }
    await sub.query('ALTER SUBSCRIPTION s_rep DISABLE; ALTER SUBSCRIPTION s_rep SET (slot_name = NONE); DROP SUBSCRIPTION s_rep');
  } finally {
    for (const client of clients) await client.end().catch(() => undefined);
    for (const server of servers) await server.stop();
    for (const dir of dirs) removeDataDir(dir);
  }
}

describe('logical replication access: our role and pg_hba findings against a real publisher', function () {
  this.timeout(120_000);
  for (const major of MAJORS) {
    it(`${major}: a missing role, no REPLICATION, no SELECT, no pg_hba line fail as our findings say`, async function () {
      requirePart(this, `embedded PostgreSQL ${major}`, embeddedPostgresMissing(major));
      await run(major);
    });
  }
});

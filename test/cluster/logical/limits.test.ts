/**
 * The thresholds of compose/logical-slots, -wal-senders, -workers and -worker-processes against real servers: a
 * stack whose publisher or subscriber has only room for the apply worker; our rule calls it an error and quotes
 * the server; the real pair (embedded PostgreSQL) then logs exactly those lines and no table gets ready.
 * CI runs two cases on 17; `npm run test:logical:limits` (PGHA_LOGICAL_LIMITS=all) runs all four on 13, 16 and 17.
 */
import * as assert from 'assert';
import type { Client } from 'pg';
import { capacityServerMessage, type Limit } from '../../../language/formats/compose/rules/logical/capacity';
import { getLanguageService } from '../../../language/service/languageService';
import { SqlParserHost } from '../../../language/sql/parser';
import { embeddedPostgresMissing, makeDataDir, removeDataDir, startServer, type Major, type RunningServer } from '../../../scripts/pg/embedded';
import { memoryFs, testCatalog, textDoc } from '../../language/formats/compose/helpers';
import { requirePart } from '../../support/parts';
import { waitFor } from '../../support/waitFor';

interface Case {
  side: 'publisher' | 'subscriber';
  setting: string;
  value: string;
}

const ALL: Case[] = [
  { side: 'publisher', setting: 'max_replication_slots', value: '1' },
  { side: 'publisher', setting: 'max_wal_senders', value: '1' },
  { side: 'subscriber', setting: 'max_logical_replication_workers', value: '1' },
  { side: 'subscriber', setting: 'max_worker_processes', value: '2' },
];
const everything = process.env.PGHA_LOGICAL_LIMITS === 'all';
const CASES = everything ? ALL : [ALL[0], ALL[2]];
const MAJORS: Major[] = everything ? [13, 16, 17] : [17];

const SCHEMA = 'CREATE TABLE a (id int PRIMARY KEY);\nCREATE TABLE b (id int PRIMARY KEY);\n';
const PUBLICATION = 'CREATE PUBLICATION p FOR TABLE a, b;\n';
const subscription = (port: number) => `CREATE SUBSCRIPTION s CONNECTION 'host=publisher port=${port} user=postgres dbname=postgres' PUBLICATION p;\n`;

/** Our rule's finding on the same stack written as a compose file (the setting named in its message). */
async function finding(major: Major, c: Case) {
  const sql = new SqlParserHost();
  await sql.load();
  const flag = (side: Case['side']) => (c.side === side ? ` -c ${c.setting}=${c.value}` : '');
  const compose = `services:\n  publisher:\n    image: postgres:${major}\n    environment: { POSTGRES_PASSWORD_FILE: /run/secrets/pw }\n    command: postgres -c wal_level=logical${flag('publisher')}\n    volumes: [./pub:/docker-entrypoint-initdb.d:ro]\n  subscriber:\n    image: postgres:${major}\n    environment: { POSTGRES_PASSWORD_FILE: /run/secrets/pw }\n    command: postgres${flag('subscriber')}\n    volumes: [./sub:/docker-entrypoint-initdb.d:ro]\n`;
  const fs = memoryFs({ '/work/project/pub/01.sql': SCHEMA + PUBLICATION, '/work/project/sub/01.sql': SCHEMA + subscription(5432) });
  const found = getLanguageService({ catalog: testCatalog(), fs, sql }).getDiagnostics(textDoc(compose)).filter((d) => String(d.code).startsWith('compose/logical-') && d.message.includes(c.setting));
  assert.strictEqual(found.length, 1, JSON.stringify(found));
  return found[0];
}

async function run(major: Major, c: Case): Promise<void> {
  const dirs = [makeDataDir(major), makeDataDir(major)];
  const servers: RunningServer[] = [];
  const clients: Client[] = [];
  try {
    const settings = (side: Case['side']) => ({ wal_retrieve_retry_interval: '200ms', ...(side === 'publisher' ? { wal_level: 'logical' } : {}), ...(c.side === side ? { [c.setting]: c.value } : {}) });
    servers.push(await startServer(major, dirs[0], { settings: settings('publisher') }), await startServer(major, dirs[1], { settings: settings('subscriber') }));
    const [pub, sub] = await Promise.all(servers.map((s) => s.connect()));
    clients.push(pub, sub);
    for (const client of [pub, sub]) await client.query(SCHEMA);
    await pub.query(PUBLICATION);
    await sub.query(subscription(servers[0].port).replace('host=publisher', 'host=127.0.0.1'));
    const diagnostic = await finding(major, c);
    assert.strictEqual(diagnostic.severity, 1, 'an error: the copy never finishes');
    const server = capacityServerMessage(c.setting as Limit, major, Number(c.value));
    assert.ok(diagnostic.message.includes(`"${server.message}"`) && (!server.hint || diagnostic.message.includes(`"${server.hint}"`)), diagnostic.message);
    // The log line as the server writes it: "<level>:  <message>", then "HINT:  <hint>".
    const quotes = [`:  ${server.message}`, ...(server.hint ? [`HINT:  ${server.hint}`] : [])];
    const log = () => servers[c.side === 'publisher' ? 0 : 1].log() + servers[1].log();
    await waitFor(() => quotes.every((q) => log().includes(q)), `the server to log ${JSON.stringify(quotes)}`, 30_000, 200).catch((error: Error) => {
      throw new Error(`${error.message}\n${log().slice(-3000)}`);
    });
    const ready = await sub.query("SELECT count(*)::int AS n FROM pg_subscription_rel WHERE srsubstate = 'r'");
    assert.strictEqual(ready.rows[0].n, 0, 'no table gets ready');
    await sub.query('ALTER SUBSCRIPTION s DISABLE');
    await sub.query('ALTER SUBSCRIPTION s SET (slot_name = NONE)');
    await sub.query('DROP SUBSCRIPTION s');
  } finally {
    for (const client of clients) await client.end().catch(() => undefined);
    for (const server of servers) await server.stop();
    for (const dir of dirs) removeDataDir(dir);
  }
}

describe('logical replication limits: our errors against real servers running out', function () {
  this.timeout(120_000);
  for (const major of MAJORS) {
    for (const c of CASES) {
      it(`${major}: ${c.side} with ${c.setting} = ${c.value} logs what compose/logical-… quotes, and no table gets ready`, async function () {
        requirePart(this, `embedded PostgreSQL ${major}`, embeddedPostgresMissing(major));
        await run(major, c);
      });
    }
  }
});

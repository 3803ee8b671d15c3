/**
 * Differential test of core/conninfo and core/guc against the real programs, on generated values: libpq (psql)
 * reads our connection strings as we mean them and refuses what we refuse with the same words; PostgreSQL's
 * configuration lexer reads our quoted values back unchanged, and ALTER SYSTEM writes exactly our quoting.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ConninfoError, formatConninfo, parseConninfo } from '../../core/conninfo';
import { gucLine, quoteGucValue, unquoteGucString } from '../../core/guc';
import { embeddedPostgresMissing, makeDataDir, removeDataDir, startServer, type RunningServer } from '../../scripts/pg/embedded';
import { requirePart } from '../support/parts';

const MAJOR = 17;
const ALPHABET = ['a', 'b', ' ', "'", '\\', '=', 'x'];

/** Deterministic strings over ALPHABET (a linear congruential generator: the same cases on every run). */
function generated(count: number, maxLength: number, seed = 7): string[] {
  let state = seed;
  const next = () => (state = (state * 1103515245 + 12345) % 2 ** 31);
  return Array.from({ length: count }, () => Array.from({ length: next() % (maxLength + 1) }, () => ALPHABET[next() % ALPHABET.length]).join(''));
}

const psqlMissing = (): string | undefined => (spawnSync('psql', ['--version']).status === 0 ? undefined : 'psql (Debian postgresql-client) is not installed');

/** psql with only this conninfo: what libpq made of it (application_name as the server saw it) or its error. */
function libpq(conninfo: string): { applicationName?: string; error?: string } {
  const env = { PATH: process.env.PATH ?? '', PGCONNECT_TIMEOUT: '5' };
  const run = spawnSync('psql', ['-X', '-A', '-t', '-w', '-d', conninfo, '-c', "SELECT current_setting('application_name')"], { env, encoding: 'utf8', timeout: 10_000 });
  if (run.status === 0) return { applicationName: run.stdout.replace(/\n$/, '') };
  return { error: run.stderr.replace(/^psql: error: /, '').trim() };
}

function ours(conninfo: string): { applicationName?: string; error?: string } {
  try {
    return { applicationName: parseConninfo(conninfo).get('application_name') ?? '' };
  } catch (error) {
    assert.ok(error instanceof ConninfoError, String(error));
    return { error: error.message };
  }
}

describe(`quoting against real PostgreSQL ${MAJOR} and libpq`, function () {
  this.timeout(120_000);
  let server: RunningServer | undefined;
  let dataDir: string | undefined;
  const values = generated(40, 8);
  const base = () => `host=127.0.0.1 port=${server!.port} dbname=postgres`;

  before(async function () {
    requirePart(this, `embedded PostgreSQL ${MAJOR}`, embeddedPostgresMissing(MAJOR));
    requirePart(this, 'psql', psqlMissing());
    dataDir = makeDataDir(MAJOR);
    fs.appendFileSync(path.join(dataDir, 'postgresql.conf'), values.map((value, i) => `${gucLine(`pgha.v${i}`, value)}\n`).join(''));
    const hba = path.join(dataDir, 'pg_hba.conf');
    fs.writeFileSync(hba, `host all pgha_probe 127.0.0.1/32 scram-sha-256\n${fs.readFileSync(hba, 'utf8')}`);
    server = await startServer(MAJOR, dataDir);
  });

  after(async () => {
    await server?.stop();
    if (dataDir) removeDataDir(dataDir);
  });

  it('the configuration file lexer reads every quoted value back unchanged', async () => {
    const client = await server!.connect();
    try {
      for (const [i, value] of values.entries()) {
        const read = (await client.query<{ v: string }>(`SELECT current_setting('pgha.v${i}') AS v`)).rows[0].v;
        assert.equal(read, value, `pgha.v${i} = ${quoteGucValue(value)}`);
      }
    } finally {
      await client.end();
    }
  });

  it('ALTER SYSTEM writes each value exactly as quoteGucValue does, and unquoteGucString reads it', async () => {
    const client = await server!.connect();
    try {
      for (const value of values.slice(0, 20)) {
        await client.query(`ALTER SYSTEM SET pgha.written = ${client.escapeLiteral(value)}`);
        const line = fs.readFileSync(path.join(dataDir!, 'postgresql.auto.conf'), 'utf8').split('\n').find((l) => l.startsWith('pgha.written = '))!;
        assert.equal(line, gucLine('pgha.written', value));
        assert.equal(unquoteGucString(line.slice('pgha.written = '.length)), value);
      }
    } finally {
      await client.end();
    }
  });

  it('libpq logs in with every password formatConninfo writes (and sees the same application_name)', async () => {
    const client = await server!.connect();
    try {
      await client.query('CREATE ROLE pgha_probe LOGIN');
      for (const [i, password] of values.slice(0, 25).entries()) {
        if (password === '') continue; // an empty password never logs in
        await client.query(`ALTER ROLE pgha_probe PASSWORD ${client.escapeLiteral(password)}`);
        const applicationName = values[(i + 1) % values.length];
        const conninfo = `${base()} ${formatConninfo([['user', 'pgha_probe'], ['password', password], ['application_name', applicationName]])}`;
        assert.deepEqual(libpq(conninfo), { applicationName }, conninfo);
      }
    } finally {
      await client.end();
    }
  });

  it('parseConninfo reads generated connection strings as libpq does, and refuses them with its words', () => {
    let refused = 0;
    for (const raw of values) {
      const conninfo = `${base()} user=postgres application_name=${raw}`;
      const real = libpq(conninfo);
      const mine = ours(conninfo);
      if (real.error?.startsWith('invalid connection option')) {
        // libpq also knows which keywords exist; parsing (our part) must have found that same key.
        const key = /"(.*)"/.exec(real.error)![1];
        assert.ok(!mine.error && parseConninfo(conninfo).has(key), `${conninfo}: libpq ${real.error}, ours ${JSON.stringify(mine)}`);
        continue;
      }
      if (real.error) refused++;
      assert.deepEqual(mine, real, conninfo);
    }
    assert.ok(refused > 0 && refused < values.length, `generated cases should include both accepted and refused strings (${refused} refused)`);
  });
});

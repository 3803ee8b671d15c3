/**
 * `npm run catalog:pgbouncer` — regenerates data/pgbouncer-catalog.json from the real PgBouncer of each test
 * image (pgha-test/pgbouncer:1.15, :1.18, :1.24; npm run test:images): SHOW CONFIG on its admin console (key, value,
 * default, changeable) through a 127.0.0.1-published port, then types, enum values and the keys of the
 * [databases]/[users]/[peers] sections from the program's verdicts on probe files (the pooler oracle), and the
 * program's messages for invalid input into data/pooler-messages.json.
 *   --version 1.24   only this version (repeatable); the others keep their committed data
 */
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PoolerJudge } from '../../differential/poolers/oracle';
import type { SettingFacts, VersionFacts } from './catalogFile';
import { runMain, type CatalogRecipe } from './catalogRun';
import { consoleQuery, docker, poll, removeContainers, runContainer } from './containers';
import type { MessageCases } from './messages';
import { pgbouncerFile, probeEnumValues, probeSectionKeys, probeTypes } from './pgbouncerProbe';

export const PGBOUNCER_VERSIONS = [
  { line: '1.15', suite: 'bullseye' },
  { line: '1.18', suite: 'bookworm' },
  { line: '1.24', suite: 'trixie' },
];
const CATALOG_PATH = join(__dirname, '../../../data/pgbouncer-catalog.json');

const CONSOLE_INI = ['[databases]', 'postgres = host=127.0.0.1 port=5432', '[pgbouncer]', 'listen_addr = 0.0.0.0', 'listen_port = 6432',
  'unix_socket_dir =', 'auth_type = trust', 'auth_file = /etc/pgbouncer/userlist.txt', 'admin_users = pgha', ''].join('\n');

/** SHOW CONFIG of a PgBouncer started from the test image with a mounted config (used as is). */
async function showConfig(line: string): Promise<{ rows: Record<string, string | null>[]; version: string; pkg: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'pgha-pgbouncer-'));
  chmodSync(dir, 0o755);
  writeFileSync(join(dir, 'pgbouncer.ini'), CONSOLE_INI, { mode: 0o644 });
  writeFileSync(join(dir, 'userlist.txt'), '"pgha" ""\n', { mode: 0o644 });
  const image = `pgha-test/pgbouncer:${line}`;
  const container = await runContainer({ image, binds: { [dir]: '/etc/pgbouncer' }, publish: 6432 });
  try {
    const target = { port: container.hostPort!, user: 'pgha', database: 'pgbouncer' };
    const rows = await poll(() => consoleQuery(target, 'SHOW CONFIG'), `SHOW CONFIG on ${image}`, 60_000);
    const version = String((await consoleQuery(target, 'SHOW VERSION'))[0]?.version ?? '').replace(/^PgBouncer\s+/, '');
    const pkg = (await docker(['exec', container.name, 'dpkg-query', '-W', '-f', '${Version}', 'pgbouncer'])).trim();
    return { rows, version, pkg };
  } finally {
    await removeContainers([container.name]);
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The invalid inputs whose messages the formats need, each in a file that is otherwise loadable. */
export function pgbouncerMessageCases(): MessageCases {
  const setting = (input: string) => ({ file: pgbouncerFile([input]), input });
  const after = (input: string[]) => ({ file: pgbouncerFile([], input), input: input.join('\n') });
  return {
    unknownKey: setting('no_such_setting = 1'),
    badBool: setting('so_reuseport = maybe'),
    badInt: setting('max_client_conn = lots'),
    intWithFraction: setting('max_client_conn = 1.5'),
    badTime: setting('server_lifetime = soon'),
    badEnum: setting('pool_mode = sometimes'),
    badAuthType: setting('auth_type = nope'),
    unknownSection: after(['[nosuch]', 'x = 1']),
    lineWithoutEquals: setting('this line has no equals'),
    badConnstringKey: after(['[databases]', 'probe = host=127.0.0.1 bogus=1']),
    badConnstringPort: after(['[databases]', 'probe = host=127.0.0.1 port=abc']),
    badConnstringPoolMode: after(['[databases]', 'probe = host=127.0.0.1 pool_mode=sometimes']),
    badUserPoolMode: after(['[users]', 'alice = pool_mode=sometimes']),
    valueWithoutSection: { file: 'listen_port = 6432\n', input: 'listen_port = 6432 (before any section)' },
    missingMainSection: { file: '[databases]\ndb = host=127.0.0.1\n', input: '(no [pgbouncer] section)' },
    emptyFile: { file: '', input: '(empty file)' },
    unterminatedSection: setting('[pgbouncer'),
    duplicateKey: setting('listen_port = 6433'),
  };
}

async function versionFacts(judge: PoolerJudge, line: string, suite: string, log: (text: string) => void): Promise<VersionFacts> {
  const { rows, version, pkg } = await showConfig(line);
  log(`SHOW CONFIG: ${rows.length} settings (PgBouncer ${version})`);
  const names = rows.map((row) => String(row.key));
  const defaults = new Map(rows.map((row) => [String(row.key), String(row.default ?? row.value ?? '')]));
  const types = await probeTypes(judge, names);
  const enums = names.filter((name) => types.get(name) === 'enum');
  const values = await probeEnumValues(judge, enums, defaults);
  log(`types probed; enums: ${enums.map((name) => `${name} (${(values.get(name) ?? []).length})`).join(', ')}`);
  const settings = new Map<string, SettingFacts>();
  for (const row of rows) {
    const name = String(row.key);
    const facts: SettingFacts = { type: types.get(name)!, default: defaults.get(name)! };
    if (row.changeable !== undefined && row.changeable !== null) facts.changeable = row.changeable === 'yes';
    if (facts.type === 'enum') facts.values = values.get(name) ?? [];
    settings.set(name, facts);
  }
  const sectionKeys = await probeSectionKeys(judge);
  // Up to 1.15 a bad [databases]/[users] entry is logged and skipped; later versions refuse the file.
  const [entry] = await judge.judge([pgbouncerFile([], ['[databases]', 'probe = host=127.0.0.1 pgha_probe=1'])]);
  return { version, package: pkg, suite, settings, extras: { sectionKeys, entryErrors: entry.valid ? 'skipped' : 'fatal' } };
}

export const PGBOUNCER_RECIPE: CatalogRecipe = {
  program: 'pgbouncer',
  versions: PGBOUNCER_VERSIONS,
  path: CATALOG_PATH,
  facts: versionFacts,
  messageCases: pgbouncerMessageCases,
};

if (require.main === module) runMain(PGBOUNCER_RECIPE);

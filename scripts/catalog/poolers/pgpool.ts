/**
 * `npm run catalog:pgpool` — regenerates data/pgpool-catalog.json from the real pgpool-II of each test image
 * (pgha-test/pgpool:4.3, :4.6; npm run test:images): PGPOOL SHOW ALL through a pgpool whose backend is one of
 * our PostgreSQL test images (a private Docker network; pgpool's port published on 127.0.0.1 only), then types,
 * enum values and ranges from the program's verdicts on probe files (the pooler oracle), and its messages for
 * invalid input into data/pooler-messages.json.
 *   --version 4.6   only this version (repeatable); 4.1 (bullseye) is known for the rename map when its image
 *                   is built (npm run test:images -- --only pgpool:4.1)
 */
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PoolerJudge } from '../../differential/poolers/oracle';
import type { SettingFacts, VersionFacts } from './catalogFile';
import { runMain, type CatalogRecipe } from './catalogRun';
import { consoleQuery, docker, poll, removeContainers, runContainer, uniqueName } from './containers';
import type { MessageCases } from './messages';
import { pgpoolFile, probeSettings } from './pgpoolProbe';

export const PGPOOL_VERSIONS = [
  { line: '4.1', suite: 'bullseye' },
  { line: '4.3', suite: 'bookworm' },
  { line: '4.6', suite: 'trixie' },
];

/** The catalog's pgpool sets only these; their reported values are ours, not defaults. */
const SET_BY_CATALOG = new Set(['listen_addresses', 'backend_hostname<n>', 'backend_port<n>']);
const CATALOG_CONF = ["listen_addresses = '*'", "backend_hostname0 = 'pg'", 'backend_port0 = 5432', ''].join('\n');
const BACKEND_USER = 'nobody'; // pgpool's default sr_check_user: the backend's superuser, so no setting is needed

async function backendImage(): Promise<string> {
  for (const major of [17, 15, 13]) {
    const image = `pgha-test/postgres:${major}`;
    if (await docker(['image', 'inspect', image]).then(() => true, () => false)) return image;
  }
  throw new Error('no pgha-test/postgres image for the backend; run npm run test:images');
}

/** PGPOOL SHOW ALL (item, value) of a pgpool from the test image with a mounted config, backed by a real server. */
async function showAll(line: string): Promise<{ rows: Record<string, string | null>[]; version: string; pkg: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'pgha-pgpool-'));
  chmodSync(dir, 0o755);
  writeFileSync(join(dir, 'pgpool.conf'), CATALOG_CONF, { mode: 0o644 });
  for (const file of ['pcp.conf', 'pool_passwd']) writeFileSync(join(dir, file), '', { mode: 0o644 });
  writeFileSync(join(dir, 'pool_hba.conf'), 'local all all trust\nhost all all all trust\n', { mode: 0o644 });
  const network = uniqueName('pgha-catalog-net');
  const names: string[] = [];
  await docker(['network', 'create', '--label', 'pgha.test=catalog', network]);
  try {
    const backend = await runContainer({ image: await backendImage(), network, alias: 'pg', env: { POSTGRES_USER: BACKEND_USER, POSTGRES_DB: 'postgres', POSTGRES_HOST_AUTH_METHOD: 'trust' } });
    names.push(backend.name);
    // Before pgpool starts: a client refused by a still-initialising backend makes pgpool fail it over for good.
    const ready = ['exec', backend.name, 'pg_isready', '-q', '-h', '127.0.0.1', '-U', BACKEND_USER];
    await poll(() => docker(ready, 10_000), `the backend ${backend.name} to accept TCP connections`, 180_000, 500);
    const pgpool = await runContainer({ image: `pgha-test/pgpool:${line}`, network, binds: { [dir]: '/etc/pgpool2' }, publish: 9999 });
    names.push(pgpool.name);
    const target = { port: pgpool.hostPort!, user: BACKEND_USER, database: 'postgres' };
    const rows = await poll(() => consoleQuery(target, 'PGPOOL SHOW ALL'), `PGPOOL SHOW ALL on pgha-test/pgpool:${line}`, 180_000, 500);
    const said = await docker(['exec', pgpool.name, 'sh', '-c', 'pgpool --version 2>&1']); // "pgpool-II version 4.3.5 (name)"
    const version = /version\s+(\S+)/.exec(said)?.[1] ?? said.trim();
    const pkg = (await docker(['exec', pgpool.name, 'dpkg-query', '-W', '-f', '${Version}', 'pgpool2'])).trim();
    return { rows, version, pkg };
  } finally {
    await removeContainers(names);
    await docker(['network', 'rm', network]).catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  }
}

/** backend_hostname0 → backend_hostname<n>; names without a trailing number stay. */
export function catalogName(item: string): string {
  return /^[a-z_]+[a-z_]\d+$/.test(item) ? item.replace(/\d+$/, '<n>') : item;
}

async function versionFacts(judge: PoolerJudge, line: string, suite: string, log: (text: string) => void): Promise<VersionFacts> {
  const { rows, version, pkg } = await showAll(line);
  log(`PGPOOL SHOW ALL: ${rows.length} items (pgpool-II ${version})`);
  const items = new Map<string, { name: string; probeName: string; value: string }>();
  for (const row of rows) {
    const probeName = String(row.item);
    const name = catalogName(probeName);
    if (!items.has(name)) items.set(name, { name, probeName, value: String(row.value ?? '') });
  }
  const facts = await probeSettings(judge, [...items.values()]);
  const settings = new Map<string, SettingFacts>();
  for (const item of items.values()) {
    const fact: SettingFacts = { ...facts.get(item.name)!, ...(SET_BY_CATALOG.has(item.name) ? {} : { default: item.value }) };
    if (item.name.endsWith('<n>')) fact.indexed = true;
    settings.set(item.name, fact);
  }
  const counts = [...settings.values()].reduce<Record<string, number>>((acc, f) => ({ ...acc, [f.type]: (acc[f.type] ?? 0) + 1 }), {});
  log(`types: ${JSON.stringify(counts)}`);
  return { version, package: pkg, suite, settings };
}

/** The invalid inputs whose handling the formats need, each in a file that is otherwise loadable. */
export function pgpoolMessageCases(): MessageCases {
  const setting = (input: string) => ({ file: pgpoolFile([input]), input });
  return {
    unknownKey: setting('no_such_setting = 1'),
    badBool: setting('load_balance_mode = maybe'),
    badInt: setting("max_pool = 'lots'"),
    intOutOfRange: setting('max_pool = -5'),
    intWithFraction: setting('max_pool = 1.5'),
    badEnum: setting("log_min_messages = 'sometimes'"),
    badEnumLoadBalance: setting("disable_load_balance_on_write = 'nope'"),
    badClusteringMode: setting("backend_clustering_mode = 'sometimes'"),
    badBackendFlag: setting("backend_flag0 = 'SOMETIMES'"),
    realOutOfRange: setting('backend_weight0 = -1'),
    lineWithoutEquals: setting('this line has no equals'),
    unquotedWithSpace: setting('sr_check_user = some user'),
    unterminatedQuote: setting("sr_check_user = 'abc"),
    emptyFile: { file: '', input: '(empty file)' },
  };
}

/** Renames to check between releases (pgpool 4.2 and 4.4 renamed several settings); kept only when confirmed. */
const RENAME_CANDIDATES = [
  ['master_slave_mode', 'backend_clustering_mode'], ['black_function_list', 'read_only_function_list'],
  ['white_function_list', 'write_function_list'], ['black_query_pattern_list', 'primary_routing_query_pattern_list'],
  ['black_memqcache_table_list', 'cache_unsafe_memqcache_table_list'], ['white_memqcache_table_list', 'cache_safe_memqcache_table_list'],
  ['follow_master_command', 'follow_primary_command'], ['socket_dir', 'unix_socket_directories'], ['wd_hostname', 'hostname<n>'],
  ['wd_port', 'wd_port<n>'], ['heartbeat_destination<n>', 'heartbeat_hostname<n>'], ['heartbeat_destination_port<n>', 'heartbeat_port<n>'],
  ['heartbeat_device', 'heartbeat_device<n>'], ['other_pgpool_hostname<n>', 'hostname<n>'],
].map(([from, to]) => ({ from, to }));

export const PGPOOL_RECIPE: CatalogRecipe = {
  program: 'pgpool',
  versions: PGPOOL_VERSIONS,
  path: join(__dirname, '../../../data/pgpool-catalog.json'),
  facts: versionFacts,
  messageCases: pgpoolMessageCases,
  renameCandidates: RENAME_CANDIDATES,
};

if (require.main === module) runMain(PGPOOL_RECIPE);

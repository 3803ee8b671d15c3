/**
 * `npm run bench:monitor-connection [-- --refreshes 100]`: one embedded PostgreSQL 17 with log_connections on; the
 * monitor's refresh over its kept connection vs connecting anew each refresh, and the connection lines each way
 * leaves in the server log. No Docker needed (`npm run pg:install` provides the binaries).
 */
import type { NodeTarget } from '../../cluster/monitor/types';
import { embeddedPostgresMissing, makeDataDir, removeDataDir, startServer } from '../pg/embedded';
import { connectEveryRefresh, keptRefreshes } from './monitorRefresh';
import { medianAndP95, percentile } from './stats';

const MAJOR = 17;
const AUTHORIZED = /connection authorized: .*application_name=pgha-monitor/;

async function main(): Promise<number> {
  const index = process.argv.indexOf('--refreshes');
  const refreshes = index >= 0 ? Number(process.argv[index + 1]) : 100;
  const missing = embeddedPostgresMissing(MAJOR);
  if (missing) {
    console.error(`bench:monitor-connection cannot run: ${missing}`);
    return 1;
  }
  const dataDir = makeDataDir(MAJOR);
  const server = await startServer(MAJOR, dataDir, { settings: { log_connections: 'on' } });
  const lines = () => server.log().split('\n').filter((l) => AUTHORIZED.test(l)).length;
  try {
    const target: NodeTarget = { service: 'db', host: '127.0.0.1', port: server.port, user: 'postgres', password: 'unused', database: 'postgres', aliases: ['db'] };
    const before = lines();
    const kept = await keptRefreshes([target], refreshes);
    const keptLines = lines() - before;
    const median = percentile(kept.times, 50);
    console.log(`kept connection (${refreshes} runs): ${medianAndP95(kept.times)}; ${kept.opened} connection opened, ${keptLines} "connection authorized" line(s) in the server log`);
    const fresh = lines();
    console.log(await connectEveryRefresh([target], refreshes, median));
    console.log(`connect per refresh left ${lines() - fresh} "connection authorized" lines in the server log`);
    return 0;
  } finally {
    await server.stop();
    removeDataDir(dataDir);
  }
}

main().then(
  (code) => (process.exitCode = code),
  (error) => {
    console.error(`bench:monitor-connection: ${(error as Error).message}`);
    process.exitCode = 1;
  },
);

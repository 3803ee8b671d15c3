/**
 * `npm run bench:logical`: what logical replication support costs the user.
 * - Loading PostgreSQL's SQL parser (once per process) and parsing a 5,000-line init SQL file, first and cached.
 * - Compose diagnostics of a publisher/subscriber stack with and without that file mounted, after the first parse
 *   (budget: the big file adds at most 20 ms).
 * - One monitor refresh of a publisher (13) and a subscriber (17) on embedded PostgreSQL (budget: median < 30 ms).
 * Prints figures; asserts nothing.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { Monitor } from '../../cluster/monitor/monitor';
import { nodeFileSystem } from '../../core/nodeFileSystem';
import { loadCatalog } from '../../language/catalog/catalog';
import { getLanguageService } from '../../language/service/languageService';
import { SqlParserHost } from '../../language/sql/parser';
import { generateLogical } from '../../cluster/wizard/logical';
import { writeGeneratedFiles } from '../../cluster/wizard/write';
import { embeddedPostgresMissing, makeDataDir, removeDataDir, startServer } from '../pg/embedded';
import { medianAndP95, percentile } from './stats';

const median = (xs: number[]) => percentile(xs, 50);
const time = (f: () => unknown) => {
  const started = performance.now();
  f();
  return performance.now() - started;
};

function bigInitSql(lines: number): string {
  const out = ['CREATE TABLE load_test (id bigint PRIMARY KEY, note text, at timestamptz DEFAULT now());'];
  for (let i = 1; out.length < lines; i++) out.push(`INSERT INTO load_test (id, note) VALUES (${i}, 'row ${i} of the load test');`);
  return out.join('\n') + '\n';
}

async function languageFigures(): Promise<void> {
  const sql = new SqlParserHost();
  const loadMs = await (async () => {
    const started = performance.now();
    await sql.load();
    return performance.now() - started;
  })();
  const text = bigInitSql(5000);
  const firstParse = time(() => sql.parse(text));
  const cachedParse = median(Array.from({ length: 20 }, () => time(() => sql.parse(text))));
  console.log(`SQL parser load: ${loadMs.toFixed(0)} ms; 5,000-line init SQL: first parse ${firstParse.toFixed(0)} ms, cached ${cachedParse.toFixed(3)} ms`);

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pgha-bench-logical-'));
  try {
    writeGeneratedFiles(dir, generateLogical({ publisherMajor: 13, subscriberMajor: 17, basePort: 25442, superuserPassword: 'x', replicationPassword: 'y' }));
    const service = getLanguageService({ catalog: loadCatalog(), fs: nodeFileSystem, sql });
    const file = path.join(dir, 'compose.yaml');
    const diagnose = (version: number) => service.getDiagnostics(TextDocument.create(pathToFileURL(file).toString(), 'dockercompose', version, fs.readFileSync(file, 'utf8') + `# ${version}\n`));
    const runs = (n: number) => Array.from({ length: n }, (_, i) => time(() => diagnose(i + 1)));
    /** Median wall time and mean CPU time of 30 runs (CPU: the figure that holds on a loaded machine). */
    const measure = () => {
      const cpu = process.cpuUsage();
      const wall = median(runs(30));
      const used = process.cpuUsage(cpu);
      return { wall, cpu: (used.user + used.system) / 1000 / 30 };
    };
    runs(5);
    const without = measure();
    fs.writeFileSync(path.join(dir, 'publisher', '03-load.sql'), text);
    diagnose(1000); // the first parse of the big file
    const withBig = measure();
    console.log(`compose diagnostics (publisher 13 → subscriber 17): ${without.wall.toFixed(1)} ms (CPU ${without.cpu.toFixed(1)} ms); with a 5,000-line init SQL mounted, after its first parse: ${withBig.wall.toFixed(1)} ms (CPU ${withBig.cpu.toFixed(1)} ms; +${(withBig.cpu - without.cpu).toFixed(1)} ms CPU; budget +20 ms)`);
    sqlFormatFigures(service, path.join(dir, 'publisher', '03-load.sql'), text);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** The sql format on that 5,000-line script as the editor sees it: diagnostics per edit (a new text: a new parse), hover on its publication. */
function sqlFormatFigures(service: ReturnType<typeof getLanguageService>, file: string, text: string): void {
  const body = `${text}CREATE PUBLICATION load_pub FOR TABLE load_test;\n`;
  const docOf = (version: number) => TextDocument.create(pathToFileURL(file).toString(), 'sql', version, `${body}-- edit ${version}\n`);
  const first = time(() => service.getDiagnostics(docOf(1)));
  const cpu = process.cpuUsage();
  const edits = Array.from({ length: 20 }, (_, i) => time(() => service.getDiagnostics(docOf(i + 2))));
  const used = process.cpuUsage(cpu);
  const doc = docOf(1);
  const position = doc.positionAt(body.lastIndexOf('CREATE PUBLICATION') + 3);
  const hovers = Array.from({ length: 50 }, () => time(() => service.getHover(doc, position)));
  console.log(`sql format, 5,000-line init script of the stack: first diagnostics ${first.toFixed(0)} ms, then per edit ${medianAndP95(edits, 1)} (CPU ${((used.user + used.system) / 1000 / 20).toFixed(1)} ms per edit); hover on its CREATE PUBLICATION ${medianAndP95(hovers, 2)}`);
}

async function monitorFigures(): Promise<void> {
  const why = embeddedPostgresMissing(13) ?? embeddedPostgresMissing(17);
  if (why) {
    console.log(`monitor refresh: skipped (${why})`);
    return;
  }
  const dirs = [makeDataDir(13), makeDataDir(17)];
  const settings = { wal_level: 'logical', max_wal_senders: '8', max_replication_slots: '8' };
  const [pub, sub] = [await startServer(13, dirs[0], { settings }), await startServer(17, dirs[1], { settings })];
  const monitor = new Monitor([
    { service: 'publisher', host: '127.0.0.1', port: pub.port, user: 'postgres', database: 'postgres', password: '', aliases: [] },
    { service: 'subscriber', host: '127.0.0.1', port: sub.port, user: 'postgres', database: 'postgres', password: '', aliases: [] },
  ]);
  try {
    const a = await pub.connect();
    const b = await sub.connect();
    for (const c of [a, b]) await c.query('CREATE TABLE t1 (id int PRIMARY KEY); CREATE TABLE t2 (id int PRIMARY KEY)');
    await a.query('CREATE PUBLICATION p FOR TABLE t1, t2');
    await b.query(`CREATE SUBSCRIPTION s CONNECTION 'host=127.0.0.1 port=${pub.port} user=postgres dbname=postgres' PUBLICATION p`);
    for (let i = 0; i < 10; i++) await monitor.refresh();
    const times: number[] = [];
    for (let i = 0; i < 100; i++) {
      const started = performance.now();
      await monitor.refresh();
      times.push(performance.now() - started);
    }
    await b.query('DROP SUBSCRIPTION s');
    await a.end();
    await b.end();
    console.log(`monitor refresh, publisher 13 + subscriber 17 (100 refreshes): ${medianAndP95(times, 1)} (budget median < 30 ms)`);
  } finally {
    await monitor.dispose();
    await pub.stop();
    await sub.stop();
    dirs.forEach(removeDataDir);
  }
}

async function main(): Promise<void> {
  console.log(`bench:logical — load average ${os.loadavg()[0].toFixed(1)} on ${os.cpus().length} cores`);
  await languageFigures();
  await monitorFigures();
}

void main();

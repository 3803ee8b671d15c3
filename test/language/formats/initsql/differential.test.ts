/**
 * Our syntax diagnostic on init scripts against the real server's parser (embedded PostgreSQL 17): broken variants
 * of examples/logical's scripts (a token deleted, doubled, or replaced by a stray one) are checked by the format as
 * scripts of the stack, and sent to the server as one simple query inside a transaction that is rolled back (the
 * server parses the whole string before running any of it). Same verdict, same message, same position — or the
 * disagreements are listed. Errors the server raises only when running a statement (duplicate options of CREATE ROLE)
 * are not syntax: the oracle tells them apart by the source file of the error (scan.l, gram.y). PGHA_SQL_DIFFERENTIAL=all runs every variant instead of the CI sample.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { pathToFileURL } from 'url';
import type { Client } from 'pg';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { nodeFileSystem } from '../../../../core/nodeFileSystem';
import { lazyCatalog } from '../../../../language/catalog/catalog';
import { getLanguageService } from '../../../../language/service/languageService';
import { SqlParserHost } from '../../../../language/sql/parser';
import { embeddedPostgresMissing, makeDataDir, removeDataDir, startServer, type RunningServer } from '../../../../scripts/pg/embedded';
import { requirePart } from '../../../support/parts';

const SCRIPTS = ['publisher/01-schema.sql', 'publisher/02-publication.sql', 'subscriber/01-schema.sql', 'subscriber/02-subscription.sql'];
const STRAY = [')', '(', ',', 'TABLE', 'NOT', "'", '"', '/*'];
const SAMPLE = 240;

/** Every variant of `text`: each token deleted, doubled, and replaced by each stray token. */
function variants(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(/--[^\n]*|[^\s]+/g)) {
    if (m[0].startsWith('--')) continue;
    const [before, after] = [text.slice(0, m.index), text.slice((m.index ?? 0) + m[0].length)];
    out.push(before + after, `${before}${m[0]} ${m[0]}${after}`, ...STRAY.map((stray) => before + stray + after));
  }
  return out;
}

/** Every `step`-th element, so the sample spreads over all scripts and kinds of change. */
const spread = <T>(items: T[], count: number): T[] => (items.length <= count ? items : items.filter((_, i) => i % Math.ceil(items.length / count) === 0));

interface Verdict {
  message?: string;
  /** 1-based character position, as the server reports it. */
  position?: number;
}

describe('SQL init scripts: our syntax errors against the real server’s parser (PostgreSQL 17)', function () {
  this.timeout(180_000);
  let server: RunningServer | undefined;
  let client: Client;
  let dataDir = '';
  let dir = '';
  const sql = new SqlParserHost();
  const service = getLanguageService({ catalog: lazyCatalog(), fs: nodeFileSystem, sql, settings: () => ({ defaultMajor: 17 }) });

  before(async function () {
    requirePart(this, 'embedded PostgreSQL 17', embeddedPostgresMissing(17));
    await sql.load();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pgha-sql-differential-'));
    fs.cpSync(path.resolve(__dirname, '../../../../examples/logical'), dir, { recursive: true });
    dataDir = makeDataDir(17);
    server = await startServer(17, dataDir);
    client = await server.connect();
  });
  after(async () => {
    await client?.end().catch(() => undefined);
    await server?.stop();
    if (dataDir) removeDataDir(dataDir);
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  const ours = (script: string, text: string): Verdict => {
    const doc = TextDocument.create(pathToFileURL(path.join(dir, script)).toString(), 'sql', 1, text);
    const found = service.getDiagnostics(doc).find((d) => d.code === 'sql/syntax');
    return found ? { message: found.message.slice(0, found.message.indexOf('. The entrypoint')), position: doc.offsetAt(found.range.start) + 1 } : {};
  };
  const theirs = async (text: string): Promise<Verdict> => {
    await client.query('BEGIN');
    try {
      await client.query(text);
      return {};
    } catch (error) {
      const e = error as { file?: string; message: string; position?: string };
      // Only the raw parser's errors (scan.l, gram.y) are syntax: the others come from running a statement that
      // parsed (a missing table, options given twice, a subscription inside a transaction block).
      return e.file === 'scan.l' || e.file === 'gram.y' ? { message: e.message, position: Number(e.position) } : {};
    } finally {
      await client.query('ROLLBACK');
    }
  };

  it('agrees with the server on every sampled variant: verdict, message and position', async () => {
    const all = SCRIPTS.flatMap((script) => variants(fs.readFileSync(path.join(dir, script), 'utf8')).map((text) => ({ script, text })));
    const cases = process.env.PGHA_SQL_DIFFERENTIAL === 'all' ? all : spread(all, SAMPLE);
    const disagreements: string[] = [];
    let refused = 0;
    const started = process.hrtime.bigint();
    for (const { script, text } of cases) {
      const [a, b] = [ours(script, text), await theirs(text)];
      if (b.message) refused++;
      if (a.message !== b.message || a.position !== b.position) disagreements.push(`${script}: ours ${JSON.stringify(a)}, server ${JSON.stringify(b)}\n${text}`);
    }
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    console.log(`      ${cases.length} variants (${all.length} in all), ${refused} refused by the server, ${cases.length - disagreements.length} agree (${((100 * (cases.length - disagreements.length)) / cases.length).toFixed(2)} %) in ${seconds.toFixed(1)} s`);
    assert.deepStrictEqual(disagreements.slice(0, 5), []);
  });
});

/**
 * One differential run of the patroni format: files generated (cases.ts) in a scratch folder, judged by Patroni
 * (oracle.ts) and by us (parsePatroni + validatorLines + crashOf), compared line for line.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync, chmodSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadPatroniCatalog } from '../../../language/formats/patroni/catalog';
import { parsePatroni } from '../../../language/formats/patroni/document';
import { patroniVerdict } from '../../../language/formats/patroni/validator';
import { resultText } from '../../../language/formats/patroni/schema';
import { generatePatroniFiles, type CaseEnvironment } from './cases';
import { cliVerdict, judgeFiles, type PatroniVerdict } from './oracle';

export interface PatroniDisagreement {
  file: string;
  text: string;
  patroni: PatroniVerdict;
  ours: { crash?: string; lines: string[] };
}

export interface PatroniComparison {
  files: number;
  agreed: number;
  refused: number;
  disagreements: PatroniDisagreement[];
  /** Files also run through the `patroni --validate-config` command, and how many said what the harness said. */
  cli: { files: number; agreed: number };
  oracleMs: number;
  oursMs: number;
}

const listen = (server: Server) => new Promise<number>((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as { port: number }).port)));

async function freePort(): Promise<number> {
  const server = createServer();
  const port = await listen(server);
  await new Promise((resolve) => server.close(resolve));
  return port;
}

const PROGRAMS = ['pg_ctl', 'initdb', 'pg_controldata', 'pg_basebackup', 'postgres', 'pg_isready'];

function agree(patroni: PatroniVerdict, ours: { crash?: string; lines: string[] }): boolean {
  if (patroni.crash || ours.crash) return patroni.crash === (ours.crash ?? null);
  return JSON.stringify(patroni.lines) === JSON.stringify(ours.lines);
}

export async function comparePatroni(count: number, seed: number, cliSample: number): Promise<PatroniComparison> {
  const dir = mkdtempSync(join(tmpdir(), 'pgha-patroni-diff-'));
  const server = createServer((socket) => socket.destroy());
  try {
    const binDir = join(dir, 'bin');
    mkdirSync(binDir);
    for (const program of PROGRAMS) {
      writeFileSync(join(binDir, program), '#!/bin/sh\nexit 0\n');
      chmodSync(join(binDir, program), 0o755);
    }
    const env: CaseEnvironment = { reachable: await listen(server), free: [await freePort(), await freePort()], missingDir: join(dir, 'no-data'), binDir };
    const texts = generatePatroniFiles(env, count, seed);
    const files = texts.map((text, i) => {
      const file = join(dir, `case${i}.yml`);
      writeFileSync(file, text);
      return file;
    });
    let started = Date.now();
    const verdicts = await judgeFiles(files);
    const oracleMs = Date.now() - started;
    started = Date.now();
    const catalog = loadPatroniCatalog();
    const ours = texts.map((text) => {
      const verdict = patroniVerdict(parsePatroni(text), catalog);
      return { crash: verdict.crash, lines: verdict.failures.map(resultText) };
    });
    const oursMs = Date.now() - started;
    const disagreements = verdicts.flatMap((patroni, i) => (agree(patroni, ours[i]) ? [] : [{ file: files[i], text: texts[i], patroni, ours: ours[i] }]));
    const cli = { files: 0, agreed: 0 };
    for (let i = 0; i < Math.min(cliSample, files.length); i++) {
      const said = await cliVerdict(files[i]);
      cli.files++;
      const crash = verdicts[i].crash;
      const expected = crash ? said.stderr.includes(crash === 'yaml' ? 'yaml.' : crash) : said.stderr.trim() === verdicts[i].lines.join('\n');
      if (said.ok === verdicts[i].ok && expected) cli.agreed++;
    }
    return { files: texts.length, agreed: texts.length - disagreements.length, refused: verdicts.filter((v) => !v.ok).length, disagreements, cli, oracleMs, oursMs };
  } finally {
    server.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

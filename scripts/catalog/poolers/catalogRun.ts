/** The command-line run shared by `npm run catalog:pgbouncer` and `catalog:pgpool`: per version, facts + messages. */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { startJudge, type PoolerJudge, type PoolerProgram } from '../../differential/poolers/oracle';
import { buildPoolerCatalog, confirmRenames, serializePoolerCatalog, settingsOf, type PoolerCatalogFile, type VersionFacts } from './catalogFile';
import { collectMessages, saveMessages, type MessageCases } from './messages';

export interface CatalogRecipe {
  program: PoolerProgram;
  versions: { line: string; suite: string }[];
  path: string;
  facts(judge: PoolerJudge, line: string, suite: string, log: (text: string) => void): Promise<VersionFacts>;
  messageCases(line: string): MessageCases;
  /** Renames worth checking; the catalog keeps those its versions confirm. */
  renameCandidates?: { from: string; to: string }[];
}

function committedFacts(file: PoolerCatalogFile | undefined, line: string): VersionFacts | undefined {
  const from = file?.generatedFrom[line];
  if (!file || !from) return undefined;
  return { version: from.version, package: from.package, suite: from.suite, settings: settingsOf(file, line), extras: file.extras[line] };
}

/** `--version L` (repeatable) regenerates only those lines; the others keep their committed data. */
export async function runCatalog(recipe: CatalogRecipe, args: string[]): Promise<number> {
  const asked = args.flatMap((arg, i) => (arg === '--version' ? [args[i + 1]] : []));
  const unknown = asked.filter((line) => !recipe.versions.some((v) => v.line === line));
  if (unknown.length) throw new Error(`catalog:${recipe.program}: no version ${unknown.join(', ')}; known: ${recipe.versions.map((v) => v.line).join(', ')}`);
  const chosen = recipe.versions.filter((v) => !asked.length || asked.includes(v.line));
  const committed = existsSync(recipe.path) ? (JSON.parse(readFileSync(recipe.path, 'utf8')) as PoolerCatalogFile) : undefined;
  const data: Record<string, VersionFacts> = {};
  for (const v of recipe.versions) {
    const kept = committedFacts(committed, v.line);
    if (kept && !chosen.includes(v)) data[v.line] = kept;
  }
  const messages: Parameters<typeof saveMessages>[1] = {};
  for (const { line, suite } of chosen) {
    const log = (text: string) => console.log(`catalog:${recipe.program} [${line}] ${text}`);
    const started = Date.now();
    // Generous limit: a probe the program had no time to answer would read as "taken".
    const judge = await startJudge(recipe.program, line, { containers: 3, timeoutMs: 30_000 });
    try {
      data[line] = await recipe.facts(judge, line, suite, log);
      messages[line] = await collectMessages(judge, recipe.messageCases(line));
    } finally {
      await judge.close();
    }
    log(`done in ${Math.round((Date.now() - started) / 1000)} s`);
  }
  const renames = confirmRenames(data, recipe.renameCandidates ?? []);
  writeFileSync(recipe.path, serializePoolerCatalog(buildPoolerCatalog(recipe.program, data, renames)));
  saveMessages(recipe.program, messages);
  console.log(`catalog:${recipe.program} wrote ${recipe.path}: ${Object.entries(data).map(([l, f]) => `${l}: ${f.settings.size} settings`).join(', ')}`);
  return 0;
}

/** Entry point helper: exit code 1 with the stack on failure. */
export function runMain(recipe: CatalogRecipe): void {
  runCatalog(recipe, process.argv.slice(2)).then(
    (code) => (process.exitCode = code),
    (error) => {
      console.error(error instanceof Error ? error.stack : String(error));
      process.exitCode = 1;
    },
  );
}

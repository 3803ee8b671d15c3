/**
 * Lists every parameter name of the catalog majors and checks data/descriptions.json against them:
 * each name has a non-empty text of our own (never PostgreSQL's short description, nor a long run of its words).
 * Names come from data/catalog.json and, where the embedded binaries are installed, `postgres --describe-config`.
 *
 *   npx tsx scripts/catalog/listNames.ts           # check, print counts
 *   npx tsx scripts/catalog/listNames.ts --names   # print the union of names, one per line
 */
import * as fs from 'fs';
import * as path from 'path';
import { MAJORS, type Major } from '../../language/catalog/types';
import { findEmbeddedPostgres, runPostgres } from '../pg/embedded';

/** Word runs this long shared with PostgreSQL's own text count as copying. */
const COPIED_RUN_WORDS = 6;

export interface DescribedName {
  name: string;
  /** PostgreSQL's own short and extra descriptions, for the copy check. */
  officialTexts: string[];
}

/** Rows of `postgres --describe-config` (tab-separated; name first, short description 8th, extra 9th). */
export function parseDescribeConfig(output: string): DescribedName[] {
  return output
    .split('\n')
    .filter((line) => line.includes('\t'))
    .map((line) => {
      const fields = line.split('\t');
      return { name: fields[0].toLowerCase(), officialTexts: [fields[7] ?? '', fields[8] ?? ''].filter(Boolean) };
    });
}

function words(text: string): string[] {
  return text.toLowerCase().split(/[^a-z0-9_]+/).filter(Boolean);
}

/** The first run of COPIED_RUN_WORDS words that `ours` shares with `official`, if any. */
export function sharedWordRun(ours: string, official: string): string | undefined {
  const ourWords = words(ours);
  const runs = new Set<string>();
  for (let i = 0; i + COPIED_RUN_WORDS <= ourWords.length; i++) runs.add(ourWords.slice(i, i + COPIED_RUN_WORDS).join(' '));
  const theirWords = words(official);
  for (let i = 0; i + COPIED_RUN_WORDS <= theirWords.length; i++) {
    const run = theirWords.slice(i, i + COPIED_RUN_WORDS).join(' ');
    if (runs.has(run)) return run;
  }
  return undefined;
}

/** Problems of `descriptions` for the given names; empty when all is well. */
export function checkDescriptions(
  names: Iterable<string>,
  descriptions: Record<string, string>,
  officialTexts: Map<string, string[]> = new Map(),
): string[] {
  const problems: string[] = [];
  for (const name of names) {
    const text = descriptions[name]?.trim();
    if (!text) {
      problems.push(`${name}: no description in data/descriptions.json — add one in our own words`);
      continue;
    }
    for (const official of officialTexts.get(name) ?? []) {
      const run = sharedWordRun(text, official);
      if (text.toLowerCase() === official.trim().toLowerCase() || run) {
        problems.push(`${name}: text repeats PostgreSQL's own description ("${run ?? official}") — rewrite it`);
        break;
      }
    }
  }
  const keys = Object.keys(descriptions);
  if (keys.join('\n') !== [...keys].sort().join('\n')) problems.push('data/descriptions.json: keys are not sorted by name');
  for (const key of keys) if (key !== key.toLowerCase()) problems.push(`${key}: description keys must be lower-case`);
  return problems;
}

function readJson<T>(file: string): T {
  return JSON.parse(fs.readFileSync(file, 'utf8')) as T;
}

function main(): void {
  const dataDir = path.join(__dirname, '..', '..', 'data');
  const catalog = readJson<{ parameters: { name: string; majors: Major[] }[] }>(path.join(dataDir, 'catalog.json'));
  const descriptions = readJson<Record<string, string>>(path.join(dataDir, 'descriptions.json'));

  const namesByMajor = new Map<Major, Set<string>>(MAJORS.map((major) => [major, new Set<string>()]));
  for (const parameter of catalog.parameters) {
    for (const major of parameter.majors) namesByMajor.get(major)?.add(parameter.name.toLowerCase());
  }
  const officialTexts = new Map<string, string[]>();
  for (const major of MAJORS) {
    if (!findEmbeddedPostgres(major)) continue; // binaries not installed: the catalog alone must do
    for (const row of parseDescribeConfig(runPostgres(major, ['--describe-config']).stdout)) {
      namesByMajor.get(major)?.add(row.name);
      officialTexts.set(row.name, [...(officialTexts.get(row.name) ?? []), ...row.officialTexts]);
    }
  }
  const union = new Set([...namesByMajor.values()].flatMap((names) => [...names]));

  if (process.argv.includes('--names')) {
    process.stdout.write([...union].sort().join('\n') + '\n');
    return;
  }
  for (const [major, names] of namesByMajor) console.log(`PostgreSQL ${major}: ${names.size} names`);
  console.log(`union: ${union.size} names; descriptions: ${Object.keys(descriptions).length}`);
  const problems = checkDescriptions([...union].sort(), descriptions, officialTexts);
  for (const problem of problems) console.error(problem);
  if (problems.length > 0) process.exitCode = 1;
  else console.log('descriptions: every name covered, none copied');
}

if (require.main === module) main();

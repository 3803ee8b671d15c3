/**
 * `npm run catalog:strings` — regenerates data/strings.json from the embedded servers (majors 13–18): the
 * facts the string parameters' check hooks look up. Facts equal across majors are stored once.
 *   --major N   re-read only major N (repeatable); the other majors keep their committed facts
 *   --check     compare with the committed file instead of writing it; exit 1 when they differ
 */
import * as fs from 'fs';
import { dataPath } from '../../../core/packageRoot';
import { MAJORS, type Major } from '../../../language/catalog/types';
import type { PerMajor, StringFactsFile } from '../../../language/formats/pgconf/stringFacts';
import { parseArgs } from '../generate';
import { readStringFacts, type MajorStringFacts } from './readFacts';

type FactKey = Exclude<keyof MajorStringFacts, 'version'>;
const KEYS: FactKey[] = ['zones', 'zoneAbbrevs', 'abbrevSets', 'encodings', 'walConsistencyNames'];

/** Groups equal values: one entry per distinct value, listing the majors that have it. */
function perMajor<T>(values: Array<[Major, T]>): PerMajor<T> {
  const entries: Array<{ majors: Major[]; value: T; text: string }> = [];
  for (const [major, value] of values) {
    const text = JSON.stringify(value);
    const same = entries.find((entry) => entry.text === text);
    if (same) same.majors.push(major);
    else entries.push({ majors: [major], value, text });
  }
  return entries.map(({ majors, value }) => ({ majors, value }));
}

export function buildStringFacts(byMajor: Map<Major, MajorStringFacts>): StringFactsFile {
  const majors = MAJORS.filter((major) => byMajor.has(major));
  const file: Record<string, unknown> = { generatedFrom: Object.fromEntries(majors.map((m) => [m, byMajor.get(m)!.version])) };
  for (const key of KEYS) file[key] = perMajor(majors.map((m) => [m, byMajor.get(m)![key]] as [Major, unknown]));
  return file as unknown as StringFactsFile;
}

/** The committed facts of one major, as read back from the file. */
export function committedMajor(file: StringFactsFile, major: Major): MajorStringFacts | undefined {
  const version = file.generatedFrom[major];
  if (!version) return undefined;
  const facts: Record<string, unknown> = { version };
  for (const key of KEYS) facts[key] = (file[key] as PerMajor<unknown>).find((entry) => entry.majors.includes(major))?.value;
  return facts as unknown as MajorStringFacts;
}

/** One JSON line per fact list entry: small diffs when a major changes. */
export function serializeStringFacts(file: StringFactsFile): string {
  const lines = [`{"generatedFrom":${JSON.stringify(file.generatedFrom)}`];
  for (const key of KEYS) {
    const entries = (file[key] as PerMajor<unknown>).map((entry) => JSON.stringify(entry));
    lines.push(`,${JSON.stringify(key)}:[\n${entries.join(',\n')}]`);
  }
  return `${lines.join('\n')}}\n`;
}

async function main(): Promise<number> {
  const options = parseArgs(process.argv.slice(2));
  const target = dataPath('strings.json');
  const committedText = fs.existsSync(target) ? fs.readFileSync(target, 'utf8') : '';
  const committed = committedText ? (JSON.parse(committedText) as StringFactsFile) : undefined;
  const byMajor = new Map<Major, MajorStringFacts>();
  for (const major of MAJORS) {
    const kept = committed && !options.majors.includes(major) ? committedMajor(committed, major) : undefined;
    if (kept) byMajor.set(major, kept);
    else if (options.majors.includes(major)) byMajor.set(major, await readStringFacts(major, (line) => console.log(`catalog:strings: [${major}] ${line}`)));
  }
  const text = serializeStringFacts(buildStringFacts(byMajor));
  if (options.check) {
    if (text === committedText) return 0;
    console.error(`catalog:strings: ${target} differs from what PostgreSQL ${options.majors.join(', ')} reports (run: npm run catalog:strings)`);
    return 1;
  }
  fs.writeFileSync(target, text);
  console.log(`catalog:strings: wrote ${target} (${text.length} bytes)`);
  return 0;
}

if (require.main === module) {
  main().then(
    (code) => (process.exitCode = code),
    (error: unknown) => {
      console.error(`catalog:strings: ${error instanceof Error ? error.message : String(error)}`);
      process.exitCode = 1;
    },
  );
}

/**
 * `npm run catalog` — regenerates data/catalog.json from real PostgreSQL servers (majors 13–18).
 *   --major N   regenerate only major N (repeatable); the other majors keep their committed data
 *   --check     compare with the committed file instead of writing it; exit 1 with a summary on differences
 */
import * as fs from 'fs';
import { dataPath } from '../../core/packageRoot';
import type { CatalogFile } from '../../language/catalog/catalog';
import { MAJORS, type Major } from '../../language/catalog/types';
import { BUILD_ENUM_VALUES } from './buildEnumValues';
import { buildCatalogFile, diffCatalogData, expandCatalogFile, serializeCatalog, type CatalogData } from './compact';
import { snapshotMajor, type MajorSnapshot } from './snapshot';

export interface GenerateOptions {
  majors: Major[];
  check: boolean;
}

export function parseArgs(args: string[]): GenerateOptions {
  const majors: Major[] = [];
  let check = false;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--check') check = true;
    else if (arg === '--major' || arg.startsWith('--major=')) {
      const text = arg === '--major' ? args[++i] : arg.slice('--major='.length);
      const major = Number(text);
      if (!(MAJORS as readonly number[]).includes(major)) throw new Error(`catalog: --major ${text ?? ''} is not one of ${MAJORS.join(', ')}`);
      majors.push(major as Major);
    } else throw new Error(`catalog: unknown argument "${arg}" (use --major N and/or --check)`);
  }
  return { majors: majors.length > 0 ? majors : [...MAJORS], check };
}

/** A supplement entry that names no enum parameter of a major it covers is a typo: fail loudly. */
export function checkSupplement(snapshot: MajorSnapshot): void {
  const lower = new Map([...snapshot.parameters].map(([name, variant]) => [name.toLowerCase(), variant]));
  for (const entry of BUILD_ENUM_VALUES) {
    if (snapshot.major < entry.since || (entry.until !== undefined && snapshot.major > entry.until)) continue;
    if (lower.get(entry.parameter)?.vartype !== 'enum') {
      throw new Error(`scripts/catalog/buildEnumValues.ts: ${entry.parameter} is not an enum in PostgreSQL ${snapshot.major}; fix its since/until`);
    }
  }
}

export function readCommittedCatalog(): CatalogFile {
  return JSON.parse(fs.readFileSync(dataPath('catalog.json'), 'utf8')) as CatalogFile;
}

/** Regenerates the given majors on top of the committed data. */
export async function generateCatalog(majors: Major[], log: (line: string) => void = () => {}): Promise<{ data: CatalogData; file: CatalogFile }> {
  const data: CatalogData = majors.length === MAJORS.length ? {} : expandCatalogFile(readCommittedCatalog());
  for (const major of majors) {
    const started = Date.now();
    const snapshot = await snapshotMajor(major, (line) => log(`[${major}] ${line}`));
    checkSupplement(snapshot);
    data[major] = snapshot;
    log(`[${major}] done in ${Date.now() - started} ms`);
  }
  return { data, file: buildCatalogFile(data) };
}

async function main(): Promise<number> {
  let options: GenerateOptions;
  try {
    options = parseArgs(process.argv.slice(2));
  } catch (error) {
    console.error((error as Error).message);
    return 2;
  }
  const started = Date.now();
  const { data, file } = await generateCatalog(options.majors, (line) => console.log(`catalog: ${line}`));
  const text = serializeCatalog(file);
  const target = dataPath('catalog.json');
  const committedText = fs.existsSync(target) ? fs.readFileSync(target, 'utf8') : '';
  if (options.check) {
    if (committedText === text) {
      console.log(`catalog: ${target} matches PostgreSQL ${options.majors.join(', ')} (${Date.now() - started} ms)`);
      return 0;
    }
    const committed = committedText ? expandCatalogFile(JSON.parse(committedText) as CatalogFile) : {};
    const onlyChecked: CatalogData = {};
    for (const major of options.majors) onlyChecked[major] = committed[major];
    const differences = diffCatalogData(onlyChecked, Object.fromEntries(options.majors.map((m) => [m, data[m]])) as CatalogData);
    console.error(`catalog: ${target} differs from what PostgreSQL reports (run: npm run catalog):`);
    for (const line of differences.length > 0 ? differences : ['(same facts, different layout)']) console.error(`  ${line}`);
    return 1;
  }
  fs.writeFileSync(target, text);
  const counts = MAJORS.filter((m) => data[m]).map((m) => `${m}: ${data[m]!.settingsCount}`).join(', ');
  console.log(`catalog: wrote ${target} (${file.parameters.length} parameters; ${counts}; ${text.length} bytes; ${Date.now() - started} ms)`);
  return 0;
}

if (require.main === module) {
  main().then(
    (code) => (process.exitCode = code),
    (error: unknown) => {
      console.error(`catalog: ${error instanceof Error ? error.message : String(error)}`);
      process.exitCode = 1;
    },
  );
}

/**
 * `npm run test:differential:ident`: for every major 13–18, a generated pg_ident.conf (1,000 entries) and the files
 * it names, read by a real server — pg_ident_file_mappings on 15+, the log of a reload on 13/14 (in pieces, so
 * the log stays small) — and compared with ours: same rows, same errors, same messages (and lines where
 * PostgreSQL names them). Exit 1 unless all agree. Options: --major N (repeatable), --count N, --show N.
 */
import { parseArgs } from 'util';
import { everyMajor, runAsScript } from '../script';
import type { HbaMajor } from '../../../language/formats/pghba/types';
import { compareLogged, compareMappings, ourReading, type Difference } from './compare';
import { generateIdent, IDENT_FIXTURES } from './generate';
import { createIdentOracle } from './oracle';

/** 13/14: entries per reload (a reload's messages must fit the bounded log the oracle keeps). */
const PIECE = 100;

export interface IdentResult {
  major: HbaMajor;
  /** Rows (15+) or logged messages (13/14) compared; a piece whose messages differ stops at its first difference. */
  compared: number;
  /** Errors PostgreSQL reported. */
  errors: number;
  differences: Difference[];
  seconds: number;
}

const fileOf = (entries: string[]) => `${entries.join('\n')}\n`;

export async function runIdentMajor(major: HbaMajor, entries: string[]): Promise<IdentResult> {
  const started = Date.now();
  const oracle = await createIdentOracle(major);
  try {
    const differences: Difference[] = [];
    let compared = 0;
    let errors = 0;
    const pieces = major >= 15 ? [entries] : Array.from({ length: Math.ceil(entries.length / PIECE) }, (_, i) => entries.slice(i * PIECE, (i + 1) * PIECE));
    for (const [index, piece] of pieces.entries()) {
      const text = fileOf(piece);
      // Ours after the server's read: the files it names are on disk then.
      if (major >= 15) {
        const theirs = await oracle.mappings({ ...IDENT_FIXTURES, 'pg_ident.conf': text });
        const ours = ourReading(major, text, oracle.identFile);
        compared += theirs.length;
        errors += theirs.filter((row) => row.error !== null).length;
        differences.push(...compareMappings(ours, theirs, oracle.identFile, text).map((d) => ({ ...d, key: d.key.replace(oracle.dataDir, '$PGDATA') })));
      } else {
        const theirs = await oracle.reloadErrors({ ...IDENT_FIXTURES, 'pg_ident.conf': text });
        const ours = ourReading(major, text, oracle.identFile);
        compared += Math.max(theirs.length, 1);
        errors += theirs.length;
        differences.push(...compareLogged(ours, theirs).map((d) => ({ ...d, key: `piece ${index + 1}, ${d.key}`, ours: d.ours?.replace(oracle.dataDir, '$PGDATA'), theirs: d.theirs?.replace(oracle.dataDir, '$PGDATA') })));
      }
    }
    return { major, compared, errors, differences, seconds: (Date.now() - started) / 1000 };
  } finally {
    await oracle.close();
  }
}

function print(result: IdentResult, show: number): void {
  const unit = result.major >= 15 ? 'rows of pg_ident_file_mappings' : 'messages of the reload log';
  const agreed = Math.max(result.compared - result.differences.length, 0);
  console.log(`PostgreSQL ${result.major}: ${agreed}/${result.compared} ${unit} agree (${((100 * agreed) / Math.max(result.compared, 1)).toFixed(2)} %), ${result.errors} errors reported, in ${result.seconds.toFixed(1)} s`);
  for (const d of result.differences.slice(0, show)) console.log(`  ${d.key}: ${d.what}\n    postgres: ${d.theirs ?? '—'}\n    pgha:     ${d.ours ?? '—'}`);
}

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { major: { type: 'string', multiple: true }, count: { type: 'string' }, show: { type: 'string' } } });
  const generated = generateIdent(Number(values.count ?? 1000));
  return everyMajor((values.major ?? []).map(Number), async (major) => {
    const result = await runIdentMajor(major, generated.entries);
    print(result, Number(values.show ?? 20));
    return result.differences.length > 0;
  });
}

if (require.main === module) runAsScript(main);

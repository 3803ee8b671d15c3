/** Asks a real PostgreSQL what it makes of one configuration line: `postgres -D <dir> -C <name>`. */
import * as fs from 'fs';
import * as path from 'path';
import { makeDataDir, removeDataDir, runPostgres, type Major } from '../pg/embedded';

export interface PostgresVerdict {
  accepted: boolean;
  /** Printed value when accepted. */
  canonical?: string;
  /** The LOG/FATAL lines when rejected. */
  log: string;
}

const INCLUDED_FILE = 'pgha_differential.conf';

export interface Oracle {
  ask(line: string, name: string): PostgresVerdict;
  close(): void;
}

/** One initdb per major; every question rewrites the included file and runs the postmaster's -C once. */
export function createOracle(major: Major): Oracle {
  const dataDir = makeDataDir(major);
  fs.appendFileSync(path.join(dataDir, 'postgresql.conf'), `\ninclude '${INCLUDED_FILE}'\n`);
  const included = path.join(dataDir, INCLUDED_FILE);
  return {
    ask(line, name) {
      fs.writeFileSync(included, `${line}\n`);
      const result = runPostgres(major, ['-C', name], { dataDir });
      if (result.status === 0) return { accepted: true, canonical: result.stdout.replace(/\n$/, ''), log: result.stderr };
      return { accepted: false, log: result.stderr.replace(/^\S+ \S+ \S+ \[\d+\] /gm, '').trim() };
    },
    close: () => removeDataDir(dataDir),
  };
}

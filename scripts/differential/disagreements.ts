import type { Catalog, Major } from '../../language/catalog/types';
import { disagreement, type Disagreement, ourVerdict } from './compare';
import type { DifferentialCase } from './generate';
import { createOracle } from './oracle';

/** Asks the real server and our validator about every case; returns where they differ. Shared by the CLI run and the CI sample. */
export function findDisagreements(catalog: Catalog, major: Major, cases: DifferentialCase[]): Disagreement[] {
  const oracle = createOracle(major);
  const disagreements: Disagreement[] = [];
  try {
    for (const testCase of cases) {
      const theirs = oracle.ask(testCase.line, testCase.ask);
      const ours = ourVerdict(catalog, major, testCase.line, testCase.ask);
      const kind = disagreement(ours, theirs);
      if (kind) disagreements.push({ kind, case: testCase, ours, theirs });
    }
  } finally {
    oracle.close();
  }
  return disagreements;
}

/** Our verdict on one line, through the same parser and judge the language service uses. */
import type { Catalog, Major } from '../../server/src/catalog/types';
import { judgeSetting } from '../../server/src/pgconf/judge';
import { parseConf } from '../../server/src/pgconf/parser';
import type { DifferentialCase } from './generate';
import type { PostgresVerdict } from './oracle';

export interface OurVerdict {
  accepted: boolean;
  canonical?: string;
  message?: string;
}

export function ourVerdict(catalog: Catalog, major: Major, line: string, ask: string): OurVerdict {
  const parsed = parseConf(`${line}\n`, 'pgha_differential.conf');
  if (parsed.errors.length) return { accepted: false, message: parsed.errors[0].message };
  let canonical: string | undefined;
  for (const setting of parsed.settings) {
    const verdict = judgeSetting(catalog, major, setting.name, setting.value);
    if (!verdict.accepted) return { accepted: false, message: `${verdict.message}${verdict.hint ? ` (${verdict.hint})` : ''}` };
    if (setting.key === ask.toLowerCase()) canonical = verdict.canonical;
  }
  if (canonical === undefined) {
    // Asking for a parameter the line did not set prints its default; we only compare verdicts then.
    return { accepted: true };
  }
  return { accepted: true, canonical };
}

export interface Disagreement {
  case: DifferentialCase;
  ours: OurVerdict;
  theirs: PostgresVerdict;
}

export function agrees(ours: OurVerdict, theirs: PostgresVerdict): boolean {
  if (ours.accepted !== theirs.accepted) return false;
  return !ours.accepted || ours.canonical === undefined || ours.canonical === theirs.canonical;
}

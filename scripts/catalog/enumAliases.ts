/**
 * Measures the hidden enum aliases each major accepts: values PostgreSQL takes for an enum parameter
 * but does not list in pg_settings.enumvals (config_enum_entry rows with hidden = true in its source,
 * e.g. wal_level = hot_standby, synchronous_commit = yes). Candidates are tried on a real server with
 * `postgres -C`, so the catalog records only what the major really accepts.
 */
import * as fs from 'fs';
import * as path from 'path';
import { runPostgres, type Major } from '../pg/embedded';

/**
 * Tried on every enum parameter: the boolean spellings PostgreSQL accepts for its on/off-like enums,
 * the message-level aliases (debug → debug2, info in client levels) and the deprecated wal_level names.
 */
export const HIDDEN_ALIAS_CANDIDATES: readonly string[] = [
  'on', 'off', 'true', 'false', 'yes', 'no', '1', '0',
  'debug', 'info',
  'archive', 'hot_standby',
];

const INVALID_VALUE = /invalid value for parameter "([^"]+)": "([^"]*)"/;
/** Lines a rejected configuration file produces besides the per-parameter complaints. */
const EXPECTED_NOISE = /(HINT:|DETAIL:|configuration file ".*" contains errors)/;

interface Probe {
  parameter: string;
  value: string;
}

/** Writes the probes into postgresql.auto.conf (read by `postgres -C`) and runs the server binary once. */
function tryProbes(major: Major, dataDir: string, probes: Probe[]): { accepted: boolean; rejected: Set<string>; understood: boolean } {
  const autoConf = path.join(dataDir, 'postgresql.auto.conf');
  fs.writeFileSync(autoConf, probes.map((probe) => `${probe.parameter} = '${probe.value}'\n`).join(''));
  const result = runPostgres(major, ['-C', 'port'], { dataDir });
  if (result.status === 0) return { accepted: true, rejected: new Set(), understood: true };
  const rejected = new Set<string>();
  const unexplained: string[] = [];
  for (const line of result.stderr.split('\n')) {
    const match = INVALID_VALUE.exec(line);
    if (match) rejected.add(match[1].toLowerCase());
    else if (line.trim() !== '' && !EXPECTED_NOISE.test(line)) unexplained.push(line);
  }
  return { accepted: false, rejected, understood: rejected.size > 0 && unexplained.length === 0 };
}

/**
 * For each enum parameter (name → listed values), the candidates the major accepts although they are
 * not listed. One `postgres -C` run per candidate covers all parameters at once (PostgreSQL reports
 * every invalid line before giving up); a run with an unexpected complaint is redone one by one.
 * Leaves postgresql.auto.conf empty.
 */
export function measureHiddenEnumvals(
  major: Major,
  dataDir: string,
  enums: ReadonlyMap<string, readonly string[]>,
  candidates: readonly string[] = HIDDEN_ALIAS_CANDIDATES,
): Map<string, string[]> {
  const hidden = new Map<string, string[]>();
  const accept = (probe: Probe) => {
    const list = hidden.get(probe.parameter) ?? [];
    list.push(probe.value);
    hidden.set(probe.parameter, list);
  };
  for (const value of candidates) {
    const probes: Probe[] = [];
    for (const [parameter, listed] of enums) {
      if (!listed.some((entry) => entry.toLowerCase() === value)) probes.push({ parameter, value });
    }
    if (probes.length === 0) continue;
    const round = tryProbes(major, dataDir, probes);
    if (round.accepted || round.understood) {
      for (const probe of probes) if (!round.rejected.has(probe.parameter.toLowerCase())) accept(probe);
      continue;
    }
    for (const probe of probes) if (tryProbes(major, dataDir, [probe]).accepted) accept(probe);
  }
  fs.writeFileSync(path.join(dataDir, 'postgresql.auto.conf'), '');
  return hidden;
}

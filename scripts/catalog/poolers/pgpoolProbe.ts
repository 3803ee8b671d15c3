/**
 * What pgpool-II itself says about its settings, from the program's verdicts on probe files (the pooler
 * oracle): a refused free-text value marks a number or an enum, the HINT lists an enum's values, and
 * "outside the valid range … (min .. max)" states a range. pgpool takes a bad boolean, an unknown name or a
 * line it cannot parse without a word, so booleans are told by their reported value (on/off).
 */
import type { PoolerJudge, PoolerVerdict } from '../../differential/poolers/oracle';
import type { SettingFacts, SettingType } from './catalogFile';

const BASE = [
  "listen_addresses = '127.0.0.1'", 'port = 9999', "backend_hostname0 = '127.0.0.1'", 'backend_port0 = 5432', 'sr_check_period = 0',
  'health_check_period = 0', "logdir = '/tmp'", "pid_file_name = '/tmp/pgpool.pid'", "pool_passwd = ''", 'num_init_children = 2',
];

/** A file pgpool starts with (its backend is unreachable in the judge), plus extra lines. */
export function pgpoolFile(extra: string[]): string {
  return [...BASE, ...extra].join('\n') + '\n';
}

/** Settings whose value is a comma-separated list. */
const LIST_NAMES = new Set(['listen_addresses', 'pcp_listen_addresses', 'unix_socket_directories', 'socket_dir']);

export interface Complaint {
  refused: boolean;
  values?: string[];
  min?: number;
  max?: number;
  real?: boolean;
}

/** Reads pgpool's complaint about `name` from a verdict. */
export function complaintAbout(verdict: PoolerVerdict, name: string): Complaint {
  const lines = verdict.lines;
  const at = lines.findIndex((line) => line.includes(`parameter "${name}"`) && /invalid value|outside the valid range/.test(line));
  if (at < 0) return { refused: false };
  const complaint: Complaint = { refused: true };
  const range = /\(([-\d.]+) \.\. ([-\d.]+)\)/.exec(lines[at]);
  if (range) Object.assign(complaint, { min: Number(range[1]), max: Number(range[2]), real: range[1].includes('.') || range[2].includes('.') });
  const hint = lines.slice(at + 1, at + 3).find((line) => line.startsWith('HINT:'));
  const listed = hint && /Available values:\s*(.*?)\.?$/.exec(hint);
  if (listed) complaint.values = listed[1].split(',').map((v) => v.trim()).filter(Boolean);
  return complaint;
}

const PROBES = ['pgha_probe', '-2147483647', '2147483647'] as const;

/** Facts of each setting (probe name = the reported item, indexed ones with their index). */
export async function probeSettings(judge: PoolerJudge, items: { name: string; probeName: string; value: string }[]): Promise<Map<string, Omit<SettingFacts, 'default'>>> {
  const files = items.flatMap((item) => PROBES.map((value) => pgpoolFile([`${item.probeName} = '${value}'`])));
  const verdicts = await judge.judge(files);
  const facts = new Map<string, Omit<SettingFacts, 'default'>>();
  items.forEach((item, n) => {
    const [text, low, high] = PROBES.map((_, p) => complaintAbout(verdicts[n * PROBES.length + p], item.probeName));
    // A real takes free text without a word (it reads as 0), so its range probe is what gives it away.
    const range = [low, high].find((c) => c.min !== undefined);
    let type: SettingType;
    if (text.values) type = 'enum';
    else if (text.refused || range) type = range?.real ? 'real' : 'int';
    else if (/^(on|off)$/.test(item.value)) type = 'bool';
    else type = LIST_NAMES.has(item.name) || item.name.endsWith('_list') ? 'list' : 'string';
    const fact: Omit<SettingFacts, 'default'> = { type };
    if (text.values) fact.values = text.values;
    if ((type === 'int' || type === 'real') && range) Object.assign(fact, { min: range.min, max: range.max });
    facts.set(item.name, fact);
  });
  return facts;
}

/**
 * Checks across settings of one pgpool.conf: the mistakes behind "waiting for finding a primary node",
 * follow_primary_command that never runs, SCRAM backends with md5-hashed passwords, balancing with no weights,
 * more pgpool children than PostgreSQL's default connections. Judged against real-world files
 * (test/fixtures/realworld/pgpool).
 */
import type { Diagnostic, Range } from 'vscode-languageserver-types';
import type { Severity } from '../../diagnostics';
import { parseBool } from '../pgconf/values';
import type { PgpoolCatalog } from './catalog';
import { CODES, pgpoolDiagnostic, type PgpoolCode } from './codes';
import type { ParsedPgpool, PgpoolSetting } from './parser';

export interface PgpoolRulesInput {
  parsed: ParsedPgpool;
  catalog: PgpoolCatalog;
  version: string;
  file: string;
}

/** The effective settings: the last line of each name, and the default of what is not set. */
class Effective {
  private readonly last: ReadonlyMap<string, PgpoolSetting>;

  constructor(private readonly input: PgpoolRulesInput) {
    this.last = input.parsed.last;
  }

  line(name: string): PgpoolSetting | undefined {
    return this.last.get(name);
  }

  value(name: string): string | undefined {
    return this.last.get(name)?.value ?? this.input.catalog.lookup(name, this.input.version)?.facts.default;
  }

  on(name: string): boolean {
    return parseBool(this.value(name) ?? '') ?? false;
  }

  /** Node indexes with a backend_hostnameN, in order. */
  backends(): number[] {
    return [...this.last.keys()].flatMap((name) => (/^backend_hostname(\d+)$/.exec(name) ? [Number(/\d+$/.exec(name)![0])] : [])).sort((a, b) => a - b);
  }

  /** Where to put a finding about the file as a whole: the given setting, else the first backend, else line 1. */
  anchor(...names: string[]): Range {
    for (const name of names) {
      const line = this.line(name);
      if (line) return line.range;
    }
    const first = this.backends()[0];
    return this.line(`backend_hostname${first}`)?.range ?? { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
  }
}

type Rule = (fx: Effective, input: PgpoolRulesInput) => { range: Range; code: PgpoolCode; severity: Severity; message: string; hint?: string } | undefined;

const streaming = (fx: Effective, input: PgpoolRulesInput): boolean =>
  input.catalog.lookup('backend_clustering_mode', input.version) ? fx.value('backend_clustering_mode')?.toLowerCase() === 'streaming_replication' : fx.on('master_slave_mode') && (fx.value('master_slave_sub_mode') ?? 'stream') === 'stream';

const primaryDetection: Rule = (fx, input) => {
  if (!streaming(fx, input) || fx.backends().length < 2) return undefined;
  const user = fx.value('sr_check_user') ?? '';
  if (user !== '' && user !== 'nobody') return undefined;
  return {
    range: fx.anchor('sr_check_user', 'backend_clustering_mode', 'master_slave_mode'),
    code: CODES.primaryDetection,
    severity: 'warning',
    message: `sr_check_user is ${user ? `'${user}' (the default)` : 'not set'}: pgpool finds the primary by logging in as that role on each backend, so it keeps "waiting for finding a primary node"`,
    hint: 'Set sr_check_user (and sr_check_password, or a pool_passwd entry) to a role that can log in to every backend.',
  };
};

const followPrimary: Rule = (fx, input) => {
  const follow = fx.line('follow_primary_command') ?? fx.line('follow_master_command');
  if (!follow || follow.value.trim() === '') return undefined;
  const base = { range: follow.range, code: CODES.followPrimary, severity: 'warning' as const };
  if (!streaming(fx, input)) return { ...base, message: `${follow.name} runs only in streaming replication mode: pgpool never runs it here`, hint: "Set backend_clustering_mode = 'streaming_replication' or remove it." };
  if ((fx.value('failover_command') ?? '').trim() === '') {
    return { ...base, message: `${follow.name} runs only after failover_command promoted a new primary, and failover_command is empty: pgpool never runs it`, hint: 'Set failover_command to a script that promotes a standby when the primary goes down.' };
  }
  return undefined;
};

/** An md5 hash ("md5" + 32 hex digits) as a password pgpool logs in with: it cannot answer SCRAM. */
const md5Passwords: Rule = (fx) => {
  for (const name of ['sr_check_password', 'health_check_password', 'recovery_password', 'wd_lifecheck_password']) {
    const line = fx.line(name);
    if (line && /^md5[0-9a-f]{32}$/i.test(line.value)) {
      return { range: line.valueRange ?? line.range, code: CODES.scramPoolPasswd, severity: 'warning', message: `${name} is an md5 hash: pgpool can log in with it only where the backend asks for md5, not SCRAM (PostgreSQL 14+'s default)`, hint: "Give the password as AES (pg_enc, with the key in ~/.pgpoolkey), as 'TEXT…', or leave it empty and put it in pool_passwd that way." };
    }
  }
  return undefined;
};

const loadBalanceWeights: Rule = (fx) => {
  if (!fx.on('load_balance_mode')) return undefined;
  const nodes = fx.backends();
  if (nodes.length < 2) return undefined;
  const weights = nodes.map((n) => fx.line(`backend_weight${n}`));
  if (weights.some((w) => !w)) return undefined;
  const positive = weights.filter((w) => Number.parseFloat(w!.value) > 0);
  if (positive.length > 1) return undefined;
  return { range: fx.anchor('load_balance_mode'), code: CODES.loadBalanceWeights, severity: 'warning', message: `load_balance_mode is on but ${positive.length ? 'only one backend has' : 'no backend has'} a weight above 0: every read goes to one node`, hint: 'Give the standbys a backend_weightN above 0.' };
};

/** Every child holds at least one connection to each backend while a client is connected. */
const connections: Rule = (fx) => {
  const children = Number(fx.value('num_init_children'));
  const pool = Number(fx.value('max_pool'));
  // PostgreSQL's default max_connections (100) less its 3 superuser slots.
  if (!(children > 97)) return undefined;
  return { range: fx.anchor('num_init_children'), code: CODES.connections, severity: 'warning', message: `num_init_children = ${children}: with that many clients, pgpool opens at least ${children} connections to each backend (up to ${children * pool} with max_pool = ${pool}), more than PostgreSQL's default max_connections of 100 allows`, hint: `Raise the backends' max_connections above ${children}, or lower num_init_children.` };
};

const RULES: Rule[] = [primaryDetection, followPrimary, md5Passwords, loadBalanceWeights, connections];

export function pgpoolRules(input: PgpoolRulesInput): Diagnostic[] {
  const fx = new Effective(input);
  return RULES.flatMap((rule) => {
    const found = rule(fx, input);
    return found ? [pgpoolDiagnostic({ ...found, data: {} })] : [];
  });
}

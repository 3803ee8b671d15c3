/**
 * What Patroni takes without a word but an HA cluster should not: an etcd cluster that tolerates no more failures
 * than a smaller one, timings that leave no room for a retry, synchronous mode that falls back to asynchronous,
 * an open REST API, passwords in the file, settings Patroni overrides.
 */
import type { Diagnostic } from 'vscode-languageserver-types';
import type { PatroniCatalogFile } from './catalog';
import { CODES, patroniDiagnostic } from './codes';
import { nodeAt, type PyNode, type Span } from './document';
import { LOCAL_PARAMETERS, DCS_PARAMETERS } from './parameters';
import type { SpanToRange } from './validator';

interface RuleInput {
  root: PyNode | undefined;
  catalog: PatroniCatalogFile;
  toRange: SpanToRange;
}

const keySpan = (node: PyNode): Span => node.key ?? node;

/** etcd members listed in `hosts` (a list or a comma-separated string) or one `host`. */
function etcdMembers(store: PyNode): { count: number; at: PyNode } | undefined {
  if (store.kind !== 'dict') return undefined;
  const hosts = store.entries.get('hosts');
  if (hosts?.kind === 'list') return { count: hosts.items.length, at: hosts };
  if (hosts?.kind === 'str') return { count: hosts.value.split(',').filter((h) => h.trim()).length, at: hosts };
  const host = store.entries.get('host');
  return host ? { count: 1, at: host } : undefined;
}

function etcdRule(input: RuleInput): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const name of ['etcd', 'etcd3']) {
    const store = nodeAt(input.root, [name]);
    const members = store && etcdMembers(store);
    if (!members || (members.count !== 1 && members.count % 2 === 1) || members.count === 0) continue;
    const message =
      members.count === 1
        ? `One etcd member: when it is down, no Patroni node can hold or renew the leader key, and the primary demotes itself`
        : `${members.count} etcd members tolerate as many failures as ${members.count - 1} (a quorum of ${members.count / 2 + 1} is needed), with one more machine to lose`;
    out.push(patroniDiagnostic({ range: input.toRange(members.at), code: CODES.etcdMembers, severity: 'warning', message, hint: 'Use an odd number of members: 3 tolerate one failure, 5 tolerate two.' }));
  }
  return out;
}

function intAt(root: PyNode | undefined, path: string[], fallback: number): { value: number; node?: PyNode } {
  const node = nodeAt(root, path);
  return node?.kind === 'int' ? { value: node.value, node } : { value: fallback };
}

function timingRule(input: RuleInput): Diagnostic[] {
  const defaults = input.catalog.dynamicDefaults as { ttl: number; loop_wait: number; retry_timeout: number };
  const dcs = ['bootstrap', 'dcs'];
  const ttl = intAt(input.root, [...dcs, 'ttl'], defaults.ttl);
  const loopWait = intAt(input.root, [...dcs, 'loop_wait'], defaults.loop_wait);
  const retry = intAt(input.root, [...dcs, 'retry_timeout'], defaults.retry_timeout);
  const at = ttl.node ?? loopWait.node ?? retry.node;
  if (!at || loopWait.value + 2 * retry.value <= ttl.value) return [];
  const message = `loop_wait + 2 × retry_timeout = ${loopWait.value + 2 * retry.value} s is more than ttl = ${ttl.value} s: a leader whose DCS call needs a retry loses the leader key before it can renew it, and the cluster fails over without a failure`;
  return [patroniDiagnostic({ range: input.toRange(keySpan(at)), code: CODES.timing, severity: 'warning', message, hint: 'Keep ttl ≥ loop_wait + 2 × retry_timeout (Patroni\'s defaults: 30, 10, 10).' })];
}

const truthy = (node: PyNode | undefined) => node?.kind === 'bool' ? node.value : node?.kind === 'str' ? /^(on|true|yes|1)$/i.test(node.value) : false;

function synchronousRule(input: RuleInput): Diagnostic[] {
  const mode = nodeAt(input.root, ['bootstrap', 'dcs', 'synchronous_mode']);
  if (!truthy(mode) || truthy(nodeAt(input.root, ['bootstrap', 'dcs', 'synchronous_mode_strict'])) || !mode) return [];
  const message = 'synchronous_mode without synchronous_mode_strict: when no synchronous standby is left, Patroni turns synchronous replication off and the primary acknowledges commits alone; a failover then can lose them';
  return [patroniDiagnostic({ range: input.toRange(keySpan(mode)), code: CODES.synchronousStrict, severity: 'information', message, hint: 'Set synchronous_mode_strict: true if no acknowledged commit may be lost (writes then wait while no standby is synchronous).' })];
}

function restapiRule(input: RuleInput): Diagnostic[] {
  const restapi = nodeAt(input.root, ['restapi']);
  // Client certificates (verify_client: required) and an allowlist also keep strangers out.
  const verify = restapi?.kind === 'dict' ? restapi.entries.get('verify_client') : undefined;
  if (restapi?.kind !== 'dict' || restapi.entries.has('authentication') || restapi.entries.has('allowlist') || (verify?.kind === 'str' && verify.value === 'required')) return [];
  const message = 'The REST API has no authentication: anyone who reaches it can switch over, restart or reinitialize members';
  return [patroniDiagnostic({ range: input.toRange(keySpan(restapi)), code: CODES.restapiAuth, severity: 'warning', message, hint: 'Add restapi.authentication (username, password), or PATRONI_RESTAPI_USERNAME/PATRONI_RESTAPI_PASSWORD.' })];
}

/** The PATRONI_* variable Patroni reads for a dotted path (postgresql.authentication.superuser.password → PATRONI_SUPERUSER_PASSWORD). */
function variableFor(catalog: PatroniCatalogFile, path: string): string | undefined {
  return Object.entries(catalog.environment).find(([, target]) => target.path === path)?.[0];
}

function passwordsIn(node: PyNode | undefined, path: string[], out: { path: string; node: PyNode }[]): void {
  if (node?.kind !== 'dict') return;
  for (const [key, value] of node.entries) {
    if (key === 'password' && value.kind === 'str' && value.value !== '') out.push({ path: [...path, key].join('.'), node: value });
    else if (path.length < 5 && !(path.join('.') === LOCAL_PARAMETERS.join('.') || path.join('.') === DCS_PARAMETERS.join('.'))) passwordsIn(value, [...path, key], out);
  }
}

function passwordRule(input: RuleInput): Diagnostic[] {
  const found: { path: string; node: PyNode }[] = [];
  passwordsIn(input.root, [], found);
  return found.map(({ path, node }) => {
    const variable = variableFor(input.catalog, path);
    const hint = variable ? `Give it through ${variable} instead (Patroni reads it from the environment), and keep the file free of secrets.` : 'Keep secrets out of the file (PATRONI_<USER>_PASSWORD for bootstrap users).';
    return patroniDiagnostic({ range: input.toRange(node), code: CODES.plainPassword, severity: 'information', message: `Password in plain text (${path})`, hint });
  });
}

export function patroniRules(input: RuleInput): Diagnostic[] {
  return [...etcdRule(input), ...timingRule(input), ...synchronousRule(input), ...restapiRule(input), ...passwordRule(input)];
}

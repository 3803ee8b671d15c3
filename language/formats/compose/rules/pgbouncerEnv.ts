/**
 * PgBouncer services configured through their image's environment (edoburu/pgbouncer or bitnami/pgbouncer
 * contract, as our entrypoint honours them): values PgBouncer of the image's version would refuse in the
 * generated pgbouncer.ini, variables the image does not read, and the start-up stops of the entrypoint.
 */
import { closestMatches } from '../../pgconf/didYouMean';
import { versionLine } from '../../pgbouncer/knowledge';
import { acceptsValue } from '../../pgbouncer/values';
import type { EnvEntry } from '../fields';
import { envValue, hasEnv, type ServiceInfo } from '../model';
import { contractName, pgbouncerEnvRoutes, serviceContract, type PgbouncerContract, type PgbouncerEnv } from '../pgbouncerEnv';
import type { RuleContext } from './context';

/** Whether the command names a config file of its own (then nothing is generated). */
const commandHasConfig = (service: ServiceInfo) => service.command.words.slice(1).some((w) => !w.text.startsWith('-'));

export function pgbouncerEnvRules(ctx: RuleContext): void {
  if (!ctx.pgbouncerEnv) return;
  for (const service of ctx.model.services) {
    if (service.flavor !== 'pgbouncer' || service.built) continue;
    const contract = serviceContract(service);
    if (contract) serviceRules(ctx, ctx.pgbouncerEnv(), service, contract);
  }
}

function serviceRules(ctx: RuleContext, env: PgbouncerEnv, service: ServiceInfo, contract: PgbouncerContract): void {
  const generated = !service.poolerConfig && !commandHasConfig(service);
  const version = versionLine(env.knowledge, (service.image?.tag ?? '').replace(/^v/, '')) ?? env.knowledge.newest;
  for (const entry of service.env) entryRule(ctx, env, service, entry, { contract, generated, version });
  if (generated) startRule(ctx, service, contract);
}

interface Judged {
  contract: PgbouncerContract;
  generated: boolean;
  version: string;
}

function entryRule(ctx: RuleContext, env: PgbouncerEnv, service: ServiceInfo, entry: EnvEntry, judged: Judged): void {
  const info = env.find(entry.name);
  const data = { service: service.name };
  if (!info) {
    const own = env.namesOf(judged.contract);
    const close = closestMatches(entry.name, own, 2);
    if (!close.length && !(judged.contract === 'bitnami' && entry.name.startsWith('PGBOUNCER_'))) return;
    const fixes = close.map((name, i) => ({ title: `Change to ${name}`, edits: [ctx.edit(entry.keySpan, name)], isPreferred: i === 0 }));
    ctx.report(entry.keySpan, 'warning', 'compose/pgbouncer-env-unknown', `The ${contractName(judged.contract)} entrypoint does not read ${entry.name}. ${close.length ? `Did you mean ${close.join(' or ')}?` : 'Check the spelling.'}`, { ...data, fixes });
    return;
  }
  if (info.contract !== judged.contract && !/^(DATABASE_URL)$/.test(entry.name)) {
    const twin = info.setting ? env.all.find((v) => v.contract === judged.contract && v.setting === info.setting)?.name : undefined;
    const fixes = twin ? [{ title: `Change to ${twin}`, edits: [ctx.edit(entry.keySpan, twin)], isPreferred: true }] : [];
    ctx.report(entry.keySpan, 'warning', 'compose/pgbouncer-env-ignored', `${entry.name} belongs to the ${contractName(info.contract)} contract; this ${contractName(judged.contract)} service ignores it.${twin ? ` Its variable for ${info.setting} is ${twin}.` : ''}`, { ...data, fixes });
    return;
  }
  if (!judged.generated) {
    ctx.report(entry.keySpan, 'information', 'compose/pgbouncer-env-ignored', `${entry.name} is not read: the service ${service.poolerConfig ? `mounts ${service.poolerConfig.path}` : 'names a config file in its command'}, which PgBouncer uses as is. Set it in that pgbouncer.ini.`, data);
    return;
  }
  if (info.setting && entry.resolved !== undefined && entry.resolved !== '') valueRule(ctx, env, service, entry, info.setting, judged.version);
}

function valueRule(ctx: RuleContext, env: PgbouncerEnv, service: ServiceInfo, entry: EnvEntry, setting: string, version: string): void {
  const facts = env.knowledge.of(version).settings.get(setting);
  const span = entry.valueSpan ?? entry.keySpan;
  const image = service.image?.text ?? 'the image';
  if (!facts) {
    const known = env.knowledge.versionsOf(setting);
    ctx.report(entry.keySpan, 'error', 'compose/pgbouncer-env-invalid', `unknown parameter: pgbouncer/${setting} — PgBouncer ${version} (${image}) refuses the pgbouncer.ini generated from ${entry.name}${known.length ? `; ${setting} exists in PgBouncer ${known.join(', ')}` : ''}. Remove the variable or use a newer image.`, { service: service.name });
    return;
  }
  const value = entry.resolved!;
  if (acceptsValue(facts, value)) return;
  const hint = facts.type === 'enum' ? `PgBouncer accepts ${(facts.values ?? []).join(', ')}.` : facts.type === 'real' ? 'PgBouncer wants seconds without a unit.' : 'PgBouncer wants a whole number (on/off settings are 0 or 1).';
  const fixes = (facts.values ?? []).filter((v) => closestMatches(value, [v]).length).map((v, i) => ({ title: `Change to ${v}`, edits: [ctx.edit(span, v)], isPreferred: i === 0 }));
  ctx.report(span, 'error', 'compose/pgbouncer-env-invalid', `invalid value "${value}" for parameter ${setting} in configuration — PgBouncer ${version} stops at the pgbouncer.ini generated from ${entry.name}. ${hint}`, { service: service.name, fixes });
}

/** What stops the entrypoint before PgBouncer starts, and databases sent to hosts the stack does not have. */
function startRule(ctx: RuleContext, service: ServiceInfo, contract: PgbouncerContract): void {
  const env = (name: string) => envValue(service, name);
  const names = [...service.env.map((e) => e.name), ...service.envFileVars.keys()];
  const data = { service: service.name };
  if (contract === 'edoburu' && !hasEnv(service, 'DATABASE_URL') && !hasEnv(service, 'DB_HOST')) {
    ctx.report(service.nameSpan, 'error', 'compose/pgbouncer-no-backend', `"${service.name}" sets neither DATABASE_URL nor DB_HOST and mounts no pgbouncer.ini: the entrypoint stops ("no backend"). Set DB_HOST to the primary service, or mount a pgbouncer.ini.`, data);
    return;
  }
  const passwordless = !hasEnv(service, 'POSTGRESQL_PASSWORD') && !hasEnv(service, 'POSTGRESQL_PASSWORD_FILE') && env('PGBOUNCER_AUTH_TYPE') !== 'trust' && env('ALLOW_EMPTY_PASSWORD') !== 'yes';
  if (contract === 'bitnami' && passwordless) {
    ctx.report(service.nameSpan, 'error', 'compose/pgbouncer-no-backend', `"${service.name}" sets no POSTGRESQL_PASSWORD: the bitnami/pgbouncer entrypoint stops before PgBouncer starts. Set POSTGRESQL_PASSWORD (or _FILE), or ALLOW_EMPTY_PASSWORD=yes for development.`, data);
  }
  for (const route of pgbouncerEnvRoutes(env, names, contract)) {
    if (!route.host || ctx.model.byName.has(route.host) || /^(localhost|[\d.]+|[0-9a-f:]+)$/i.test(route.host) || /\$/.test(route.host)) continue;
    const entry = service.env.find((e) => /^(DATABASE_URL|DB_HOST|POSTGRESQL_HOST|PGBOUNCER_DSN_\d+)$/.test(e.name) && e.resolved?.includes(route.host!));
    const close = closestMatches(route.host, [...ctx.model.byName.keys()], 1);
    ctx.report(entry?.valueSpan ?? service.nameSpan, 'warning', 'compose/pgbouncer-host-unknown', `Database ${route.database} goes to host "${route.host}", which is not a service of this file: PgBouncer cannot connect unless the name resolves elsewhere.${close.length ? ` Did you mean ${close[0]}?` : ''}`, data);
  }
}

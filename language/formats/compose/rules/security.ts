import { hbaRulesOf } from '../../pghba/rulesOf';
import { findEnvVar, isSecretVar, plainSecret } from '../knowledge';
import type { EnvEntry } from '../fields';
import { envEntry, envValue, hasEnv, type ServiceInfo } from '../model';
import type { Fix } from '../../../diagnostics';
import type { RuleContext } from './context';
import { hbaScript, initScriptFix } from './edits';
import { exposureRules } from './exposure';
import { trustRules } from './trust';

/** Exposure and credential rules. */
export function securityRules(ctx: RuleContext): void {
  exposureRules(ctx);
  trustRules(ctx);
  for (const service of ctx.model.services.filter((s) => s.pgRelated)) {
    credentialRules(ctx, service);
    for (const env of service.env) quotedValueRule(ctx, service, env);
    for (const script of service.init.scripts.filter((s) => s.missing)) {
      ctx.report(script.volume.span, 'warning', 'compose/init-script-missing', `The mounted init script ${script.volume.source} does not exist next to the compose file: Docker creates an empty directory at ${script.containerPath} instead, so the script never runs${/\.(sh|sql)$/.test(script.containerPath) ? ' (a directory named like a script makes the entrypoint stop)' : ''}.`, { service: service.name });
    }
  }
}

function plainPasswordRule(ctx: RuleContext, service: ServiceInfo, env: EnvEntry): void {
  if (!isSecretVar(env.name) || !plainSecret(env.value)) return;
  const info = findEnvVar(env.name, service.flavor);
  const better = info?.fileVariant
    ? `Prefer ${env.name}_FILE with a Docker secret, or \${${env.name}} from an untracked .env file.`
    : env.name === 'PGPASSWORD'
      ? 'libpq has no PGPASSWORD_FILE: read a Docker secret in the command (export PGPASSWORD="$$(cat /run/secrets/…)") or use PGPASSFILE.'
      : `Prefer a Docker secret, or \${${env.name}} from an untracked .env file.`;
  ctx.report(env.valueSpan ?? env.keySpan, 'information', 'compose/plain-password', `${env.name} is written in plain text${env.fromAnchor ? ` (in anchor "${env.fromAnchor}")` : ''}: anyone who can read this file or inspect the container sees it. ${better}`, { service: service.name });
}

function credentialRules(ctx: RuleContext, service: ServiceInfo): void {
  const names = new Set(service.env.map((e) => e.name));
  for (const env of service.env) {
    if (env.name.endsWith('_FILE') && names.has(env.name.slice(0, -5))) {
      ctx.report(env.keySpan, 'error', 'compose/env-and-file', `Both ${env.name.slice(0, -5)} and ${env.name} are set: the entrypoint stops with "both … are set (but are exclusive)". Keep only ${env.name}.`, { service: service.name });
    }
    plainPasswordRule(ctx, service, env);
    if (isSecretVar(env.name) && /PASSWORD$/.test(env.name) && env.resolved === '' && service.role === 'primary' && service.family === 'official') {
      ctx.report(env.keySpan, 'error', 'compose/empty-password', `${env.name} is empty: the official image refuses to initialise with an empty superuser password (and an empty password cannot log in over the network).`, { service: service.name });
    }
  }
  const auth = envEntry(service, 'POSTGRES_HOST_AUTH_METHOD');
  const method = envValue(service, 'POSTGRES_HOST_AUTH_METHOD')?.split('\n')[0].trim();
  if (service.flavor === 'official' && service.role === 'primary' && method !== 'trust' && !hasEnv(service, 'POSTGRES_PASSWORD') && !hasEnv(service, 'POSTGRES_PASSWORD_FILE')) {
    ctx.report(service.nameSpan, 'error', 'compose/missing-password', `"${service.name}" sets neither POSTGRES_PASSWORD nor POSTGRES_PASSWORD_FILE: the official image refuses to initialise an empty data directory ("superuser password is not specified").`, { service: service.name });
  }
  if (auth?.resolved?.includes('\n')) hbaSmuggleRule(ctx, service);
}

/** In the list form (`- NAME='value'`) Compose keeps quotes: they become part of the value. */
function quotedValueRule(ctx: RuleContext, service: ServiceInfo, env: EnvEntry): void {
  if (!env.listForm || !env.value || env.value.length < 2 || !/^(['"]).*\1$/s.test(env.value)) return;
  const inner = env.value.slice(1, -1);
  const span = env.valueSpan ?? env.keySpan;
  ctx.report(span, 'warning', 'compose/env-quoted-value', `In the list form Compose keeps quotes: ${env.name} is ${env.value} with the ${env.value[0] === "'" ? 'single' : 'double'} quotes as part of the value, not ${inner === '' ? 'empty' : inner}. Drop the quotes (or use the mapping form).`, {
    service: service.name,
    fixes: env.valueSpan ? [{ title: `Use ${env.name}=${inner}`, edits: [ctx.edit(env.valueSpan, inner)], isPreferred: true }] : undefined,
  });
}

/** POSTGRES_HOST_AUTH_METHOD: "scram-sha-256\nhost replication all 0.0.0.0/0 md5" works by accident. */
function hbaSmuggleRule(ctx: RuleContext, service: ServiceInfo): void {
  const auth = envEntry(service, 'POSTGRES_HOST_AUTH_METHOD')!;
  const [method, ...extra] = auth.resolved!.split('\n');
  const user = hbaRulesOf(extra[0] ?? '')[0]?.roles.map((t) => t.text).join(',') || 'all';
  const fix = initScriptFix(ctx, service, 'Move the pg_hba line into an init script', '00-replication-hba.sh', hbaScript(user === 'all' ? 'all' : user, 'scram-sha-256'));
  const fixes: Fix[] = [];
  if (fix && auth.valueSpan) fixes.push({ ...fix, edits: [...fix.edits, ctx.edit(auth.valueSpan, method.trim())], isPreferred: true });
  ctx.report(auth.valueSpan ?? auth.keySpan, 'warning', 'compose/hba-in-auth-method', `POSTGRES_HOST_AUTH_METHOD contains a newline: the entrypoint writes "host all all all ${method.trim()}" and the text after the newline becomes an extra pg_hba.conf line (${extra.join(' / ').trim()}). It works by accident of how the variable is echoed, and only on first initialisation. Add the line from an init script instead.`, {
    service: service.name,
    fixes,
  });
}

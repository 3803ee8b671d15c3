import { findEnvVar, isSecretVar } from '../knowledge';
import { envEntry, type ServiceInfo } from '../model';
import type { Fix } from '../../../diagnostics';
import type { RuleContext } from './context';
import { hbaScript, initScriptFix } from './edits';

/** Exposure and credential rules. */
export function securityRules(ctx: RuleContext): void {
  for (const service of ctx.model.services.filter((s) => s.pgRelated)) {
    portRules(ctx, service);
    credentialRules(ctx, service);
    for (const script of service.init.scripts.filter((s) => s.missing)) {
      ctx.report(script.volume.span, 'warning', 'compose/init-script-missing', `The mounted init script ${script.volume.source} does not exist next to the compose file: Docker mounts an empty directory at ${script.containerPath} and the entrypoint skips it.`, { service: service.name });
    }
  }
}

function portRules(ctx: RuleContext, service: ServiceInfo): void {
  for (const port of service.ports) {
    if (port.hostIp || port.hostPort === undefined && port.short) continue;
    const fixed = port.short ? `"127.0.0.1:${port.text}"` : undefined;
    ctx.report(port.span, 'warning', 'compose/port-all-interfaces', `Port ${port.hostPort ?? port.containerPort} of "${service.name}" is published on all interfaces: anyone who reaches this host can try to log in. Bind it to 127.0.0.1 unless other machines must connect.`, {
      service: service.name,
      fixes: fixed ? [{ title: 'Publish on 127.0.0.1 only', edits: [ctx.edit(port.span, fixed)], isPreferred: true }] : undefined,
    });
  }
}

function credentialRules(ctx: RuleContext, service: ServiceInfo): void {
  const names = new Set(service.env.map((e) => e.name));
  for (const env of service.env) {
    if (env.name.endsWith('_FILE') && names.has(env.name.slice(0, -5))) {
      ctx.report(env.keySpan, 'error', 'compose/env-and-file', `Both ${env.name.slice(0, -5)} and ${env.name} are set: the entrypoint stops with "both … are set (but are exclusive)". Keep only ${env.name}.`, { service: service.name });
    }
    if (isSecretVar(env.name) && env.value && !/^\$\{?[A-Za-z_]/.test(env.value)) {
      const info = findEnvVar(env.name, service.flavor);
      const better = info?.fileVariant
        ? `Prefer ${env.name}_FILE with a Docker secret, or \${${env.name}} from an untracked .env file.`
        : env.name === 'PGPASSWORD'
          ? 'libpq has no PGPASSWORD_FILE: read a Docker secret in the command (export PGPASSWORD="$$(cat /run/secrets/…)") or use PGPASSFILE.'
          : `Prefer a Docker secret, or \${${env.name}} from an untracked .env file.`;
      ctx.report(env.valueSpan ?? env.keySpan, 'information', 'compose/plain-password', `${env.name} is written in plain text${env.fromAnchor ? ` (in anchor "${env.fromAnchor}")` : ''}: anyone who can read this file or inspect the container sees it. ${better}`, { service: service.name });
    }
    if (isSecretVar(env.name) && env.value === '' && service.role !== 'replica') {
      ctx.report(env.keySpan, 'error', 'compose/empty-password', `${env.name} is empty: the official image refuses to initialise with an empty superuser password (and an empty password cannot log in over the network).`, { service: service.name });
    }
  }
  const auth = envEntry(service, 'POSTGRES_HOST_AUTH_METHOD');
  const method = auth?.value?.split('\n')[0].trim();
  if (auth && method === 'trust') {
    ctx.report(auth.valueSpan ?? auth.keySpan, 'warning', 'compose/trust-auth', `POSTGRES_HOST_AUTH_METHOD=trust lets anyone who reaches the port connect as any user without a password.`, {
      service: service.name,
      fixes: auth.valueSpan ? [{ title: 'Use scram-sha-256', edits: [ctx.edit(auth.valueSpan, 'scram-sha-256')] }] : undefined,
    });
  }
  const allowEmpty = envEntry(service, 'ALLOW_EMPTY_PASSWORD');
  if (allowEmpty && /^(yes|true|1)$/i.test(allowEmpty.value ?? '')) {
    ctx.report(allowEmpty.valueSpan ?? allowEmpty.keySpan, 'warning', 'compose/trust-auth', 'ALLOW_EMPTY_PASSWORD=yes starts Bitnami PostgreSQL without a password: anyone who reaches the port can connect.', { service: service.name });
  }
  if (service.flavor === 'official' && service.role === 'primary' && method !== 'trust') {
    const hasPassword = names.has('POSTGRES_PASSWORD') || names.has('POSTGRES_PASSWORD_FILE');
    if (!hasPassword) {
      ctx.report(service.nameSpan, 'error', 'compose/missing-password', `"${service.name}" sets neither POSTGRES_PASSWORD nor POSTGRES_PASSWORD_FILE: the official image refuses to initialise an empty data directory ("superuser password is not specified").`, { service: service.name });
    }
  }
  if (auth?.value?.includes('\n')) hbaSmuggleRule(ctx, service);
}

/** POSTGRES_HOST_AUTH_METHOD: "scram-sha-256\nhost replication all 0.0.0.0/0 md5" works by accident. */
function hbaSmuggleRule(ctx: RuleContext, service: ServiceInfo): void {
  const auth = envEntry(service, 'POSTGRES_HOST_AUTH_METHOD')!;
  const [method, ...extra] = auth.value!.split('\n');
  const user = /^\s*host\w*\s+\S+\s+(\S+)/.exec(extra[0] ?? '')?.[1] ?? 'all';
  const fix = initScriptFix(ctx, service, 'Move the pg_hba line into an init script', '00-replication-hba.sh', hbaScript(user === 'all' ? 'all' : user, 'scram-sha-256'));
  const fixes: Fix[] = [];
  if (fix && auth.valueSpan) fixes.push({ ...fix, edits: [...fix.edits, ctx.edit(auth.valueSpan, method.trim())], isPreferred: true });
  ctx.report(auth.valueSpan ?? auth.keySpan, 'warning', 'compose/hba-in-auth-method', `POSTGRES_HOST_AUTH_METHOD contains a newline: the entrypoint writes "host all all all ${method.trim()}" and the text after the newline becomes an extra pg_hba.conf line (${extra.join(' / ').trim()}). It works by accident of how the variable is echoed, and only on first initialisation. Add the line from an init script instead.`, {
    service: service.name,
    fixes,
  });
}

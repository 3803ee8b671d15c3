import { admitsReplication, hbaRulesOf } from '../../pghba/rulesOf';
import { basebackupOption } from '../command';
import { similarNames } from '../settingCheck';
import { envEntry, envValue, type ServiceInfo } from '../model';
import type { Fix } from '../../../diagnostics';
import type { RuleContext } from './context';
import { hbaScript, initScriptFix } from './edits';
import { initRoles } from './initRoles';
import { effectiveSetting, intValue } from './effective';
import { externalKeys } from '../launchFields';
import { libcOf, versionOf } from './majors';
import { mountedHbaRule } from './mountedHba';

/** Rules about primaries and the replicas that stream from them. */
export function replicationRules(ctx: RuleContext): void {
  const { model } = ctx;
  for (const replica of model.services.filter((s) => s.role === 'replica')) {
    const upstream = replica.upstream ? model.byName.get(replica.upstream) : undefined;
    if (replica.command.basebackup) basebackupRules(ctx, replica);
    if (!replica.upstream) continue;
    if (!upstream) {
      unknownUpstreamRule(ctx, replica);
      continue;
    }
    imageMatchRule(ctx, replica, upstream);
    hbaRules(ctx, replica, upstream);
  }
  for (const primary of model.services.filter((s) => s.role === 'primary')) primaryRules(ctx, primary);
}

/** Host names with dots or IPs point outside the file; a bare name must be a service, unless an external network may hold it. */
function unknownUpstreamRule(ctx: RuleContext, replica: ServiceInfo): void {
  const { model } = ctx;
  const host = replica.upstream!;
  if (/[.:]/.test(host) || host === 'localhost' || /^\$/.test(host) || model.services.some((s) => s.hostname === host)) return;
  const external = externalKeys(model.topLevel.get('networks')?.entry.value, model.anchors).filter((n) => replica.networks.includes(n));
  const span = replica.upstreamSpan ?? replica.nameSpan;
  if (external.length) {
    ctx.report(span, 'information', 'compose/replica-host-unknown', `Replica "${replica.name}" streams from "${host}", which is not a service of this file; it joins the external network "${external[0]}", where another project may run it.`, { service: replica.name });
    return;
  }
  const close = similarNames(model.services.filter((s) => s.role === 'primary').map((s) => s.name), host);
  ctx.report(span, 'error', 'compose/replica-host-unknown', `Replica "${replica.name}" streams from "${host}", which is not a service of this file: it will retry forever. Services: ${model.services.map((s) => s.name).join(', ')}.`, {
    service: replica.name,
    fixes: replica.upstreamSpan ? close.map((name, i) => ({ title: `Change to ${name}`, edits: [ctx.edit(replica.upstreamSpan!, name)], isPreferred: i === 0 })) : undefined,
  });
}

/** A replica runs the major of its primary, and the same C library (glibc and musl sort text differently). */
function imageMatchRule(ctx: RuleContext, replica: ServiceInfo, upstream: ServiceInfo): void {
  const [mine, theirs] = [versionOf(replica), versionOf(upstream)];
  const fixes = replica.image && upstream.image?.tag && !replica.image.fromAnchor ? [{ title: `Use ${upstream.image.text}`, edits: [ctx.edit(replica.image.span, upstream.image.text)], isPreferred: true }] : undefined;
  if (mine && theirs && mine !== theirs) {
    ctx.report(replica.image?.span ?? replica.nameSpan, 'error', 'compose/major-mismatch', `Physical replication needs the same major version: "${replica.name}" runs PostgreSQL ${mine} but its primary "${upstream.name}" runs ${theirs}.`, { service: replica.name, fixes });
    return;
  }
  const [libc, upstreamLibc] = [libcOf(replica), libcOf(upstream)];
  if (!libc || !upstreamLibc || libc === upstreamLibc || replica.role !== 'replica') return;
  const name = (l: string) => (l === 'musl' ? 'Alpine, musl' : 'Debian, glibc');
  ctx.report(replica.image!.span, 'warning', 'compose/image-line-mismatch', `"${replica.name}" runs ${replica.image!.text} (${name(libc)}) but its primary "${upstream.name}" runs ${upstream.image!.text} (${name(upstreamLibc)}): the two C libraries sort text differently, so indexes on text the replica copies can return wrong rows there (unless every database uses the C collation). Use the same image line on both.`, { service: replica.name, fixes });
}

function basebackupRules(ctx: RuleContext, replica: ServiceInfo): void {
  const call = replica.command.calls.find((c) => c.program === 'pg_basebackup')!;
  if (!basebackupOption(replica.command, 'write-recovery-conf')) {
    ctx.report(call.span, 'warning', 'compose/basebackup-no-r', `pg_basebackup without -R (--write-recovery-conf) writes no standby.signal: "${replica.name}" starts as an independent primary, not a replica.`, {
      service: replica.name,
      fixes: [{ title: 'Add -R (write standby.signal and primary_conninfo)', edits: [ctx.edit({ start: call.span.end, end: call.span.end }, ' -R')], isPreferred: true }],
    });
  }
}

/** The replica's user must be allowed a `replication` connection by the upstream's pg_hba.conf. */
function hbaRules(ctx: RuleContext, replica: ServiceInfo, upstream: ServiceInfo): void {
  if (upstream.init.customHba) mountedHbaRule(ctx, replica, upstream);
  if (upstream.flavor !== 'official' || upstream.init.customHba) return;
  const smuggled = smuggledHba(upstream);
  const methods = [...upstream.init.hbaReplicationMethods, ...smuggled.methods];
  const user = replica.replicationUser ?? 'postgres';
  if (!upstream.init.hbaReplication && !smuggled.replication) {
    if (upstream.init.unreadable) return;
    ctx.report(replica.upstreamSpan ?? replica.nameSpan, 'error', 'compose/hba-no-replication', `"${upstream.name}" has no pg_hba.conf entry for replication connections: the official image only adds "host all all all …", and "all" does not match replication. pg_basebackup from "${replica.name}" fails with "no pg_hba.conf entry for replication connection".`, {
      service: replica.name,
      fixes: [initScriptFix(ctx, upstream, `Add a replication entry for "${user}" in an init script`, '00-replication-hba.sh', hbaScript(user))].filter((f): f is Fix => !!f),
    });
  } else if (methods.includes('md5') && (upstream.major ?? 14) >= 14) {
    const span = smuggled.span ?? upstream.nameSpan;
    ctx.report(span, 'information', 'compose/hba-md5', `The replication entry uses md5, but PostgreSQL ${upstream.major ?? '14+'} stores passwords as SCRAM (password_encryption = scram-sha-256), so md5 silently performs SCRAM. Write scram-sha-256 to say what happens.`, { service: upstream.name });
  }
  // The replication role must exist on the upstream (created by init SQL, or be the superuser).
  const superuser = envValue(upstream, 'POSTGRES_USER') ?? 'postgres';
  const created = initRoles(ctx, upstream);
  const known = [superuser.toLowerCase(), ...created.replicationRoles];
  if (!known.includes(user.toLowerCase()) && !upstream.init.unreadable) {
    const exists = created.roles.includes(user.toLowerCase());
    const span = envEntry(replica, 'PGUSER')?.valueSpan ?? basebackupOption(replica.command, 'username')?.valueSpan ?? replica.nameSpan;
    ctx.report(span, 'error', 'compose/replication-role-missing', exists
      ? `Role "${user}" is created on "${upstream.name}" without the REPLICATION attribute: pg_basebackup is refused.`
      : `Role "${user}" does not exist on "${upstream.name}": nothing creates it (POSTGRES_USER is "${superuser}", and no init script runs CREATE ROLE ${user} … REPLICATION).`, {
      service: replica.name,
      fixes: [initScriptFix(ctx, upstream, `Create role "${user}" with REPLICATION in an init script`, '00-replication-role.sql', `CREATE ROLE ${user} WITH REPLICATION LOGIN PASSWORD '${envValue(replica, 'PGPASSWORD') ?? 'change-me'}';\n`, `CREATE ROLE ${user} WITH REPLICATION LOGIN PASSWORD '${envValue(replica, 'PGPASSWORD') ?? 'change-me'}';`)].filter((f): f is Fix => !!f),
    });
  }
}

/** A pg_hba line smuggled into POSTGRES_HOST_AUTH_METHOD after a newline. */
export function smuggledHba(service: ServiceInfo): { replication: boolean; methods: string[]; span?: ReturnType<typeof spanOfAuth> } {
  const entry = envEntry(service, 'POSTGRES_HOST_AUTH_METHOD');
  if (!entry?.value?.includes('\n')) return { replication: false, methods: [] };
  const lines = entry.value.split('\n').slice(1);
  const repl = lines.flatMap((line) => hbaRulesOf(line)).filter((rule) => rule.connectionType !== 'local' && admitsReplication(rule));
  return { replication: repl.length > 0, methods: repl.flatMap((rule) => (rule.method ? [rule.method] : [])), span: spanOfAuth(service) };
}

function spanOfAuth(service: ServiceInfo) {
  const e = envEntry(service, 'POSTGRES_HOST_AUTH_METHOD');
  return e?.valueSpan ?? e?.keySpan;
}

function primaryRules(ctx: RuleContext, primary: ServiceInfo): void {
  const { model } = ctx;
  const replicas = model.services.filter((s) => s.role === 'replica' && s.upstream === primary.name);
  if (!replicas.length) return;
  const fixSetting = (name: string, value: string, span: { start: number; end: number } | undefined): Fix[] =>
    span ? [{ title: `Set ${name}=${value}`, edits: [ctx.edit(span, value)], isPreferred: true }] : [];
  const wal = effectiveSetting(primary, 'wal_level', 'replica');
  if (wal.value.trim().toLowerCase() === 'minimal') {
    ctx.report(wal.valueSpan ?? wal.span ?? primary.nameSpan, 'error', 'compose/wal-level-too-low', `wal_level = minimal on "${primary.name}" does not write enough WAL for the replicas (${replicas.map((r) => r.name).join(', ')}); it must be replica or logical.`, { service: primary.name, fixes: fixSetting('wal_level', 'replica', wal.valueSpan) });
  }
  const senders = effectiveSetting(primary, 'max_wal_senders', '10');
  if (intValue(senders.value) === 0) {
    ctx.report(senders.valueSpan ?? primary.nameSpan, 'error', 'compose/max-wal-senders-zero', `max_wal_senders = 0 on "${primary.name}": no replica can connect (${replicas.length} configured).`, { service: primary.name, fixes: fixSetting('max_wal_senders', '10', senders.valueSpan) });
  } else if (intValue(senders.value) !== undefined && intValue(senders.value)! < replicas.length) {
    ctx.report(senders.valueSpan ?? primary.nameSpan, 'warning', 'compose/max-wal-senders-too-small', `max_wal_senders = ${senders.value} on "${primary.name}" is fewer than its ${replicas.length} replicas (pg_basebackup needs extra senders while copying).`, { service: primary.name, fixes: fixSetting('max_wal_senders', String(replicas.length + 2), senders.valueSpan) });
  }
  const slotsUsed = new Set(replicas.map((r) => r.slot).filter((s): s is string => !!s));
  const maxSlots = effectiveSetting(primary, 'max_replication_slots', '10');
  const maxSlotsValue = intValue(maxSlots.value);
  if (maxSlotsValue !== undefined && maxSlotsValue < slotsUsed.size) {
    ctx.report(maxSlots.valueSpan ?? primary.nameSpan, 'error', 'compose/max-replication-slots-too-small', `max_replication_slots = ${maxSlotsValue} on "${primary.name}" but ${slotsUsed.size} slots are used (${[...slotsUsed].join(', ')}).`, { service: primary.name, fixes: fixSetting('max_replication_slots', String(Math.max(10, slotsUsed.size)), maxSlots.valueSpan) });
  }
  for (const replica of replicas) {
    if (!replica.slot) continue;
    const createdByReplica = !!basebackupOption(replica.command, 'create-slot') || !!replica.startup.basebackup?.createSlot;
    const createdByPrimary = initRoles(ctx, primary).createdSlots.includes(replica.slot);
    if (createdByReplica || createdByPrimary || primary.init.unreadable) continue;
    const sql = `SELECT pg_create_physical_replication_slot('${replica.slot}');`;
    ctx.report(replica.slotSpan ?? replica.nameSpan, 'error', 'compose/slot-not-created', `Slot "${replica.slot}" is not created on "${primary.name}": no init script calls pg_create_physical_replication_slot('${replica.slot}') and pg_basebackup has no -C. pg_basebackup fails with "replication slot does not exist". (-C in a retry loop fails once the slot exists, so create it in the primary's init script.)`, {
      service: replica.name,
      fixes: [initScriptFix(ctx, primary, `Create slot "${replica.slot}" in an init script of "${primary.name}"`, '01-replication-slot.sql', `${sql}\n`, sql)].filter((f): f is Fix => !!f),
    });
  }
}

/**
 * compose/basebackup-restart-loop: a replica whose command clones the primary with pg_basebackup on every start,
 * without first checking whether its data directory is already filled, under a restart policy. The first start
 * works; after any restart (crash, reboot, `docker restart`) pg_basebackup refuses the non-empty directory, the
 * command fails (or its retry loop spins forever) and the policy restarts it again and again.
 */
import type { ServiceInfo } from '../model';
import { scalarText } from '../yaml/nodes';
import type { RuleContext } from './context';

const RESTARTING = new Set(['always', 'unless-stopped', 'on-failure']);

/**
 * Signs that the command looks at the data directory before cloning: PG_VERSION, a file/dir/emptiness test
 * (`[ -s …`, `test -d …`, `ls -A`), or emptying it first (`rm -rf`, `find … -delete`).
 */
const DATA_CHECK = /PG_VERSION|\b(?:test|\[\[?)\s+!?\s*-[sdefz]\b|\bls\s+-[A-Za-z]*A|\brm\s+-[A-Za-z]*r|-delete\b|\bmktemp\b/;
/** A retry loop around the clone (`until pg_basebackup …`, `while … pg_basebackup …`). */
const LOOP = /\b(?:until|while|for)\b/;

export function basebackupRestartRule(ctx: RuleContext, service: ServiceInfo): void {
  const { command } = service;
  const call = command.calls.find((c) => c.program === 'pg_basebackup');
  if (!call || !command.span) return;
  const restartEntry = service.entries.find((e) => e.key === 'restart');
  const policy = restartEntry ? scalarText(restartEntry.value, ctx.model.anchors)?.replace(/:\d+$/, '') : undefined;
  if (!restartEntry || !policy || !RESTARTING.has(policy)) return;
  const script = ctx.model.text.slice(command.span.start, command.span.end);
  if (DATA_CHECK.test(script)) return;
  const loops = LOOP.test(script);
  ctx.report(
    call.span,
    'warning',
    'compose/basebackup-restart-loop',
    `"${service.name}" runs pg_basebackup on every start without checking whether its data directory is already filled, and \`restart: ${policy}\` restarts it: after the first restart pg_basebackup refuses the non-empty directory${loops ? ' and the retry loop spins forever' : ' and the container restarts forever'}. Clone only when the directory is empty, e.g. \`[ -s "$PGDATA/PG_VERSION" ] || pg_basebackup …\`.`,
    { service: service.name },
  );
}

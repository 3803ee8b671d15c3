/**
 * A pg_hba.conf mounted into a primary, read whole by the pg_hba.conf parser: does it let each replica's user
 * open a replication connection from the stack's network? Says which line is missing (or which line refuses it)
 * and offers to add the line to the mounted file.
 */
import * as path from 'path';
import { pathToFileURL } from 'url';
import type { Fix } from '../../../diagnostics';
import { appendedReplicationLine, linesTellAll, replicaRefused, replicationLine } from '../../pghba/match';
import { parseHba } from '../../pghba/parser';
import type { HbaMajor } from '../../pghba/types';
import type { HbaRule } from '../../pghba/verdict';
import type { ServiceInfo } from '../model';
import type { RuleContext } from './context';

/**
 * The rules PostgreSQL keeps from the file (with their line numbers), or undefined when includes or @files make the
 * rest unknown here; parsed once per check however many replicas read from the server.
 */
export function keptRules(file: { hostPath: string; text: string }, ctx: RuleContext, upstream: ServiceInfo): Map<HbaRule, number> | undefined {
  const key = `kept-hba\0${upstream.name}\0${file.hostPath}`;
  if (!ctx.memo.has(key)) ctx.memo.set(key, parseKept(file.text, ctx.majorOf(upstream)));
  return ctx.memo.get(key) as Map<HbaRule, number> | undefined;
}

function parseKept(text: string, major: HbaMajor): Map<HbaRule, number> | undefined {
  const parsed = parseHba(text, major);
  // A line PostgreSQL rejects makes it refuse the whole file: the pg_hba.conf diagnostics say so, not this rule.
  if (!linesTellAll(parsed)) return undefined;
  return new Map(parsed.lines.flatMap((line) => (line.rule ? [[line.rule, line.lineNumber] as const] : [])));
}

function appendFix(hostPath: string, text: string, user: string): Fix {
  const lines = text.split('\n');
  const end = { line: lines.length - 1, character: lines[lines.length - 1].length };
  const newText = appendedReplicationLine(text, user);
  return { title: `Add "${replicationLine(user).replace(/\s+/g, ' ')}" to ${path.basename(hostPath)}`, edits: [], isPreferred: true, otherFiles: [{ uri: pathToFileURL(hostPath).toString(), edits: [{ range: { start: end, end }, newText }] }] };
}

export function mountedHbaRule(ctx: RuleContext, replica: ServiceInfo, upstream: ServiceInfo): void {
  const user = replica.replicationUser ?? 'postgres';
  for (const file of upstream.init.hbaFiles ?? []) {
    const rules = keptRules(file, ctx, upstream);
    if (!rules) continue;
    const refused = replicaRefused([...rules.keys()], user);
    if (!refused) continue;
    const decided = 'rejectedBy' in refused ? refused.rejectedBy : undefined;
    const where = `the pg_hba.conf mounted into "${upstream.name}" (${file.volume.source})`;
    const message = decided
      ? `Line ${rules.get(decided)} of ${where} rejects replication connections of "${user}" from the stack's network: pg_basebackup from "${replica.name}" fails with "pg_hba.conf rejects replication connection for host …, user "${user}"". Add a replication line for "${user}" above it.`
      : `${where[0].toUpperCase()}${where.slice(1)} has no line that lets "${user}" open a replication connection from the stack's network: pg_basebackup from "${replica.name}" fails with "no pg_hba.conf entry for replication connection from host …, user "${user}"". Add "${replicationLine(user).replace(/\s+/g, ' ')}".`;
    ctx.report(replica.upstreamSpan ?? replica.nameSpan, 'error', 'compose/hba-no-replication', message, { service: replica.name, fixes: decided ? undefined : [appendFix(file.hostPath, file.text, user)] });
  }
}

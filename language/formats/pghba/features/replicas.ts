/**
 * hba/replica-refused: this pg_hba.conf is the one a compose service with replicas runs with (the mount
 * ComposeMajorFinder knows), and a replica's user gets no replication line from the stack's network — or the
 * first line it reaches rejects it. The compose file gets compose/hba-no-replication; this is the same fact here.
 */
import * as path from 'path';
import type { Diagnostic } from 'vscode-languageserver-types';
import { makeDiagnostic, replaceFix } from '../../../diagnostics';
import type { MountedFile } from '../../pgconf/composeMajor';
import { HBA_CODES } from '../codes';
import { appendedReplicationLine, linesTellAll, replicaRefused, replicationLine } from '../match';
import type { ParsedHba } from '../parser';

export function replicasRefused(parsed: ParsedHba, mount: MountedFile | undefined, file: string): Diagnostic[] {
  const users = [...new Set(mount?.replicaUsersAsHba ?? [])];
  if (!mount || !users.length || !linesTellAll(parsed)) return [];
  const rules = parsed.lines.flatMap((line) => (line.rule ? [line.rule] : []));
  const composeFile = mount.composeFile ? path.relative(path.dirname(file), mount.composeFile) : 'its compose file';
  const lastLine = parsed.lineStarts.length - 1;
  const end = { line: lastLine, character: parsed.text.length - parsed.lineStarts[lastLine] };
  return users.flatMap((user) => {
    const refused = replicaRefused(rules, user);
    if (!refused) return [];
    const line = replicationLine(user);
    const whose = `"${user}", the user replicas of "${mount.service}" (${composeFile}) stream with`;
    if ('rejectedBy' in refused) {
      const token = refused.rejectedBy.methodToken ?? refused.rejectedBy.connectionToken;
      return [makeDiagnostic({ range: parsed.rangeOf(token.span), severity: 'error', code: HBA_CODES.replicaRefused, message: `This line rejects replication connections of ${whose}: pg_basebackup fails with "pg_hba.conf rejects replication connection"`, hint: `Add "${line.replace(/\s+/g, ' ')}" above it.` })];
    }
    const newText = appendedReplicationLine(parsed.text, user);
    const fix = replaceFix(`Add "${line.replace(/\s+/g, ' ')}"`, { start: end, end }, newText, true);
    const range = parsed.lines.length ? parsed.lines[parsed.lines.length - 1].range : { start: end, end };
    return [makeDiagnostic({ range, severity: 'error', code: HBA_CODES.replicaRefused, message: `No line lets ${whose}, open a replication connection from the compose network: pg_basebackup fails with "no pg_hba.conf entry for replication connection"`, hint: `Add "${line.replace(/\s+/g, ' ')}".`, data: { fixes: [fix] } })];
  });
}

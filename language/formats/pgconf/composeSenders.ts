/**
 * pgconf/max-wal-senders-replicas: this postgresql.conf is the config file of a compose service with replicas
 * (the link ComposeMajorFinder knows), and its max_wal_senders leaves no room for them. The compose file gets the
 * matching compose/max-wal-senders-* diagnostic on the mount; this is the same fact where the value is written.
 */
import * as path from 'path';
import type { Diagnostic } from 'vscode-languageserver-types';
import type { ParsedConf } from './ast';
import { replaceFix } from '../../diagnostics';
import { CODES, pgconfDiagnostic } from './codes';
import type { MountedFile } from './composeMajor';

export function sendersForReplicas(parsed: ParsedConf, mount: MountedFile | undefined, file: string): Diagnostic[] {
  const replicas = mount?.replicasAsConfig ?? 0;
  const setting = parsed.settings.filter((s) => s.key === 'max_wal_senders').pop();
  if (!mount || !replicas || !setting || !/^\d+$/.test(setting.value.trim())) return [];
  const senders = Number(setting.value.trim());
  if (senders >= replicas) return [];
  const composeFile = mount.composeFile ? path.relative(path.dirname(file), mount.composeFile) : 'its compose file';
  const enough = String(replicas + 2);
  const problem = senders === 0 ? 'no replica can connect' : 'fewer than its replicas (pg_basebackup needs extra senders while copying)';
  return [
    pgconfDiagnostic({
      range: setting.valueRange,
      code: CODES.sendersForReplicas,
      severity: senders === 0 ? 'error' : 'warning',
      message: `max_wal_senders = ${senders} in the config file of "${mount.service}" (${composeFile}), which has ${replicas} replica${replicas === 1 ? '' : 's'}: ${problem}`,
      hint: `Set it to at least ${enough}.`,
      data: { parameter: 'max_wal_senders', fixes: [replaceFix(`Change to ${enough}`, setting.valueRange, enough)] },
    }),
  ];
}

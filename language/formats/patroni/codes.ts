import type { Diagnostic } from 'vscode-languageserver-types';
import { makeDiagnostic, type DiagnosticData, type DiagnosticParts, type FormatCode } from '../../diagnostics';

export const PATRONI = 'patroni';

/**
 * Every patroni.yml diagnostic code. Stable: tests, docs and quick fixes key on them. The first group is what
 * `patroni --validate-config` (Patroni 3.0) prints, word for word; the rest is what Patroni takes but an HA
 * cluster should not.
 */
export const CODES = {
  /** Not YAML PyYAML reads: Patroni stops with a traceback. */
  yaml: 'patroni/yaml',
  /** An empty file or one that is not a mapping: Patroni 3.0.2 stops with a traceback (… object has no attribute 'items'). */
  empty: 'patroni/empty',
  /** A key the validator requires is missing ("… is not defined."). */
  required: 'patroni/required',
  /** A value of the wrong type ("is not a string", "is not and integer", "is not a dictionary", "is not a list"). */
  type: 'patroni/type',
  /** A value the validator's check refuses ("didn't pass validation: …", "is an empty list"). */
  invalid: 'patroni/invalid',
  /** A PostgreSQL parameter PostgreSQL itself would refuse (the postgresql.conf judge for the cluster's major). */
  parameter: 'patroni/parameter',
  /** A parameter Patroni sets itself and overrides (listen_addresses, port, …) or only takes from bootstrap.dcs. */
  managedParameter: 'patroni/managed-parameter',
  /** An even number of etcd members, or one: no more failures tolerated than with one member less. */
  etcdMembers: 'patroni/etcd-members',
  /** ttl, loop_wait and retry_timeout that do not leave room for a retry before the leader key expires. */
  timing: 'patroni/timing',
  /** synchronous_mode without synchronous_mode_strict: with no synchronous standby, commits are acknowledged alone. */
  synchronousStrict: 'patroni/synchronous-strict',
  /** The REST API (switchover, restart, reinitialize) without authentication. */
  restapiAuth: 'patroni/restapi-auth',
  /** A password written into the file. */
  plainPassword: 'patroni/plain-password',
} as const satisfies Record<string, FormatCode<typeof PATRONI>>;

export type PatroniCode = (typeof CODES)[keyof typeof CODES];

export interface PatroniDiagnosticData extends DiagnosticData {
  /** The line `patroni --validate-config` prints for this finding (the differential test compares them). */
  patroni?: string;
}

export const patroniDiagnostic = (parts: DiagnosticParts<PatroniCode, PatroniDiagnosticData>): Diagnostic => makeDiagnostic(parts);

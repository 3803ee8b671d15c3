import type { Diagnostic } from 'vscode-languageserver-types';
import { makeDiagnostic, type DiagnosticData, type DiagnosticParts, type FormatCode } from '../../diagnostics';

export const COMPOSE = 'compose';

/** Every compose rule code, in one place. Codes are stable: tests, docs and quick fixes key on them. */
export const COMPOSE_CODES = [
  'compose/yaml-syntax',
  'compose/duplicate-key',
  'compose/merge-conflict',
  'compose/merge-shallow-override',
  'compose/major-mismatch',
  'compose/major-unsupported',
  'compose/image-line-mismatch',
  'compose/format-v1',
  'compose/anchor-service',
  'compose/mount-in-data-directory',
  'compose/config-not-used',
  'compose/replica-not-standby',
  'compose/pool-not-replicated',
  'compose/sync-standby-no-spare',
  'compose/postgres-as-root',
  'compose/port-conflict',
  'compose/env-quoted-value',
  'compose/wal-level-too-low',
  'compose/max-wal-senders-zero',
  'compose/max-wal-senders-too-small',
  'compose/max-replication-slots-too-small',
  'compose/reserved-connections',
  'compose/slot-not-created',
  'compose/hba-no-replication',
  'compose/hba-pooler-refused',
  'compose/hba-md5',
  'compose/hba-in-auth-method',
  'compose/replication-role-missing',
  'compose/replica-host-unknown',
  'compose/basebackup-no-r',
  'compose/basebackup-restart-loop',
  'compose/depends-on-not-healthy',
  'compose/depends-on-unknown',
  'compose/healthcheck-missing',
  'compose/healthcheck-socket-only',
  'compose/port-all-interfaces',
  'compose/trust-auth',
  'compose/empty-password',
  'compose/missing-password',
  'compose/plain-password',
  'compose/patroni-variable',
  'compose/env-and-file',
  'compose/init-script-missing',
  'compose/file-refused',
  'compose/pg18-data-volume',
  'compose/unpinned-tag',
  'compose/version-obsolete',
  'compose/setting-missing-value',
  'compose/setting-unknown',
  'compose/setting-not-in-major',
  'compose/setting-internal',
  'compose/setting-invalid-value',
  'compose/setting-quoted',
  'compose/setting-overridden',
  'compose/init-sql-syntax',
  'compose/logical-wal-level',
  'compose/logical-no-replica-identity',
  'compose/logical-sequences',
  'compose/logical-table-missing',
  'compose/logical-publication-missing',
  'compose/logical-option-not-in-major',
  'compose/logical-host-unknown',
  'compose/pgbouncer-env-invalid',
  'compose/pgbouncer-env-unknown',
  'compose/pgbouncer-env-ignored',
  'compose/pgbouncer-no-backend',
  'compose/pgbouncer-host-unknown',
  'compose/logical-slots',
  'compose/logical-wal-senders',
  'compose/logical-workers',
  'compose/logical-worker-processes',
  'compose/logical-user-missing',
  'compose/logical-user-no-replication',
  'compose/logical-user-no-select',
  'compose/logical-hba',
  'compose/logical-ddl-differs',
] as const satisfies readonly FormatCode<typeof COMPOSE>[];

export type ComposeCode = (typeof COMPOSE_CODES)[number];

/** `Diagnostic.data` of every compose diagnostic: the shared fixes plus the service it is about. */
export interface ComposeDiagnosticData extends DiagnosticData {
  service?: string;
}

/** A compose diagnostic through the shared builder, its code and data typed for this format. */
export const composeDiagnostic = (parts: DiagnosticParts<ComposeCode, ComposeDiagnosticData>): Diagnostic => makeDiagnostic(parts);

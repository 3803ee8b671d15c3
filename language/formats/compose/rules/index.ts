import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic } from 'vscode-languageserver-types';
import type { Catalog, Major } from '../../../catalog/types';
import type { FileSystemHost } from '../../../service/types';
import type { ComposeModel } from '../model';
import { basebackupRestartRule } from './basebackupRestart';
import { RuleContext } from './context';
import { clusterRules } from './cluster';
import { lifecycleRules } from './lifecycle';
import { mountedSendersRule } from './mountedConf';
import { limitRules } from './limits';
import { majorRules } from './majors';
import { replicationRules } from './replication';
import { securityRules } from './security';
import { settingRules, yamlRules } from './settings';
import { anchorServiceRule, dataDirectoryMountRule, formatV1Rule } from './structure';

/** Every compose rule code, for docs and tests. */
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
  'compose/env-and-file',
  'compose/init-script-missing',
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
] as const;

/** Runs every rule; files without PostgreSQL services are left to other YAML tools. */
export function composeDiagnostics(doc: TextDocument, model: ComposeModel, catalog: Catalog, defaultMajor: Major, fs: FileSystemHost): Diagnostic[] {
  const ctx = new RuleContext(doc, model, catalog, defaultMajor, fs);
  formatV1Rule(ctx);
  if (model.pgRelated) {
    yamlRules(ctx);
    anchorServiceRule(ctx);
    replicationRules(ctx);
    clusterRules(ctx);
    securityRules(ctx);
    lifecycleRules(ctx);
    majorRules(ctx);
    for (const service of model.services) dataDirectoryMountRule(ctx, service);
    settingRules(ctx);
    limitRules(ctx);
    for (const service of model.services.filter((s) => s.role === 'replica')) basebackupRestartRule(ctx, service);
    for (const service of model.services.filter((s) => s.role === 'primary')) mountedSendersRule(ctx, service);
  }
  return ctx.diagnostics;
}

import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic } from 'vscode-languageserver-types';
import type { Catalog, Major } from '../../../catalog/types';
import { runSteps, type Steps } from '../../../service/steps';
import type { FileSystemHost } from '../../../service/types';
import type { ComposeModel } from '../model';
import { RuleContext } from './context';
import { lifecycleRules } from './lifecycle';
import { limitRules } from './limits';
import { replicationRules } from './replication';
import { securityRules } from './security';
import { settingRules, yamlRules } from './settings';

/** Every compose rule code, for docs and tests. */
export const COMPOSE_CODES = [
  'compose/yaml-syntax',
  'compose/duplicate-key',
  'compose/merge-conflict',
  'compose/merge-shallow-override',
  'compose/major-mismatch',
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

/** The rule families, each one step of a check. */
const FAMILIES = [yamlRules, replicationRules, securityRules, lifecycleRules, settingRules, limitRules];

/** Runs every rule, one family per step; files without PostgreSQL services are left to other YAML tools. */
export function* composeDiagnosticSteps(doc: TextDocument, model: ComposeModel, catalog: Catalog, defaultMajor: Major, fs: FileSystemHost): Steps<Diagnostic[]> {
  const ctx = new RuleContext(doc, model, catalog, defaultMajor, fs);
  if (!model.pgRelated) return ctx.diagnostics;
  for (const [i, family] of FAMILIES.entries()) {
    if (i > 0) yield;
    family(ctx);
  }
  return ctx.diagnostics;
}

export function composeDiagnostics(doc: TextDocument, model: ComposeModel, catalog: Catalog, defaultMajor: Major, fs: FileSystemHost): Diagnostic[] {
  return runSteps(composeDiagnosticSteps(doc, model, catalog, defaultMajor, fs));
}

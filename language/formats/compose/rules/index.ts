import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic } from 'vscode-languageserver-types';
import type { Catalog, Major } from '../../../catalog/types';
import { runSteps, type Steps } from '../../../service/steps';
import type { FileSystemHost } from '../../../service/types';
import type { ComposeModel } from '../model';
import type { PatroniKnowledge } from '../../patroni/environment';
import { basebackupRestartRule } from './basebackupRestart';
import { RuleContext } from './context';
import { clusterRules } from './cluster';
import { lifecycleRules } from './lifecycle';
import { mountedSendersRule } from './mountedConf';
import { mountedConfigRule } from './mountedConfigs';
import { limitRules } from './limits';
import { logicalRules } from './logical';
import type { SqlParserHost } from '../../../sql/parser';
import { patroniEnvRules } from './patroni';
import { refusedFilesRule } from './refusedFiles';
import { pgbouncerEnvRules } from './pgbouncerEnv';
import { poolerHbaRules } from './poolerHba';
import { poolerAuthRules } from './poolerAuth';
import type { PgbouncerEnv } from '../pgbouncerEnv';
import { majorRules } from './majors';
import { replicationRules } from './replication';
import { securityRules } from './security';
import { settingRules, yamlRules } from './settings';
import { anchorServiceRule, dataDirectoryMountRule, formatV1Rule } from './structure';

/** The rule families, in report order, each one step of a check. */
const FAMILIES: ((ctx: RuleContext) => void)[] = [
  yamlRules,
  anchorServiceRule,
  replicationRules,
  clusterRules,
  securityRules,
  lifecycleRules,
  majorRules,
  (ctx) => ctx.model.services.forEach((service) => dataDirectoryMountRule(ctx, service)),
  (ctx) => ctx.model.services.forEach((service) => mountedConfigRule(ctx, service)),
  settingRules,
  limitRules,
  (ctx) => ctx.model.services.filter((s) => s.role === 'replica').forEach((service) => basebackupRestartRule(ctx, service)),
  (ctx) => ctx.model.services.filter((s) => s.role === 'primary').forEach((service) => mountedSendersRule(ctx, service)),
  logicalRules,
  refusedFilesRule,
  patroniEnvRules,
  pgbouncerEnvRules,
  poolerHbaRules,
  poolerAuthRules,
];

/** Runs every rule, one family per step; files without PostgreSQL services are left to other YAML tools. */
export function* composeDiagnosticSteps(doc: TextDocument, model: ComposeModel, catalog: Catalog, defaultMajor: Major, fs: FileSystemHost, sql?: SqlParserHost, patroni?: PatroniKnowledge, pgbouncerEnv?: () => PgbouncerEnv): Steps<Diagnostic[]> {
  const ctx = new RuleContext(doc, model, catalog, defaultMajor, fs, sql, patroni, pgbouncerEnv);
  formatV1Rule(ctx);
  if (!model.pgRelated) return ctx.diagnostics;
  for (const [i, family] of FAMILIES.entries()) {
    if (i > 0) yield;
    family(ctx);
  }
  return ctx.diagnostics;
}

export function composeDiagnostics(doc: TextDocument, model: ComposeModel, catalog: Catalog, defaultMajor: Major, fs: FileSystemHost, sql?: SqlParserHost, patroni?: PatroniKnowledge, pgbouncerEnv?: () => PgbouncerEnv): Diagnostic[] {
  return runSteps(composeDiagnosticSteps(doc, model, catalog, defaultMajor, fs, sql, patroni, pgbouncerEnv));
}

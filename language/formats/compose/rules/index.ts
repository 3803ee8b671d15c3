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

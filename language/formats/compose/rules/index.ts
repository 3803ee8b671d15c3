import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic } from 'vscode-languageserver-types';
import type { Catalog, Major } from '../../../catalog/types';
import type { FileSystemHost } from '../../../service/types';
import type { ComposeModel } from '../model';
import { RuleContext } from './context';
import { lifecycleRules } from './lifecycle';
import { limitRules } from './limits';
import { replicationRules } from './replication';
import { securityRules } from './security';
import { settingRules, yamlRules } from './settings';


/** Runs every rule; files without PostgreSQL services are left to other YAML tools. */
export function composeDiagnostics(doc: TextDocument, model: ComposeModel, catalog: Catalog, defaultMajor: Major, fs: FileSystemHost): Diagnostic[] {
  const ctx = new RuleContext(doc, model, catalog, defaultMajor, fs);
  if (model.pgRelated) {
    yamlRules(ctx);
    replicationRules(ctx);
    securityRules(ctx);
    lifecycleRules(ctx);
    settingRules(ctx);
    limitRules(ctx);
  }
  return ctx.diagnostics;
}

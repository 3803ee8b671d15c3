import * as vscode from 'vscode';
import { isRuntimeChoice, type RuntimeChoice } from '../../cluster/runtime';
import { DEFAULT_MAJOR, isMajor, type Major, MAJORS } from '../../core/majors';

export { MAJORS };
export type TargetMajor = Major;

export type TraceLevel = 'off' | 'messages' | 'verbose';

/** Typed view of the `pgha.*` settings; every read goes to VS Code, so values are never stale. */
export class Config {
  static readonly section = 'pgha';

  private get cfg(): vscode.WorkspaceConfiguration {
    return vscode.workspace.getConfiguration(Config.section);
  }

  /** Major assumed for postgresql.conf files when the workspace does not tell. */
  get postgresVersion(): TargetMajor {
    const value = this.cfg.get<number>('postgresVersion');
    return isMajor(value) ? value : DEFAULT_MAJOR;
  }

  /** Writes the target major where asked, by default the workspace when one is open, else the user settings. */
  async setPostgresVersion(major: TargetMajor, where?: vscode.ConfigurationTarget): Promise<void> {
    const target = where ?? (vscode.workspace.workspaceFolders?.length ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global);
    await this.cfg.update('postgresVersion', major, target);
  }

  /** Where "Start cluster" launches a cluster not created yet: docker, native, or auto (Docker when usable). */
  get backend(): RuntimeChoice {
    const value = this.cfg.get<string>('backend');
    return isRuntimeChoice(value) ? value : 'auto';
  }

  /** Publish ports written without a host address on every interface (Compose's behaviour) instead of 127.0.0.1. */
  get publishAllInterfaces(): boolean {
    return this.cfg.get<boolean>('publishAllInterfaces') === true;
  }

  get traceServer(): TraceLevel {
    return this.cfg.get<TraceLevel>('trace.server') ?? 'off';
  }

  /** What the server needs at start (it reads the same shape from didChangeConfiguration). */
  initializationOptions(): { pgha: { postgresVersion: TargetMajor } } {
    return { pgha: { postgresVersion: this.postgresVersion } };
  }

  affects(event: vscode.ConfigurationChangeEvent, key?: string): boolean {
    return event.affectsConfiguration(key ? `${Config.section}.${key}` : Config.section);
  }
}

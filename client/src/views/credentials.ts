/**
 * Passwords the compose model does not give: asked once, kept in VS Code's SecretStorage (never settings or
 * logs). A declined prompt is not repeated for the session.
 */
import * as vscode from 'vscode';
import type { CredentialsProvider, NodeTarget } from '../../../cluster/monitor/types';

const secretKey = (t: NodeTarget): string => `pgha.password/${t.user}@${t.host}:${t.port}`;

export class SecretCredentials {
  private readonly declined = new Set<string>();
  private readonly pending = new Map<string, Promise<string | undefined>>();

  constructor(private readonly secrets: vscode.SecretStorage) {}

  readonly provider: CredentialsProvider = async (target) => {
    const password = await this.passwordFor(target);
    return password === undefined ? undefined : { password };
  };

  /** Fills in missing passwords (from storage, or by asking once per node). */
  async complete(targets: NodeTarget[]): Promise<NodeTarget[]> {
    for (const target of targets) {
      if (target.password !== undefined) continue;
      const password = await this.passwordFor(target);
      if (password !== undefined) target.password = password;
    }
    return targets;
  }

  async forget(target: NodeTarget): Promise<void> {
    await this.secrets.delete(secretKey(target));
  }

  private passwordFor(target: NodeTarget): Promise<string | undefined> {
    const key = secretKey(target);
    let pending = this.pending.get(key);
    if (!pending) {
      pending = this.lookUpOrAsk(target, key).finally(() => this.pending.delete(key));
      this.pending.set(key, pending);
    }
    return pending;
  }

  private async lookUpOrAsk(target: NodeTarget, key: string): Promise<string | undefined> {
    const stored = await this.secrets.get(key);
    if (stored !== undefined) return stored;
    if (this.declined.has(key)) return undefined;
    const password = await vscode.window.showInputBox({
      title: `PostgreSQL HA: password for ${target.user} on ${target.service}`,
      prompt: `${target.host}:${target.port} — the compose file does not give it. Kept in VS Code's secret storage, never in settings.`,
      password: true,
      ignoreFocusOut: true,
    });
    if (password === undefined) {
      this.declined.add(key);
      return undefined;
    }
    await this.secrets.store(key, password);
    return password;
  }
}

/**
 * Why a node stopped on its own (exit code ≠ 0, restarting, dead), read once from the end of its log, so the tree
 * says the reason first instead of only "stopped". vscode-free: the workspace gives it a way to read a log tail.
 */
import { failedStatus, logReason, type RuntimeNode } from '../../../../cluster/runtime';

/** Log lines read per failed node. */
export const REASON_TAIL_LINES = 40;

/** Docker's "Exited (1) 3 minutes ago" without the age, so a reason is read once per failure, not per minute. */
const failureKey = (node: RuntimeNode): string => `${node.id}|${node.lifecycle}|${node.status.replace(/\s*(about )?(an?|\d+) \w+ ago.*$/i, '')}`;

/** A node that did not stop because someone asked: a non-zero exit, a restart loop, a process that died. */
export function stoppedOnItsOwn(node: RuntimeNode): boolean {
  return node.lifecycle === 'dead' || node.lifecycle === 'restarting' || (node.lifecycle === 'stopped' && failedStatus(node.status));
}

export class FailureReasons {
  /** node id → the failure it was read for, and the reason found (undefined: the log names none). */
  private readonly known = new Map<string, { key: string; reason: string | undefined }>();

  constructor(private readonly readTail: (node: RuntimeNode) => Promise<string>) {}

  /** Reads the logs of failed nodes not read yet (in parallel); true when a reason was added or dropped. */
  async update(nodes: readonly RuntimeNode[]): Promise<boolean> {
    const failed = nodes.filter(stoppedOnItsOwn);
    let changed = false;
    for (const id of this.known.keys()) {
      if (failed.some((n) => n.id === id)) continue;
      this.known.delete(id);
      changed = true;
    }
    const unread = failed.filter((n) => this.known.get(n.id)?.key !== failureKey(n));
    await Promise.all(
      unread.map(async (node) => {
        const reason = logReason(await this.readTail(node).catch(() => ''));
        this.known.set(node.id, { key: failureKey(node), reason });
        changed = true;
      }),
    );
    return changed;
  }

  reasonOf(node: RuntimeNode | undefined): string | undefined {
    return node ? this.known.get(node.id)?.reason : undefined;
  }
}

import { Monitor } from '../../cluster/monitor/monitor';
import type { ClusterSnapshot, NodeTarget } from '../../cluster/monitor/types';

/** One snapshot of a cluster through a short-lived monitor (tests on real nodes). */
export async function snapshotOnce(targets: NodeTarget[]): Promise<ClusterSnapshot> {
  const monitor = new Monitor(targets);
  try {
    return await monitor.refresh();
  } finally {
    await monitor.dispose();
  }
}

/**
 * The last SHOW POOLS / STATS / DATABASES of every PgBouncer of each monitored cluster, refreshed after each
 * monitor snapshot of that cluster (one refresh per cluster at a time; a pooler that does not answer is a state).
 * vscode-free: the tree reads statusOf, the workspace calls refresh and forget.
 */
import type { Topology } from '../../../../core/model/topology';
import { stackAdminLogin } from '../../../../cluster/failover/poolers';
import { probePooler, type PoolerStatus, type PoolerTarget } from '../../../../cluster/monitor/pooler';
import { poolerAdminTargets } from '../../../../cluster/monitor/poolerTargets';
import type { NodeTarget } from '../../../../cluster/monitor/types';

export class PoolerWatch {
  private readonly statuses = new Map<string, Map<string, PoolerStatus>>();
  private readonly running = new Set<string>();

  constructor(private readonly probe: (target: PoolerTarget) => Promise<PoolerStatus> = (target) => probePooler(target)) {}

  statusOf(clusterId: string, service: string): PoolerStatus | undefined {
    return this.statuses.get(clusterId)?.get(service);
  }

  /** Reads the cluster's poolers; false when it has none or a refresh of it is still running. */
  async refresh(clusterId: string, topology: Topology | undefined, targets: readonly NodeTarget[]): Promise<boolean> {
    const admins = topology ? poolerAdminTargets(topology, stackAdminLogin(targets)) : [];
    if (!admins.length) {
      this.statuses.delete(clusterId);
      return false;
    }
    if (this.running.has(clusterId)) return false;
    this.running.add(clusterId);
    try {
      const results = await Promise.all(admins.map((admin) => this.probe(admin)));
      this.statuses.set(clusterId, new Map(results.map((status) => [status.service, status])));
      return true;
    } finally {
      this.running.delete(clusterId);
    }
  }

  forget(clusterId: string): void {
    this.statuses.delete(clusterId);
  }
}

/**
 * The last SHOW POOLS / STATS / DATABASES of every PgBouncer of each monitored cluster, refreshed after each
 * monitor snapshot of that cluster over a kept admin-console connection per pooler (one refresh per cluster at a
 * time; a pooler that does not answer is a state). vscode-free: the tree reads statusOf, the workspace calls
 * refresh, forget and dispose.
 */
import type { Topology } from '../../../../core/model/topology';
import { stackAdminLogin } from '../../../../cluster/failover/poolers';
import type { PoolerStatus, PoolerThresholds } from '../../../../cluster/monitor/pooler';
import { PoolerConnection } from '../../../../cluster/monitor/poolerConnection';
import { poolerAdminTargets } from '../../../../cluster/monitor/poolerTargets';
import type { NodeTarget } from '../../../../cluster/monitor/types';

interface ClusterPoolers {
  /** Connections by service, with the target they were opened for. */
  connections: Map<string, { key: string; connection: PoolerConnection }>;
  statuses: Map<string, PoolerStatus>;
  running: boolean;
}

export class PoolerWatch {
  private readonly clusters = new Map<string, ClusterPoolers>();

  statusOf(clusterId: string, service: string): PoolerStatus | undefined {
    return this.clusters.get(clusterId)?.statuses.get(service);
  }

  /** Reads the cluster's poolers; false when it has none or a refresh of it is still running. */
  async refresh(clusterId: string, topology: Topology | undefined, targets: readonly NodeTarget[], thresholds?: PoolerThresholds): Promise<boolean> {
    const admins = topology ? poolerAdminTargets(topology, stackAdminLogin(targets)) : [];
    if (!admins.length) {
      this.forget(clusterId);
      return false;
    }
    const cluster = this.clusters.get(clusterId) ?? { connections: new Map(), statuses: new Map(), running: false };
    this.clusters.set(clusterId, cluster);
    if (cluster.running) return false;
    cluster.running = true;
    try {
      const connections = admins.map((admin) => {
        const key = JSON.stringify(admin);
        const kept = cluster.connections.get(admin.service);
        if (kept?.key === key) return kept.connection;
        void kept?.connection.close();
        const connection = new PoolerConnection(admin);
        cluster.connections.set(admin.service, { key, connection });
        return connection;
      });
      const results = await Promise.all(connections.map((connection) => connection.probe(thresholds)));
      cluster.statuses = new Map(results.map((status) => [status.service, status]));
      return true;
    } finally {
      cluster.running = false;
    }
  }

  /** Closes the cluster's connections and drops what was read. */
  forget(clusterId: string): void {
    const cluster = this.clusters.get(clusterId);
    if (!cluster) return;
    for (const { connection } of cluster.connections.values()) void connection.close();
    this.clusters.delete(clusterId);
  }

  dispose(): void {
    for (const id of [...this.clusters.keys()]) this.forget(id);
  }
}

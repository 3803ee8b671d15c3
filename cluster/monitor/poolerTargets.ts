/**
 * The PgBouncer admin consoles of a stack the monitor reads: every PgBouncer service publishing a port on this
 * machine, whether it mounts a pgbouncer.ini or its image generates one from the environment (the wizard's
 * stack). Failover re-points both kinds (../failover/poolers.ts); the monitor watches them all.
 */
import type { Topology } from '../../core/model/topology';
import { poolerPort, type PoolerTarget } from './pooler';

export function poolerAdminTargets(topology: Topology, login: (service: string) => { user: string; password?: string }): PoolerTarget[] {
  return topology.services.flatMap((service) => {
    const port = poolerPort(service);
    return port === undefined ? [] : [{ service: service.name, host: '127.0.0.1', port, ...login(service.name) }];
  });
}

import type { ServiceModel } from '../../../../core/model/topology';
import type { ClusterEntry } from '../../views/clusters/clusterList';

/**
 * Who psql logs in as: the compose model's superuser (the primary's credentials). A replica's own credentials are
 * often the replication role, which cannot open a database session.
 */
export function loginOf(cluster: Pick<ClusterEntry, 'topology'>, model: ServiceModel | undefined): { user: string; database: string } {
  const primary = cluster.topology?.services.find((s) => s.role === 'primary');
  const source = model?.role === 'replica' && primary ? primary : (model ?? primary);
  const env = source?.environment ?? {};
  const user = source?.credentials.user ?? env.POSTGRES_USER ?? 'postgres';
  return { user, database: source?.credentials.database ?? env.POSTGRES_DB ?? user };
}

/**
 * The backends a pgpool-II service forwards to, from the conventions its image follows (the same ones our test
 * image honours, scripts/images/pgpool-entrypoint.sh): bitnami/pgpool's PGPOOL_BACKEND_NODES
 * ("0:pg-0:5432,1:pg-1:5432"), pgpool/pgpool's PGPOOL_PARAMS_BACKEND_HOSTNAME<n>/PORT<n>, or a mounted
 * pgpool.conf read with the pgpool format's parser.
 */
import type { PoolerBackend, ServiceModel } from '../../../core/model/topology';
import type { FileSystemHost } from '../../service/types';
import { parsePgpool } from '../pgpool/parser';
import { readSmallFile } from './files';

/** Where pgpool images read a mounted configuration. */
const CONFIG_TARGETS = ['/etc/pgpool2/pgpool.conf', '/config/pgpool.conf', '/opt/bitnami/pgpool/conf/pgpool.conf', '/etc/pgpool-II/pgpool.conf', '/usr/local/etc/pgpool.conf'];

function fromBitnami(nodes: string): PoolerBackend[] {
  return nodes.split(',').flatMap((node) => {
    const [index, host, port] = node.trim().split(':');
    return host ? [{ index: Number(index) || 0, host, port: port ? Number(port) : 5432 }] : [];
  });
}

function fromParams(env: Record<string, string>): PoolerBackend[] {
  return Object.keys(env).flatMap((name) => {
    const match = /^PGPOOL_PARAMS_BACKEND_HOSTNAME(\d+)$/.exec(name);
    if (!match) return [];
    const port = env[`PGPOOL_PARAMS_BACKEND_PORT${match[1]}`];
    return [{ index: Number(match[1]), host: env[name], port: port ? Number(port) : 5432 }];
  });
}

function fromConfig(text: string): PoolerBackend[] {
  const settings = new Map(parsePgpool(text).settings.map((s) => [s.name, s.value]));
  return [...settings].flatMap(([name, host]) => {
    const match = /^backend_hostname(\d+)$/.exec(name);
    if (!match) return [];
    const port = settings.get(`backend_port${match[1]}`);
    return [{ index: Number(match[1]), host, port: port && /^\d+$/.test(port) ? Number(port) : 5432, weight: settings.has(`backend_weight${match[1]}`) ? Number.parseFloat(settings.get(`backend_weight${match[1]}`)!) || 0 : undefined }];
  });
}

/** The backends of a pgpool service in index order; undefined for other services or when nothing names them. */
export function pgpoolBackends(service: ServiceModel, fs: FileSystemHost | undefined): PoolerBackend[] | undefined {
  if (service.flavor !== 'pgpool') return undefined;
  const env = service.environment;
  let backends = env.PGPOOL_BACKEND_NODES ? fromBitnami(env.PGPOOL_BACKEND_NODES) : fromParams(env);
  const mounted = service.volumes.find((v) => v.type === 'bind' && v.source && CONFIG_TARGETS.includes(v.target));
  if (!backends.length && mounted?.source && fs) {
    const text = readSmallFile(fs, mounted.source);
    if (text !== undefined) backends = fromConfig(text);
  }
  return backends.length ? backends.sort((a, b) => a.index - b.index) : undefined;
}

/**
 * A Docker node's data identity (cluster/history/dataIdentity.ts): the volume that holds its PGDATA with the random
 * id pgha labels each volume it creates with (a volume removed and made again is other data; Docker's CreatedAt is
 * the folder's mtime and moves), or the system identifier of a bind-mounted data folder. Found from the node's container when it exists, else from the compose model (the volume `up` would reuse).
 */
import * as path from 'path';
import * as fs from 'fs';
import type Docker from 'dockerode';
import { officialDataDirectory, officialDataVolumeTarget } from '../../../core/dataDirectory';
import { volumeName } from '../../../core/names';
import type { Topology } from '../../../core/model/topology';
import { systemIdentifierOf } from '../../history/dataIdentity';
import { LABEL } from './labels';

/** Where PGDATA lies inside the mount at `target` (the mount covers it), or undefined. */
const within = (pgdata: string, target: string): string | undefined =>
  pgdata === target ? '' : pgdata.startsWith(`${target.replace(/\/$/, '')}/`) ? pgdata.slice(target.replace(/\/$/, '').length + 1) : undefined;

async function volumeIdentity(docker: Docker, name: string): Promise<string | null> {
  try {
    const info = await docker.getVolume(name).inspect();
    const id = info.Labels?.[LABEL.dataId];
    return id ? `volume ${name} ${id}` : `volume ${name}`;
  } catch (error) {
    if ((error as { statusCode?: number }).statusCode === 404) return null;
    throw error;
  }
}

function folderIdentity(folder: string): string | null {
  if (!fs.existsSync(path.join(folder, 'PG_VERSION'))) return null;
  const identifier = systemIdentifierOf(folder);
  if (!identifier) throw new Error(`cannot read ${folder}/global/pg_control`);
  return `system ${identifier}`;
}

/** From an existing container: the mount holding its PGDATA (none: the data lives and dies with the container). */
export async function containerDataIdentity(docker: Docker, info: Docker.ContainerInspectInfo): Promise<string | null> {
  const pgdata = info.Config.Env.find((e) => e.startsWith('PGDATA='))?.slice('PGDATA='.length) ?? officialDataDirectory(undefined);
  for (const mount of info.Mounts) {
    const rest = within(pgdata, mount.Destination);
    if (rest === undefined) continue;
    if (mount.Type === 'volume' && mount.Name) return volumeIdentity(docker, mount.Name);
    if (mount.Type === 'bind') return folderIdentity(path.join(mount.Source, rest));
  }
  return `container ${info.Id}`;
}

/** Without a container: the data `up` would find for `service` of `topology` (a named volume or a bind folder), or null. */
export async function modelDataIdentity(docker: Docker, topology: Topology, service: string): Promise<string | null> {
  const model = topology.services.find((s) => s.name === service);
  if (!model) return null;
  const pgdata = model.environment.PGDATA ?? officialDataDirectory(model.major);
  const mount = model.volumes.find((m) => within(pgdata, m.target) !== undefined) ?? model.volumes.find((m) => m.target === officialDataVolumeTarget(model.major));
  if (!mount?.source) return null; // anonymous or none: a new container gets new data
  if (mount.type === 'bind') return folderIdentity(path.join(mount.source, within(pgdata, mount.target) ?? ''));
  if (mount.type !== 'volume') return null;
  const external = (topology.externalVolumes ?? []).includes(mount.source);
  return volumeIdentity(docker, external ? mount.source : volumeName(topology.project, mount.source));
}

/**
 * Chaos helpers of the Docker node control: a network partition (the container is disconnected from every network
 * it is on, and reconnected with the same aliases later) and SQL run inside the container over its Unix socket, which
 * still answers while the node is partitioned (its published port does not: it forwards over the network).
 */
import type Docker from 'dockerode';
import { execIn } from './probes';

/** Disconnects the container from all its networks; the returned function puts it back (aliases kept). */
export async function isolateContainer(docker: Docker, container: Docker.Container): Promise<() => Promise<void>> {
  const networks = Object.entries((await container.inspect()).NetworkSettings.Networks ?? {});
  for (const [name] of networks) await docker.getNetwork(name).disconnect({ Container: container.id, Force: true });
  return async () => {
    for (const [name, endpoint] of networks) {
      await docker.getNetwork(name).connect({ Container: container.id, EndpointConfig: { Aliases: endpoint.Aliases ?? [] } });
    }
  };
}

/** One statement through psql on the container's socket as `user` (peer login); the first value printed. */
export async function sqlInContainer(container: Docker.Container, sql: string, user = 'postgres'): Promise<string> {
  const result = await execIn(container, ['psql', '-XAtq', '-h', '/var/run/postgresql', '-U', user, '-d', 'postgres', '-c', sql], [], user);
  if (result.exitCode !== 0) throw new Error(result.output.trim() || `psql exited with ${result.exitCode}`);
  return result.output.trim().split('\n')[0] ?? '';
}

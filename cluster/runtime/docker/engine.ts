/**
 * Connection to the Docker engine. Honours DOCKER_HOST (unix://, tcp://) from the environment the
 * caller passes (not process.env, so the extension can use its own settings), and turns "cannot reach
 * the engine" into one clear ClusterError saying how to start Docker.
 */
import Docker from 'dockerode';
import { ClusterError, describeError } from '../errors';
import { deadlineFromEnv, installDeadlines, PING_DEADLINE_MS } from './deadline';

export interface EngineConnection {
  docker: Docker;
  /** Where we connect, for messages: unix:///var/run/docker.sock, tcp://host:2375. */
  endpoint: string;
}

/** Connects as `env` says; every call of the connection has a deadline (./deadline.ts, PGHA_DOCKER_DEADLINE_MS). */
export function connectEngine(env: NodeJS.ProcessEnv = process.env): EngineConnection {
  const engine = openEngine(env);
  installDeadlines(engine.docker, engine.endpoint, deadlineFromEnv(env));
  return engine;
}

function openEngine(env: NodeJS.ProcessEnv): EngineConnection {
  const host = env.DOCKER_HOST?.trim();
  if (!host || host.startsWith('unix://')) {
    const socketPath = host ? host.slice('unix://'.length) || '/var/run/docker.sock' : '/var/run/docker.sock';
    return { docker: new Docker({ socketPath }), endpoint: `unix://${socketPath}` };
  }
  const tcp = /^(?:tcp|http):\/\/([^:/]+)(?::(\d+))?\/?$/.exec(host);
  if (!tcp) {
    throw new ClusterError(
      'engine-unreachable',
      `DOCKER_HOST='${host}' is not understood; use unix:///path/to/docker.sock or tcp://host:port.`,
      [{ id: 'start-docker', title: 'How to start Docker' }],
    );
  }
  return { docker: new Docker({ host: tcp[1], port: Number(tcp[2] ?? 2375), protocol: 'http' }), endpoint: host };
}

export function engineUnreachable(endpoint: string, cause: unknown): ClusterError {
  return new ClusterError(
    'engine-unreachable',
    `Cannot reach the Docker engine at ${endpoint} (${describeError(cause)}). ` +
      'Start Docker (Docker Desktop, or `sudo systemctl start docker`, or run `dockerd`) ' +
      'or point DOCKER_HOST at a running engine, then try again.',
    [{ id: 'start-docker', title: 'How to start Docker' }, { id: 'retry', title: 'Retry' }],
  );
}

/**
 * Pings the engine within `timeoutMs`; throws engine-unreachable otherwise. One deadline: the signal ends the request
 * itself (a mute engine must not keep the process alive after we gave up); the connection's own ping deadline
 * (./deadline.ts) is the outer bound.
 */
export async function assertEngineReachable(engine: EngineConnection, timeoutMs = PING_DEADLINE_MS): Promise<void> {
  const signal = AbortSignal.timeout(timeoutMs);
  const silent = `it accepts connections but did not answer within ${timeoutMs / 1000} s`;
  try {
    const ping = engine.docker.ping as unknown as (this: Docker, options: { abortSignal: AbortSignal }) => Promise<unknown>;
    await ping.call(engine.docker, { abortSignal: signal });
  } catch (error) {
    throw engineUnreachable(engine.endpoint, signal.aborted ? new Error(silent) : error);
  }
}

/** Docker API errors carry an HTTP status code; 404 means "no such object". */
export function isNotFound(error: unknown): boolean {
  return (error as { statusCode?: number } | undefined)?.statusCode === 404;
}

/**
 * Deadlines for every Docker Engine API call. An engine that accepts the connection and never answers (a hung
 * dockerd, a socket forwarded to nothing) must not hang a command, nor keep the process alive after the command
 * gave up: each request is aborted once its deadline passes, and fails with an error that names the engine, the
 * call and the deadline. Streams (logs, events, pulls, exec sessions) get the deadline for their answer only, then
 * live as long as they need; calls that legitimately wait (container wait, stop with a grace period) get theirs.
 */
import type Docker from 'dockerode';

/** Default deadline of one call (PGHA_DOCKER_DEADLINE_MS overrides it). */
export const DEFAULT_DEADLINE_MS = 30_000;
/** A ping answers at once when the engine is alive. */
export const PING_DEADLINE_MS = 5_000;
/** `stop`/`restart` without `t` wait for the container's own stop timeout, which we do not know: allow this much. */
const UNKNOWN_GRACE_MS = 600_000;

interface DialOptions {
  path: string;
  method: string;
  options?: Record<string, unknown>;
  abortSignal?: AbortSignal;
}

type DialCallback = (error: unknown, data?: unknown) => void;

interface Modem {
  dial(options: DialOptions, callback: DialCallback): void;
  pgDeadlines?: boolean;
}

/** How long a call may take before it is aborted (undefined: no deadline, e.g. waiting for a container to exit). */
export function deadlineFor(options: DialOptions, defaultMs: number): number | undefined {
  const path = options.path.split('?')[0];
  if (/\/wait$/.test(path)) return undefined;
  if (path === '/_ping') return Math.min(defaultMs, PING_DEADLINE_MS);
  if (/\/(stop|restart)$/.test(path)) {
    const t = Number(options.options?.t);
    return defaultMs + (Number.isFinite(t) && t >= 0 ? t * 1000 : UNKNOWN_GRACE_MS);
  }
  return defaultMs;
}

export class EngineDeadlineError extends Error {
  readonly code = 'ENGINE_DEADLINE';
  constructor(endpoint: string, options: DialOptions, ms: number) {
    super(`the Docker engine at ${endpoint} did not answer ${options.method} ${options.path.split('?')[0]} within ${ms / 1000} s`);
  }
}

export function deadlineFromEnv(env: NodeJS.ProcessEnv): number {
  const value = Number(env.PGHA_DOCKER_DEADLINE_MS);
  return Number.isFinite(value) && value > 0 ? value : DEFAULT_DEADLINE_MS;
}

/**
 * Makes every request of `docker` abort after its deadline (see deadlineFor). The timer stops at the first answer:
 * for a stream that is the response head, for any other call its whole body.
 */
export function installDeadlines(docker: Docker, endpoint: string, defaultMs: number): void {
  const modem = docker.modem as unknown as Modem;
  if (modem.pgDeadlines) return;
  modem.pgDeadlines = true;
  const dial = modem.dial.bind(modem);
  modem.dial = (options, callback) => {
    const ms = deadlineFor(options, defaultMs);
    if (ms === undefined) return dial(options, callback);
    const ours = new AbortController();
    let expired = false;
    const timer = setTimeout(() => {
      expired = true;
      ours.abort();
    }, ms);
    timer.unref();
    const signal = options.abortSignal ? AbortSignal.any([options.abortSignal, ours.signal]) : ours.signal;
    dial({ ...options, abortSignal: signal }, (error, data) => {
      clearTimeout(timer);
      callback(error && expired ? new EngineDeadlineError(endpoint, options, ms) : error, data);
    });
  };
}

export function isDeadlineError(error: unknown): boolean {
  return error instanceof EngineDeadlineError;
}

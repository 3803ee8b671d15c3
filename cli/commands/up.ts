import type { CliCommand, CliIO } from '../command';
import { assertEngineReachable, connectEngine, type EngineConnection } from '../../cluster/runtime/docker/engine';
import { isClusterError } from '../../cluster/runtime/docker/errors';
import { buildImageMap, type ImageMap } from '../../cluster/runtime/docker/imageMap';
import { up, type ProgressEvent } from '../../cluster/runtime/docker/launcher';
import { loadTopology } from '../../cluster/runtime/docker/topologySource';
import { nativeRuntime, parseBackend } from './native';

function engineAnswers(engine: EngineConnection): Promise<boolean> {
  return assertEngineReachable(engine).then(
    () => true,
    () => false,
  );
}

export const upCommand: CliCommand = {
  name: 'up',
  summary: 'start the stack of a compose file in Docker (like docker compose up -d)',
  usage: [
    'Usage: pgha up FILE [--wait] [--timeout SECONDS] [--backend docker|native|auto] [--allow-init-sh]',
    '',
    'Creates the network, volumes and containers of FILE (labelled like docker compose does) and starts them',
    'in depends_on order. Checks images, ports and names first; a failure removes everything it created.',
    '  --wait             also wait until every PostgreSQL node accepts connections and every replica streams',
    '  --timeout SECONDS  give up waiting after this long (default 180)',
    '  --backend B        docker, native (local PostgreSQL processes, state in .pgha/ beside FILE; always waits),',
    '                     or auto (default: Docker when an engine answers, else native)',
    '  --allow-init-sh    native: run .sh init scripts on this machine (refused otherwise)',
    '',
    'Environment: DOCKER_HOST (engine), PGHA_IMAGE_MAP="postgres:17=mirror/postgres:17,…" (use other images).',
    'Exit codes: 0 started, 1 failed (nothing left behind), 2 usage error.',
  ].join('\n'),
  async run(args, io) {
    const { positional, flags } = parseArgs(args, ['--timeout', '--backend']);
    const known = new Set(['--wait', '--timeout', '--backend', '--allow-init-sh']);
    const bad = [...flags.keys()].filter((f) => !known.has(f));
    const timeout = flags.has('--timeout') ? Number(flags.get('--timeout')) : 180;
    const backend = parseBackend(flags.get('--backend'));
    if (positional.length !== 1 || bad.length || !(timeout > 0) || !backend) {
      io.err(`${bad.length ? `pgha up: unknown option ${bad.join(', ')}\n` : ''}${this.usage}\n`);
      return 2;
    }
    const controller = new AbortController();
    const onInterrupt = () => {
      io.err('pgha up: interrupted; removing what this run created…\n');
      controller.abort();
    };
    process.once('SIGINT', onInterrupt);
    try {
      const topology = loadTopology(positional[0], io.cwd, { refuseBrokenYaml: true });
      const { engine, imageMap } = engineAndImageMap(io);
      const common = { timeoutMs: timeout * 1000, signal: controller.signal, onProgress: (e: ProgressEvent) => io.out(`[${e.step}/${e.totalSteps}] ${e.message}\n`) };
      const native = backend === 'native' || (backend === 'auto' && !(await engineAnswers(engine)));
      const result = native
        ? await nativeRuntime(io, { allowInitSh: flags.has('--allow-init-sh') }).up(topology, common)
        : await up(topology, { engine, imageMap, wait: flags.has('--wait'), ...common });
      const ports = result.nodes.filter((n) => n.hostPort).map((n) => `${n.service}=127.0.0.1:${n.hostPort}`);
      io.out(`Project ${result.project} is up${native ? ' as native processes' : ''} (${result.nodes.length} services) in ${(result.elapsedMs / 1000).toFixed(1)} s${ports.length ? `: ${ports.join(', ')}` : ''}\n`);
      if (result.outdated.length) {
        io.err(
          `warning: ${result.outdated.join(', ')} still run${result.outdated.length === 1 ? 's' : ''} as created before the compose file changed; the change is not applied. ` +
            `To apply it: pgha down ${positional[0]}, then pgha up ${positional[0]} (named volumes and their data are kept).\n`,
        );
      }
      return 0;
    } catch (error) {
      return reportError('up', error, io);
    } finally {
      process.removeListener('SIGINT', onInterrupt);
    }
  },
};

// Shared by pgha up/down/ps: engine + image map from the environment, printing launcher errors, argument splitting.
export function engineAndImageMap(io: CliIO): { engine: EngineConnection; imageMap: ImageMap } {
  const { map, problems } = buildImageMap(undefined, io.env);
  for (const problem of problems) io.err(`warning: ${problem.message}\n`);
  return { engine: connectEngine(io.env), imageMap: map };
}

/** Prints a launcher error (message, then suggested actions) and returns exit code 1. */
export function reportError(command: string, error: unknown, io: CliIO): number {
  if (!isClusterError(error)) {
    io.err(`pgha ${command}: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
  io.err(`pgha ${command}: ${error.message}\n`);
  const hints = [...new Set(error.actions.map(terminalCommandFor).filter((c): c is string => c !== undefined))];
  if (hints.length) io.err(`  next: ${hints.join('; ')}\n`);
  return 1;
}

/**
 * The actions are buttons in VS Code ("Open the compose file", "How to start Docker"); in a terminal only a
 * command to type helps, and the message itself already says what to change.
 */
function terminalCommandFor(action: { id: string; target?: string }): string | undefined {
  if (action.id === 'pull-image' && action.target) return `docker pull ${action.target}`;
  if (action.id === 'remove-container' && action.target) return `docker inspect ${action.target}`;
  return undefined;
}

/** Splits args into positional words and --flags (with an optional value for the flags listed in `valued`). */
export function parseArgs(args: string[], valued: string[] = []): { positional: string[]; flags: Map<string, string | true> } {
  const positional: string[] = [];
  const flags = new Map<string, string | true>();
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (!arg.startsWith('-')) positional.push(arg);
    else if (valued.includes(arg)) flags.set(arg, args[++i] ?? '');
    else flags.set(arg, true);
  }
  return { positional, flags };
}

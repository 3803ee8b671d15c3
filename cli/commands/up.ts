import { cliRejoinHint, composeFileOf, historyStoreFor, planStart, retireHistoryOfOtherData } from '../../cluster/history/guard';
import type { Topology } from '../../core/model/topology';
import { runJournaled } from '../interrupts';
import { passwordsFromEnv } from '../clusterFile';
import { loadTopology, RUNTIME_CHOICES, isRuntimeChoice } from '../../cluster/runtime';
import { parseArgs, positiveNumber, usageError } from '../args';
import type { CliCommand, CliIO } from '../command';
import { cliRuntimes, reportError } from '../runtimes';
import { waitForSubscriptions } from '../../cluster/logical/wait';
import { targetsFromTopology } from '../../cluster/monitor/targets';

const USAGE = [
  'Usage: pgha up FILE [--wait] [--timeout SECONDS] [--backend docker|native|auto] [--allow-init-sh] [--publish-all-interfaces]',
  '',
  'Creates what FILE describes and starts it in depends_on order: in Docker, the network, volumes and containers',
  '(labelled like docker compose does). Checks images, ports and names first; a failure removes everything it created.',
  '  --wait             also wait until every PostgreSQL node accepts connections, every replica streams',
  '                     and every logical subscription has all its tables ready',
  '  --timeout SECONDS  give up waiting after this long (default 180)',
  `  --backend B        ${RUNTIME_CHOICES.join(', ')} (default auto: Docker when its engine answers and the images are`,
  '                     there or pullable, else native processes when this build has them)',
  '  --allow-init-sh    native: run the .sh init scripts of FILE on this machine (refused otherwise)',
  '  --publish-all-interfaces',
  '                     publish ports written without a host address ("25432:5432") on every interface, as',
  '                     docker compose does (default: on 127.0.0.1 only)',
  '',
  'Environment: DOCKER_HOST (engine), PGHA_IMAGE_MAP="postgres:17=mirror/postgres:17,…" (use other images),',
  '  PGHA_NATIVE_USER (native: the account servers run under when pgha runs as root).',
  'Exit codes: 0 started, 1 failed (nothing left behind), 2 usage error.',
].join('\n');

const SPEC = {
  options: { '--wait': {}, '--timeout': { value: true }, '--backend': { value: true }, '--allow-init-sh': {}, '--publish-all-interfaces': {} },
  positional: { min: 1, max: 1 },
  positionalMessage: 'give one compose file',
};

interface UpArgs {
  file: string;
  wait: boolean;
  timeoutSeconds: number;
  backend: 'docker' | 'native' | 'auto';
  allowInitSh: boolean;
  publishAllInterfaces: boolean;
}

function upArgs(args: string[]): UpArgs | string {
  const parsed = parseArgs(args, SPEC);
  if (typeof parsed === 'string') return parsed;
  const timeout = parsed.has('--timeout') ? positiveNumber(parsed.value('--timeout'), '--timeout', true) : 180;
  if (typeof timeout === 'string') return timeout;
  const backend = parsed.value('--backend') ?? 'auto';
  if (!isRuntimeChoice(backend)) return `--backend must be one of ${RUNTIME_CHOICES.join(', ')}`;
  return { file: parsed.positional[0], wait: parsed.has('--wait'), timeoutSeconds: timeout, backend, allowInitSh: parsed.has('--allow-init-sh'), publishAllInterfaces: parsed.has('--publish-all-interfaces') };
}

function warnOutdated(io: CliIO, file: string, outdated: string[]): void {
  if (!outdated.length) return;
  io.err(
    `warning: ${outdated.join(', ')} still run${outdated.length === 1 ? 's' : ''} as created before the compose file changed; the change is not applied. ` +
      `To apply it: pgha down ${file}, then pgha up ${file} (named volumes and their data are kept).\n`,
  );
}

/** With --wait, a stack whose nodes subscribe (logical replication) is up once every subscribed table is ready. */
async function waitForLogical(topology: Topology, timeoutMs: number, signal: AbortSignal, io: CliIO): Promise<void> {
  const { targets } = targetsFromTopology(topology);
  passwordsFromEnv(targets, io.env);
  const count = await waitForSubscriptions(targets, { timeoutMs, signal, onProgress: (m) => io.out(`waiting: ${m}\n`) });
  if (count > 0) io.out(`${count} logical subscription${count === 1 ? '' : 's'} ready (every table copied, changes streaming)\n`);
}

async function startStack(io: CliIO, options: UpArgs, topology: Topology, signal: AbortSignal, step: (message: string) => void): Promise<number> {
  try {
    const env = options.allowInitSh ? { ...io.env, PGHA_NATIVE_ALLOW_INIT_SH: topology.project } : io.env;
    const runtime = await cliRuntimes({ ...io, env }).pick(options.backend, topology, signal);
    const store = historyStoreFor(topology);
    const retired = await retireHistoryOfOtherData(topology, store, runtime.nodeControl(topology.project, topology));
    if (retired) io.err(`note: ${retired}\n`);
    const plan = planStart(topology, store, cliRejoinHint(options.file));
    if (plan.refusal) {
      io.err(`pgha up: refused, nothing started or changed:\n${plan.refusal}\n`);
      return 1;
    }
    const result = await runtime.up(topology, {
      wait: options.wait,
      timeoutMs: options.timeoutSeconds * 1000,
      currentRoles: plan.currentRoles,
      publishAllInterfaces: options.publishAllInterfaces,
      signal,
      onProgress: (e) => {
        step(e.message);
        io.out(`[${e.step}/${e.totalSteps}] ${e.message}\n`);
      },
    });
    const ports = result.nodes.filter((n) => n.hostPort).map((n) => `${n.service}=127.0.0.1:${n.hostPort}`);
    io.out(`Project ${result.project} is up (${result.nodes.length} services) in ${(result.elapsedMs / 1000).toFixed(1)} s${ports.length ? `: ${ports.join(', ')}` : ''}\n`);
    warnOutdated(io, options.file, result.outdated);
    if (options.wait) await waitForLogical(topology, options.timeoutSeconds * 1000, signal, io);
    return 0;
  } catch (error) {
    return reportError('up', error, io);
  }
}

export const upCommand: CliCommand = {
  name: 'up',
  summary: 'start the stack of a compose file (Docker, or native processes; like docker compose up -d)',
  usage: USAGE,
  async run(args, io) {
    const options = upArgs(args);
    if (typeof options === 'string') return usageError(io, 'up', options, USAGE);
    let topology: Topology;
    try {
      topology = loadTopology(options.file, io.cwd, { refuseBrokenYaml: true });
    } catch (error) {
      return reportError('up', error, io);
    }
    const spec = { command: 'up', project: topology.project, composeFile: composeFileOf(topology), typed: `pgha up ${args.join(' ')}`, onCancel: 'stopping and removing what this run created…' };
    return runJournaled(io, spec, ({ signal, journal }) => startStack(io, options, topology, signal, (message) => journal.step(message)));
  },
};

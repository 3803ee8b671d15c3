/** What every native runtime operation shares: options, the server account, binaries and where state lives. */
import type { Major } from '../../../core/majors';
import { resolveServerAccount, type ServerAccount } from './account';
import { ensureBinaries, type Binaries, type BinaryProgress } from './binaries';
import { defaultRegistryFile, defaultStateDir } from './state';

export interface NativeRuntimeOptions {
  /** Account servers run under when pgha runs as root (setting pgha.native.user; default $PGHA_NATIVE_USER). */
  user?: string;
  /** Binary cache folder (default $PGHA_CACHE, else <package root>/.cache). */
  cacheRoot?: string;
  /** Registry of project state folders (default $PGHA_NATIVE_REGISTRY, else ~/.cache/pgha/native-projects.json). */
  registryFile?: string;
  /** Projects whose `.sh` init scripts may run on this machine (true: every project). */
  allowShellInit?: boolean | string[];
  /** State folder of a project (default `.pgha/<project>` beside the compose file). */
  stateDir?: (composeFile: string, project: string) => string;
  /** How often events() polls the state (default 2 s). */
  pollIntervalMs?: number;
  env?: NodeJS.ProcessEnv;
}

export interface NativeContext {
  options: NativeRuntimeOptions;
  registryFile: string;
  account(): ServerAccount;
  binaries(major: Major, onProgress?: (event: BinaryProgress) => void, signal?: AbortSignal): Promise<Binaries>;
  stateDirFor(composeFile: string, project: string): string;
  allowShellInit(project: string): boolean;
}

export function nativeContext(options: NativeRuntimeOptions = {}): NativeContext {
  const env = options.env ?? process.env;
  let account: ServerAccount | undefined;
  const allowed = options.allowShellInit ?? env.PGHA_NATIVE_ALLOW_INIT_SH?.split(',').map((p) => p.trim()) ?? false;
  const context: NativeContext = {
    options,
    registryFile: options.registryFile ?? defaultRegistryFile(env),
    account: () => (account ??= resolveServerAccount({ user: options.user, env })),
    binaries: (major, onProgress, signal) =>
      ensureBinaries(major, { cacheRoot: options.cacheRoot, onProgress, signal, traversableForOthers: context.account().uid !== undefined }),
    stateDirFor: options.stateDir ?? defaultStateDir,
    allowShellInit: (project) => allowed === true || (Array.isArray(allowed) && (allowed.includes(project) || allowed.includes('*'))),
  };
  return context;
}

import * as path from 'path';
import type { FileSystemHost } from '../../service/types';
import { basebackupOptions, scriptCalls, type CommandAnalysis, type ProgramCall } from './command';
import type { VolumeEntry } from './fields';
import { readSmallFile } from './files';
import { interpolate, type Variables } from './interpolate';

/** A script from the workspace that the service's entrypoint or command runs (bind-mounted into the container). */
export interface StartScript {
  containerPath: string;
  hostPath: string;
  /** Undefined when the file is missing, too big or not a regular file. */
  text?: string;
}

/** pg_basebackup run before the server starts, in the command or in a mounted start script. */
export interface BaseBackup {
  host?: string;
  user?: string;
  slot?: string;
  createSlot: boolean;
  writeRecoveryConf: boolean;
}

/** What a container does when it starts, beyond the compose command itself. */
export interface StartupFacts {
  scripts: StartScript[];
  /** The container runs a script this workspace does not hold (baked into the image): what it does is unknown. */
  opaque: boolean;
  /** Program calls of the mounted start scripts. */
  calls: ProgramCall[];
  /** A loop waits for a server (until/while around pg_isready, pg_basebackup, psql or nc). */
  retries: boolean;
  /** pg_basebackup in a start script (the compose command's own is in CommandAnalysis). */
  basebackup?: BaseBackup;
  /** command, entrypoint and start scripts as text, to find which services this one names. */
  text: string;
}

const SHELLS = /^(ba|da|a|z)?sh$/;
const RETRY_LOOP = /\b(?:until|while)\s+(?:!\s*)?(?:[A-Za-z_]\w*=\S*\s+)*(?:\S*\/)?(?:pg_isready|pg_basebackup|psql|nc|pg_ctl)\b/;

/** The script path a command line runs: its first word, or a shell's first operand (`bash /x.sh`). */
function programPath(words: string[]): string | undefined {
  const first = words[0];
  if (!first) return undefined;
  if (!SHELLS.test(path.posix.basename(first))) return first;
  const operand = words.slice(1).find((w) => !w.startsWith('-'));
  return words.includes('-c') ? undefined : operand;
}

/** The bind mount a container path lies in (the file itself or a folder above it). */
export function bindMountOf(containerPath: string, volumes: VolumeEntry[]): VolumeEntry | undefined {
  return volumes.find((v) => {
    if (v.type !== 'bind' || !v.source) return false;
    const target = v.target.replace(/\/+$/, '');
    return containerPath === target || containerPath.startsWith(target + '/');
  });
}

function mountedHostPath(containerPath: string, volumes: VolumeEntry[], composeDir: string | undefined): string | undefined {
  const mount = composeDir ? bindMountOf(containerPath, volumes) : undefined;
  if (!mount?.source || !composeDir) return undefined;
  const target = mount.target.replace(/\/+$/, '');
  return containerPath === target ? path.resolve(composeDir, mount.source) : path.resolve(composeDir, mount.source, containerPath.slice(target.length + 1));
}

/** Reads the start scripts a service runs and what they do: waits, base backups, the programs they call. */
export function readStartup(command: CommandAnalysis, commandText: string, volumes: VolumeEntry[], env: Variables, composeDir: string | undefined, fs: FileSystemHost): StartupFacts {
  const facts: StartupFacts = { scripts: [], opaque: false, calls: [], retries: RETRY_LOOP.test(commandText), text: commandText };
  const words = [...(command.entrypoint ?? []), ...command.words.map((w) => w.text)];
  const runs = programPath(command.entrypoint?.length ? command.entrypoint : command.words.map((w) => w.text));
  const candidates = words.filter((w) => (w.startsWith('/') || w.startsWith('./')) && (w === runs || /\.(sh|bash)$/.test(w)));
  for (const word of new Set(candidates)) {
    const hostPath = mountedHostPath(word, volumes, composeDir);
    if (!hostPath) continue;
    const text = readSmallFile(fs, hostPath);
    facts.scripts.push({ containerPath: word, hostPath, text });
    if (text === undefined) continue;
    facts.text += '\n' + text;
    facts.retries ||= RETRY_LOOP.test(text);
    facts.calls.push(...scriptCalls(text));
  }
  if (runs && /\//.test(runs) && !facts.scripts.some((s) => s.containerPath === runs && s.text !== undefined) && !/docker-entrypoint\.sh$/.test(runs)) facts.opaque = true;
  const call = facts.calls.find((c) => c.program === 'pg_basebackup');
  if (call) facts.basebackup = scriptBasebackup(call, env);
  return facts;
}

function scriptBasebackup(call: ProgramCall, env: Variables): BaseBackup {
  const options = basebackupOptions(call);
  const value = (name: string) => {
    const raw = options.find((o) => o.name === name)?.value;
    return raw === undefined ? undefined : interpolate(raw, env).value;
  };
  return {
    host: value('host'),
    user: value('username'),
    slot: value('slot'),
    createSlot: options.some((o) => o.name === 'create-slot'),
    writeRecoveryConf: options.some((o) => o.name === 'write-recovery-conf'),
  };
}

/**
 * What the native runtime created, on disk: one state file per project (`<state folder>/state.json`, by default
 * `.pgha/<project>` beside the compose file) listing each node's data folder, port, log and the postmaster we
 * started, and a bounded registry of state folders in the user's cache so that ps/status/down/the tree find
 * projects again from anywhere. Reads are bounded and never throw on a damaged file; writes are atomic.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { isMajor, type Major } from '../../../core/majors';
import { readBoundedText } from '../../../core/nodeFileSystem';

export type NodeRole = 'primary' | 'replica';

export interface NodeRecord {
  service: string;
  role: NodeRole;
  major: Major;
  /** Loopback port the server listens on. */
  port: number;
  dataDir: string;
  logFile: string;
  /** Private folder of the server's unix socket (and bootstrap files). */
  socketDir: string;
  /** postgres arguments after `-D <dataDir>` (settings from the compose file, then ours). */
  args: string[];
  /** The postmaster we started last (postmaster.pid in the data folder is checked too). */
  pid?: number;
  upstream?: string;
  slot?: string;
  /** False until the data folder is complete (initdb + init scripts, or a base backup): an interrupted one is redone. */
  initialized: boolean;
  createdAt: string;
  startedAt?: string;
  stoppedAt?: string;
  /** How it was stopped by pgha: clean stop, or kill (a simulated crash). */
  stoppedBy?: 'stop' | 'kill';
  /** Node added later (add replica) from this template node, not from the compose file. */
  template?: string;
}

export interface ProjectState {
  version: 1;
  project: string;
  composeFile?: string;
  stateDir: string;
  /** PID of a pgha process in the middle of `up` (an interrupted one leaves it: the next command adopts). */
  upPid?: number;
  nodes: Record<string, NodeRecord>;
  updatedAt: string;
}

const STATE_FILE = 'state.json';
const STATE_LIMIT = 1024 * 1024;
const REGISTRY_LIMIT = 200;

/** The state folder of a compose project: `.pgha/<project>` beside the compose file. */
export function defaultStateDir(composeFile: string, project: string): string {
  return path.join(path.dirname(path.resolve(composeFile)), '.pgha', project);
}

/** A regular file's text, at most `limit` bytes, or undefined (missing, not regular, too large, unreadable). */
export function readBounded(file: string, limit: number): string | undefined {
  return readBoundedText(file, limit);
}

function writeAtomic(file: string, text: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temp, text, { mode: 0o644 });
  fs.renameSync(temp, file);
}

function validRecord(value: unknown): value is NodeRecord {
  const r = value as NodeRecord;
  return (
    typeof r === 'object' && r !== null && typeof r.service === 'string' && (r.role === 'primary' || r.role === 'replica') && isMajor(r.major) &&
    Number.isInteger(r.port) && typeof r.dataDir === 'string' && typeof r.logFile === 'string' && typeof r.socketDir === 'string' && Array.isArray(r.args)
  );
}

/** The project's state, or undefined when there is none (or it is unreadable: nothing is ours then). */
export function readState(stateDir: string): ProjectState | undefined {
  const text = readBounded(path.join(stateDir, STATE_FILE), STATE_LIMIT);
  if (text === undefined) return undefined;
  try {
    const parsed = JSON.parse(text) as ProjectState;
    if (parsed?.version !== 1 || typeof parsed.project !== 'string' || typeof parsed.nodes !== 'object' || parsed.nodes === null) return undefined;
    const nodes: Record<string, NodeRecord> = {};
    for (const [name, record] of Object.entries(parsed.nodes)) if (validRecord(record)) nodes[name] = record;
    return { ...parsed, stateDir, nodes };
  } catch {
    return undefined;
  }
}

export function newState(project: string, stateDir: string, composeFile?: string): ProjectState {
  return { version: 1, project, composeFile, stateDir, nodes: {}, updatedAt: new Date().toISOString() };
}

/** Creates the state folder; a `.pgha` parent gets a .gitignore so the project's repository ignores it. */
export function ensureStateDir(stateDir: string): void {
  fs.mkdirSync(stateDir, { recursive: true });
  const parent = path.dirname(stateDir);
  if (path.basename(parent) === '.pgha' && !fs.existsSync(path.join(parent, '.gitignore'))) fs.writeFileSync(path.join(parent, '.gitignore'), '# pgha native runtime state\n*\n');
}

export function writeState(state: ProjectState): void {
  state.updatedAt = new Date().toISOString();
  writeAtomic(path.join(state.stateDir, STATE_FILE), `${JSON.stringify(state, null, 2)}\n`);
}

/** Deletes the state file (and the state folder when nothing else is left in it). */
export function removeState(stateDir: string): void {
  fs.rmSync(path.join(stateDir, STATE_FILE), { force: true });
  try {
    fs.rmdirSync(stateDir);
    const parent = path.dirname(stateDir);
    if (path.basename(parent) === '.pgha' && fs.readdirSync(parent).join() === '.gitignore') fs.rmSync(path.join(parent, '.gitignore'));
    fs.rmdirSync(parent); // .pgha, when this was its last project
  } catch {
    // not empty: keep it
  }
}

export interface RegistryEntry {
  project: string;
  stateDir: string;
  composeFile?: string;
  updatedAt: string;
}

/** $PGHA_NATIVE_REGISTRY, else <XDG cache or ~/.cache>/pgha/native-projects.json. */
export function defaultRegistryFile(env: NodeJS.ProcessEnv = process.env): string {
  if (env.PGHA_NATIVE_REGISTRY) return env.PGHA_NATIVE_REGISTRY;
  const cache = env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache');
  return path.join(cache, 'pgha', 'native-projects.json');
}

export function readRegistry(file: string): RegistryEntry[] {
  const text = readBounded(file, STATE_LIMIT);
  if (text === undefined) return [];
  try {
    const parsed = JSON.parse(text) as unknown;
    if (!Array.isArray(parsed)) return [];
    return (parsed as RegistryEntry[]).filter((e) => typeof e?.project === 'string' && typeof e?.stateDir === 'string' && path.isAbsolute(e.stateDir));
  } catch {
    return [];
  }
}

/** Adds or refreshes a project's entry (newest first, at most REGISTRY_LIMIT, entries whose state is gone dropped). */
export function registerProject(file: string, state: ProjectState): void {
  const entry: RegistryEntry = { project: state.project, stateDir: state.stateDir, composeFile: state.composeFile, updatedAt: new Date().toISOString() };
  const others = readRegistry(file).filter((e) => e.stateDir !== state.stateDir && fs.existsSync(path.join(e.stateDir, STATE_FILE)));
  writeAtomic(file, `${JSON.stringify([entry, ...others].slice(0, REGISTRY_LIMIT), null, 2)}\n`);
}

export function unregisterProject(file: string, stateDir: string): void {
  const entries = readRegistry(file);
  const kept = entries.filter((e) => e.stateDir !== stateDir);
  if (kept.length !== entries.length) writeAtomic(file, `${JSON.stringify(kept, null, 2)}\n`);
}

/** Every readable project state the registry knows of. */
export function knownStates(file: string): ProjectState[] {
  const states: ProjectState[] = [];
  for (const entry of readRegistry(file)) {
    const state = readState(entry.stateDir);
    if (state) states.push(state);
  }
  return states;
}

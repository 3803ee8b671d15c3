/**
 * The operation journal: a small file written before each step of a command that changes a cluster (up, down,
 * promote, switchover, rejoin) and removed when the command ends, done or cleanly cancelled. A journal that is
 * still there when the next command starts means its writer was killed (a second Ctrl-C, SIGKILL, a crash): the
 * next command says what was interrupted, where, and how to finish or undo it. Lives beside the cluster history
 * (`<compose folder>/.pgha/<project>.journal.json`); every write is atomic (temporary file, then rename), so a
 * kill at any moment leaves the old journal or the new one, never half of one. Reads are bounded and never throw.
 */
import * as fs from 'fs';
import * as path from 'path';
import { readBoundedText } from '../../core/nodeFileSystem';
import { historyPath, writeJsonAtomic } from './store';

const MAX_BYTES = 64 * 1024;
/** Steps kept (the newest): enough to say where an operation stopped. */
const MAX_STEPS = 40;

export interface JournalEntry {
  /** up, down, promote, switchover, rejoin. */
  operation: string;
  /** The command as typed, to repeat it. */
  command: string;
  pid: number;
  startedAt: string;
  /** Each step as it began, oldest first. */
  steps: string[];
  /** The point of no return was passed: cancelling then finishes instead of undoing. */
  committed?: boolean;
  /** What the next command needs to finish or undo it (replica add/remove: the service, whether data goes). */
  detail?: Record<string, string>;
}

export function journalPath(project: string, composeFile?: string): string {
  return historyPath(project, composeFile).replace(/\.history\.json$/, '.journal.json');
}

function parse(text: string): JournalEntry | undefined {
  const value = JSON.parse(text) as Partial<JournalEntry>;
  if (typeof value.operation !== 'string' || typeof value.command !== 'string' || typeof value.pid !== 'number' || typeof value.startedAt !== 'string') return undefined;
  const steps = Array.isArray(value.steps) ? value.steps.filter((s): s is string => typeof s === 'string') : [];
  const detail = value.detail && typeof value.detail === 'object' ? Object.fromEntries(Object.entries(value.detail).filter(([, v]) => typeof v === 'string')) : undefined;
  return { operation: value.operation, command: value.command, pid: value.pid, startedAt: value.startedAt, steps, committed: value.committed === true, ...(detail ? { detail } : {}) };
}

/** Whether process `pid` still runs (signal 0 only asks). */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export class OperationJournal {
  private entry: JournalEntry | undefined;

  constructor(readonly location: string) {}

  static forProject(project: string, composeFile?: string): OperationJournal {
    return new OperationJournal(journalPath(project, composeFile));
  }

  /** The journal on disk (a missing, oversized, non-regular or broken file: none). */
  read(): JournalEntry | undefined {
    const text = readBoundedText(this.location, MAX_BYTES);
    if (text === undefined) return undefined;
    try {
      return parse(text);
    } catch {
      return undefined;
    }
  }

  /** What a killed command left: a journal whose writer no longer runs. */
  leftover(): JournalEntry | undefined {
    const entry = this.read();
    return entry && entry.pid !== process.pid && !processAlive(entry.pid) ? entry : undefined;
  }

  /** Another pgha command still working on this cluster (its journal's writer runs). */
  running(): JournalEntry | undefined {
    const entry = this.read();
    return entry && entry.pid !== process.pid && processAlive(entry.pid) ? entry : undefined;
  }

  begin(operation: string, command: string, detail?: Record<string, string>): void {
    this.entry = { operation, command, pid: process.pid, startedAt: new Date().toISOString(), steps: [], ...(detail ? { detail } : {}) };
    this.save();
  }

  /** Puts back what a killed command left (settling it failed: the next command tries again). */
  restore(entry: JournalEntry): void {
    this.entry = undefined;
    try {
      writeJsonAtomic(this.location, entry);
    } catch {
      // read-only folder: the hint is lost, as with any journal write
    }
  }

  /** Records a step before it is taken. */
  step(message: string): void {
    if (!this.entry) return;
    this.entry.steps = [...this.entry.steps, message].slice(-MAX_STEPS);
    this.save();
  }

  commit(): void {
    if (!this.entry) return;
    this.entry.committed = true;
    this.save();
  }

  /** The operation ended (done, failed and rolled back, or cancelled cleanly): nothing is left to explain. */
  finish(): void {
    this.entry = undefined;
    fs.rmSync(this.location, { force: true });
    try {
      fs.rmdirSync(path.dirname(this.location)); // only when empty: leave no .pgha folder a down --volumes removed
    } catch {
      // not empty (history, native data): it stays
    }
  }

  private save(): void {
    try {
      writeJsonAtomic(this.location, this.entry);
    } catch {
      // A journal that cannot be written (read-only folder) must not stop the operation; it only loses the hint.
    }
  }
}

const NEXT_STEP: Record<string, string> = {
  up: 'Run it again to finish (it reuses what exists), or pgha down on the same file to remove what it created.',
  down: 'Run it again to finish removing the rest.',
  'replica add': 'The next pgha command that changes this cluster (e.g. pgha replica add or remove on the same file) finishes it if the new node had started, else removes the half-made node, its data and its slot.',
  'replica remove': 'The next pgha command that changes this cluster (e.g. pgha replica remove on the same file) finishes the removal if it had begun; otherwise nothing had changed.',
  switchover:
    'Check the cluster with pgha status. If a node is primary, pgha rejoin the stopped old primary; if none is, promote the replica that received the most WAL (pgha promote FILE SERVICE --force), then pgha rejoin the others.',
};

/** "The last `pgha up …` (pid 123, started …) was interrupted at: <step>. <what to do>" */
export function describeLeftover(entry: JournalEntry): string {
  const last = entry.steps.at(-1);
  const where = last ? `at: ${last}${entry.steps.length > 1 ? ` (after ${entry.steps.length - 1} earlier step(s))` : ''}` : 'before its first step';
  const next =
    NEXT_STEP[entry.operation] ??
    `${entry.committed ? 'It had passed its point of no return. ' : ''}Check the cluster with pgha status, then run the command again to finish it, or pgha rejoin for a former primary left stopped.`;
  return `The last \`${entry.command}\` (pid ${entry.pid}, started ${entry.startedAt}) was interrupted ${where}. ${next}`;
}

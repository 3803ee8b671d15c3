/**
 * Ctrl-C, SIGTERM and SIGHUP during a command that changes a cluster. The first signal cancels: the operation's
 * AbortSignal fires, the operation stops at its next safe point, undoes what is half-done (or, past its point of no
 * return, finishes) and the command says what was done and what not. A second signal exits at once; the journal
 * (cluster/history/journal.ts, written atomically before each step) then tells the next command what was left.
 */
import { constants } from 'node:os';
import { OperationJournal } from '../cluster/history/journal';
import { settleLeftover } from './leftovers';
import type { CliIO } from './command';

const SIGNALS: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];

/** The exit code of a command ended by `signal` (128 + its number, as shells report it). */
export const signalExitCode = (signal: NodeJS.Signals): number => 128 + (constants.signals[signal] ?? 2);

interface Interrupts {
  signal: AbortSignal;
  /** The first signal received, if any. */
  received(): NodeJS.Signals | undefined;
  dispose(): void;
}

function catchInterrupts(io: CliIO, command: string, onCancel: string): Interrupts {
  const controller = new AbortController();
  let first: NodeJS.Signals | undefined;
  const handler = (name: NodeJS.Signals) => {
    if (!first) {
      first = name;
      io.err(`pgha ${command}: ${name} received; ${onCancel} (send it again to exit at once)\n`);
      controller.abort();
      return;
    }
    io.err(`pgha ${command}: ${name} again; exiting now. The journal says where it stopped; the next pgha command on this file tells what is left.\n`);
    process.exit(signalExitCode(first));
  };
  for (const name of SIGNALS) process.on(name, handler);
  return { signal: controller.signal, received: () => first, dispose: () => SIGNALS.forEach((name) => process.removeListener(name, handler)) };
}

export interface JournaledRun {
  signal: AbortSignal;
  journal: OperationJournal;
}

export interface JournalSpec {
  command: string;
  project: string;
  composeFile?: string;
  /** The command line, for the next command's message. */
  typed: string;
  /** What the first signal does, in words ("removing what this run created…"). */
  onCancel: string;
  /** What the next command needs if this one is killed (cluster/history/journal.ts JournalEntry.detail). */
  detail?: Record<string, string>;
}

/**
 * Runs `work` with a journal and signal handling: refuses while another pgha command works on the same cluster,
 * reports what a killed one left, and returns 128+signal when a signal cancelled the work.
 */
export async function runJournaled(io: CliIO, spec: JournalSpec, work: (run: JournaledRun) => Promise<number>): Promise<number> {
  const journal = OperationJournal.forProject(spec.project, spec.composeFile);
  const running = journal.running();
  if (running) {
    io.err(`pgha ${spec.command}: refused, nothing changed: \`${running.command}\` (pid ${running.pid}) is still working on project '${spec.project}'. Wait for it, or stop it first.\n`);
    return 1;
  }
  const leftover = journal.leftover();
  const interrupts = catchInterrupts(io, spec.command, spec.onCancel);
  journal.begin(spec.command, spec.typed, spec.detail);
  try {
    // down removes every node anyway (a half-made one too): it only says what was left.
    if (leftover && !(await settleLeftover(io, spec.command, leftover, spec.command === 'down' ? undefined : spec.composeFile))) {
      journal.restore(leftover);
      return 1;
    }
    const code = await work({ signal: interrupts.signal, journal });
    journal.finish();
    const received = interrupts.received();
    // Cancelled: 128+signal. A signal past the point of no return lets the work finish: its own code.
    return received && code !== 0 ? signalExitCode(received) : code;
  } finally {
    interrupts.dispose();
  }
}

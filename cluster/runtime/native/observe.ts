/**
 * Watching native nodes without an engine: logs are files (tail, then followed by polling their size; a rotated
 * or truncated log starts over), and lifecycle events come from polling the state files cheaply.
 */
import * as fs from 'node:fs';
import type { Disposable, LogOptions, RuntimeEvent } from '../types';
import type { NativeContext } from './context';
import { findNode, toRuntimeNode } from './manage';
import { knownStates } from './state';
import { logTail } from './server';

const FOLLOW_INTERVAL_MS = 250;
const READ_LIMIT = 1024 * 1024;

function lastLines(text: string, tail: number | undefined): string[] {
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return tail === undefined ? lines : lines.slice(-tail);
}

function sizeOf(file: string): number {
  try {
    return fs.statSync(file).size;
  } catch {
    return 0;
  }
}

/** Reads from `position` to the end (at most READ_LIMIT per call); returns the complete lines and the new position. */
function readFrom(file: string, position: number): { lines: string[]; position: number } {
  const size = sizeOf(file);
  if (size < position) position = 0; // rotated or truncated
  if (size === position) return { lines: [], position };
  const length = Math.min(size - position, READ_LIMIT);
  const buffer = Buffer.alloc(length);
  const fd = fs.openSync(file, 'r');
  try {
    fs.readSync(fd, buffer, 0, length, position);
  } finally {
    fs.closeSync(fd);
  }
  const text = buffer.toString('utf8');
  const end = text.lastIndexOf('\n');
  if (end < 0) return { lines: [], position: length === READ_LIMIT ? position + length : position };
  return { lines: text.slice(0, end).split('\n'), position: position + Buffer.byteLength(text.slice(0, end + 1)) };
}

/** The node's log: the last `tail` lines (all when unset, bounded to 1 MB), then new lines until the signal aborts. */
export async function followLog(ctx: NativeContext, nodeId: string, options: LogOptions): Promise<void> {
  const { record } = findNode(ctx, nodeId);
  const file = record.logFile;
  for (const line of lastLines(logTail(file, READ_LIMIT), options.tail)) options.onLine(line);
  if (!options.follow || options.signal?.aborted) return;
  let position = sizeOf(file);
  await new Promise<void>((resolve) => {
    const timer = setInterval(() => {
      const next = readFrom(file, position);
      position = next.position;
      for (const line of next.lines) options.onLine(line);
    }, FOLLOW_INTERVAL_MS);
    const stop = () => {
      clearInterval(timer);
      resolve();
    };
    if (!options.signal) return; // without a signal the caller follows until the process ends
    options.signal.addEventListener('abort', stop, { once: true });
  });
}

/** Polls the state of every known project; reports each node whose lifecycle changed (or that appeared/went). */
export function watchEvents(ctx: NativeContext, listener: (event: RuntimeEvent) => void): Disposable {
  let previous = snapshot(ctx);
  const timer = setInterval(() => {
    const current = snapshot(ctx);
    for (const [key, now] of current) {
      const before = previous.get(key);
      if (before?.mark !== now.mark) listener({ ...split(key), action: before ? now.lifecycle : 'create' });
    }
    for (const key of previous.keys()) if (!current.has(key)) listener({ ...split(key), action: 'destroy' });
    previous = current;
  }, ctx.options.pollIntervalMs ?? 2_000);
  timer.unref?.();
  return { dispose: () => clearInterval(timer) };
}

/** Each node's lifecycle, marked with its start time too: a restart between two polls is still a change. */
function snapshot(ctx: NativeContext): Map<string, { lifecycle: string; mark: string }> {
  try {
    const states = knownStates(ctx.registryFile);
    return new Map(
      states.flatMap((state) =>
        Object.values(state.nodes).map((record) => {
          const { id, lifecycle } = toRuntimeNode(state, record);
          return [id, { lifecycle, mark: `${lifecycle} ${record.startedAt ?? ''}` }] as const;
        }),
      ),
    );
  } catch {
    return new Map();
  }
}

function split(key: string): { project: string; service: string } {
  const slash = key.lastIndexOf('/');
  return { project: key.slice(0, slash), service: key.slice(slash + 1) };
}

/**
 * The engine's event stream for our containers as runtime events: one per start/die/stop/health change of a
 * container carrying our pgha.managed label. When the stream ends or cannot be opened, one 'ended' event.
 */
import type { EngineConnection } from './engine';
import { LABEL } from './labels';
import type { Disposable, RuntimeEvent } from '../types';

type EventStream = NodeJS.ReadableStream & { destroy?: () => void };

/** A Docker event line as runtime event; undefined for a line that is not one. */
export function parseDockerEvent(line: string): RuntimeEvent | undefined {
  try {
    const event = JSON.parse(line) as { Action?: string; status?: string; Actor?: { Attributes?: Record<string, string> } };
    const attributes = event.Actor?.Attributes ?? {};
    return { project: attributes[LABEL.project], service: attributes[LABEL.service], action: event.Action ?? event.status ?? 'unknown' };
  } catch {
    return undefined;
  }
}

export function dockerEvents(engine: EngineConnection, listener: (event: RuntimeEvent) => void): Disposable {
  let stream: EventStream | undefined;
  let done = false;
  const end = () => {
    if (done) return;
    done = true;
    stream?.destroy?.();
    listener({ action: 'ended' });
  };
  engine.docker
    .getEvents({ filters: { type: ['container'], label: [`${LABEL.managed}=true`] } })
    .then((opened) => {
      stream = opened as EventStream;
      if (done) return stream.destroy?.();
      let pending = '';
      stream.on('data', (chunk: Buffer) => {
        const lines = (pending + chunk.toString('utf8')).split('\n');
        pending = lines.pop() ?? '';
        for (const line of lines) {
          const event = line.trim() ? parseDockerEvent(line) : undefined;
          if (event && !done) listener(event);
        }
      });
      stream.on('end', end);
      stream.on('error', end);
    }, end);
  return {
    dispose: () => {
      done = true;
      stream?.destroy?.();
    },
  };
}

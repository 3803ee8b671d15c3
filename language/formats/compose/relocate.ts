import type { ServiceInfo } from './model';
import type { Word } from './shell';
import type { Chunk, ParsedChunk } from './yaml/chunks';
import type { Entry, Span } from './yaml/nodes';

/**
 * Re-uses service models across edits. A service whose chunk and anchor chunks did not change keeps its
 * model; only its absolute offsets move, because text before it grew or shrank. `offsetMapper` maps an
 * offset of the old layout to the new one through the chunk that held it.
 */
export function offsetMapper(oldChunks: Chunk[], newChunks: Chunk[]): (offset: number) => number {
  const newBase = new Map<ParsedChunk, number>();
  for (const c of newChunks) newBase.set(c.parsed, newBase.has(c.parsed) ? NaN : c.base);
  // Offsets come in runs from the same chunk: remember the last chunk's range and shift.
  let lastStart = 0;
  let lastEnd = -1;
  let lastDelta = 0;
  return (offset) => {
    if (offset >= lastStart && offset < lastEnd) return offset + lastDelta;
    let lo = 0;
    let hi = oldChunks.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (oldChunks[mid].base <= offset) lo = mid;
      else hi = mid - 1;
    }
    const old = oldChunks[lo];
    const base = old ? newBase.get(old.parsed) : undefined;
    const delta = base === undefined || Number.isNaN(base) ? 0 : base - old.base;
    if (old) {
      lastStart = old.base;
      lastEnd = old.end;
      lastDelta = delta;
    }
    return offset + delta;
  };
}

/** Moves every offset of a (re-used) service model; shared objects are moved once. */
/** Marks objects already moved in this build (a per-build token: cheaper than a Set of thousands of objects). */
const MOVED = Symbol('moved');
type Marked = { [MOVED]?: object };
const once = (o: object, token: object) => {
  if ((o as Marked)[MOVED] === token) return false;
  (o as Marked)[MOVED] = token;
  return true;
};

export function relocateService(service: ServiceInfo, chunk: Chunk, map: (offset: number) => number, token: object): void {
  const span = (s: Span | undefined) => {
    if (!s || !once(s, token)) return;
    const empty = s.end <= s.start;
    s.start = map(s.start);
    s.end = empty ? s.start : map(s.end - 1) + 1;
  };
  const word = (w: Word) => {
    if (!once(w, token)) return;
    const empty = w.end <= w.start;
    w.start = map(w.start);
    w.end = empty ? w.start : map(w.end - 1) + 1;
  };
  const entry = (e: Entry | undefined) => {
    if (!e || !once(e, token)) return;
    span(e.keySpan);
    if (once(e.value, token)) e.value.base = map(e.value.base);
  };
  service.chunk = chunk;
  span(service.nameSpan);
  service.located.base = map(service.located.base);
  service.entries.forEach(entry);
  service.mergeConflicts.forEach((pair) => pair.forEach(entry));
  service.shadowedKeys.forEach((s) => entry(s.own));
  entry(service.dependsOnEntry);
  if (service.image) span(service.image.span);
  for (const e of service.env) {
    span(e.keySpan);
    span(e.valueSpan);
  }
  const command = service.command;
  span(command.span);
  command.words.forEach(word);
  for (const call of command.calls) {
    span(call.span);
    call.words.forEach(word);
  }
  for (const s of command.settings) {
    span(s.nameSpan);
    span(s.valueSpan);
    span(s.span);
  }
  if (command.basebackup) {
    span(command.basebackup.span);
    for (const o of command.basebackup.options) {
      span(o.span);
      span(o.valueSpan);
    }
  }
  service.ports.forEach((p) => span(p.span));
  service.volumes.forEach((v) => span(v.span));
  service.initConfigs.forEach((c) => span(c.span));
  if (service.healthcheck) {
    span(service.healthcheck.span);
    span(service.healthcheck.keySpan);
  }
  service.dependsOn.forEach((d) => span(d.span));
  span(service.upstreamSpan);
  span(service.slotSpan);
}

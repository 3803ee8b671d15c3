/**
 * Work done in steps: a generator that yields between steps and returns the result. A caller with other work
 * to do (the LSP server answering requests) runs one step at a time; everyone else runs it to the end.
 */
export type Steps<T> = Generator<void, T, void>;

export function runSteps<T>(steps: Steps<T>): T {
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
  }
}

/** Work that has no steps of its own, as one step. */
// eslint-disable-next-line require-yield
export function* oneStep<T>(work: () => T): Steps<T> {
  return work();
}

/** Runs `steps`, yielding where it yields and calling `onYield` each time (a caller that must know whether it did). */
export function* observed<T>(steps: Steps<T>, onYield: () => void): Steps<T> {
  for (let next = steps.next(); ; next = steps.next()) {
    if (next.done) return next.value;
    onYield();
    yield;
  }
}

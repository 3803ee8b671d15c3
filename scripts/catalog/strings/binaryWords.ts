/**
 * Candidate words read from a server binary: every C string literal and each of its tails. The linker lets
 * one literal share the tail of a longer one ("Gist" lives inside "SPGist"), so a table entry may appear
 * only as the end of another string. The server then says which candidates it really knows.
 */
import * as fs from 'fs';

/** Tails of the trailing letters-and-digits run of every NUL-terminated printable string, 2..maxLength long. */
export function literalTails(binaryPath: string, maxLength = 32): Set<string> {
  const binary = fs.readFileSync(binaryPath);
  const tails = new Set<string>();
  let start = 0;
  for (let i = 0; i < binary.length; i++) {
    const byte = binary[i];
    if (byte >= 0x20 && byte <= 0x7e) continue;
    if (byte === 0 && i - start >= 2) addTails(binary.toString('latin1', start, i), maxLength, tails);
    start = i + 1;
  }
  return tails;
}

function addTails(literal: string, maxLength: number, tails: Set<string>): void {
  const run = /[A-Za-z0-9]+$/.exec(literal)?.[0] ?? '';
  for (let length = 2; length <= Math.min(run.length, maxLength); length++) tails.add(run.slice(run.length - length));
}

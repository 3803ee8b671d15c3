/**
 * Hovers on a small document while the server checks a huge one (#18): how many are answered before the big
 * file's diagnostics, and how long each waited. A check that yields between slices answers them within a slice.
 */
import { pollUntil } from '../../../core/poll';
import { percentile } from '../stats';
import type { BenchClient } from '../lsp/client';

export interface DuringCheck {
  toDiagnosticsMs: number;
  /** Hovers answered after the server was seen working on the big file and before its diagnostics. */
  hovers: number;
  hoverMedianMs: number;
  hoverMaxMs: number;
}

export async function hoversDuringCheck(
  client: BenchClient,
  big: { uri: string; languageId: string; text: string },
  small: { uri: string; line: number; character: number },
): Promise<DuringCheck> {
  const cpuBefore = client.cpuMs() ?? 0;
  let done = false;
  const opening = client.openPublished(big.uri, big.languageId, big.text, 600_000).then((opened) => ((done = true), opened));
  // The check has started once the server spends CPU on it (a hover sent before is answered before it starts).
  await pollUntil(() => done || (client.cpuMs() ?? Infinity) >= cpuBefore + 150, { what: 'the server working on the big file', timeoutMs: 60_000, intervalMs: 5 });
  const times: number[] = [];
  while (!done) {
    const { ms } = await client.request('textDocument/hover', { textDocument: { uri: small.uri }, position: { line: small.line, character: small.character } });
    if (!done) times.push(ms);
  }
  const { ms } = await opening;
  return { toDiagnosticsMs: ms, hovers: times.length, hoverMedianMs: percentile(times, 50), hoverMaxMs: percentile(times, 100) };
}

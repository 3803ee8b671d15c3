/**
 * What the benchmark does with one server on one file, the way an editor would: cold opens in fresh processes,
 * one-character edits (each undone), bursts of keystrokes, completion and hover at several positions.
 */
import type { Position, TextDocumentContentChangeEvent } from 'vscode-languageserver-protocol';
import { BenchClient, type ServerSpec } from './client';

export interface Workload {
  /** Row title ("compose, 5,218 lines, 200 services"). */
  title: string;
  fileName: string;
  text: string;
  /** Where one character is typed (each undone afterwards); cycled through. */
  typing: Position[];
  completions: { label: string; position: Position }[];
  hovers: { label: string; position: Position }[];
}

export interface ScenarioOptions {
  coldOpens: number;
  edits: number;
  bursts: number;
  requests: number;
  /** Copies of the file opened and closed one after another (memory freed on close); 0 skips. */
  churn: number;
}

export interface Samples {
  startup: number[];
  open: number[];
  /** CPU the server used from spawn to its first diagnostics (robust when the machine is busy). */
  openCpu: number[];
  /** Mean CPU the server used per one-character edit (its diagnostics included). */
  editCpu?: number;
  /** Mean CPU the server used per completion request (answer and its encoding included). */
  completionCpu?: number;
  edit: number[];
  burst: number[];
  completionAfterKeystroke: number[];
  completion: Record<string, number[]>;
  hover: Record<string, number[]>;
  completionBytes: number;
  peakRssMiB?: number;
  /** Resident set after the churn: grows with every copy when closing a document frees nothing. */
  rssAfterChurnMiB?: number;
  rssBeforeChurnMiB?: number;
  /** Publishes of a version older than one already published for the same document (must stay 0). */
  staleAfterNewer: number;
  versioned: boolean;
}

const pushDefined = (list: number[], value: number | undefined) => void (value !== undefined && list.push(value));
const insertAt = (position: Position, text = 'x'): TextDocumentContentChangeEvent => ({ range: { start: position, end: position }, text });
const deleteAt = (position: Position, length = 1): TextDocumentContentChangeEvent => ({ range: { start: position, end: { line: position.line, character: position.character + length } }, text: '' });

/** Types one character and waits for its diagnostics, then undoes it and waits again: two samples. */
async function typeAndUndo(client: BenchClient, uri: string, at: Position, samples: number[]): Promise<void> {
  samples.push(await (await client.change(uri, insertAt(at))).diagnostics);
  samples.push(await (await client.change(uri, deleteAt(at))).diagnostics);
}

/** Five keystrokes without a pause: the time from the last one to the diagnostics of its version. */
async function burst(client: BenchClient, uri: string, at: Position, samples: number[]): Promise<void> {
  let last: Promise<number> | undefined;
  for (let i = 0; i < 5; i++) last = (await client.change(uri, insertAt({ line: at.line, character: at.character + i }))).diagnostics;
  samples.push(await last!);
  await (await client.change(uri, deleteAt(at, 5))).diagnostics;
}

/** A keystroke immediately followed by a completion request (what typing a word does): the completion's time. */
async function completionAfterKeystroke(client: BenchClient, uri: string, at: Position, position: Position, samples: number[]): Promise<void> {
  const { diagnostics } = await client.change(uri, insertAt(at));
  samples.push((await client.request('textDocument/completion', { textDocument: { uri }, position })).ms);
  await diagnostics;
  await (await client.change(uri, deleteAt(at))).diagnostics;
}

async function requests(client: BenchClient, uri: string, work: Workload, count: number, samples: Samples): Promise<void> {
  const cpuBefore = client.cpuMs();
  for (const { label, position } of work.completions) {
    const times = (samples.completion[label] = [] as number[]);
    for (let i = 0; i < count; i++) {
      const { ms, bytes } = await client.request('textDocument/completion', { textDocument: { uri }, position });
      times.push(ms);
      samples.completionBytes = Math.max(samples.completionBytes, bytes);
    }
  }
  const cpuAfter = client.cpuMs();
  const completions = work.completions.length * count;
  if (cpuBefore !== undefined && cpuAfter !== undefined && completions > 0) samples.completionCpu = (cpuAfter - cpuBefore) / completions;
  for (const { label, position } of work.hovers) {
    const times = (samples.hover[label] = [] as number[]);
    for (let i = 0; i < count; i++) times.push((await client.request('textDocument/hover', { textDocument: { uri }, position })).ms);
  }
}

/** How many publishes carried a version older than one published before for the same document. */
export function staleAfterNewer(published: BenchClient['published']): number {
  const newest = new Map<string, number>();
  let stale = 0;
  for (const { uri, version } of published) {
    if (version === undefined) continue;
    if (version < (newest.get(uri) ?? -Infinity)) stale++;
    else newest.set(uri, version);
  }
  return stale;
}

async function coldOpens(spec: ServerSpec, uri: string, languageId: string, work: Workload, count: number, samples: Samples) {
  for (let i = 0; i < count; i++) {
    const { client, startupMs } = await BenchClient.start(spec);
    try {
      samples.startup.push(startupMs);
      samples.open.push(await client.open(uri, languageId, work.text));
      pushDefined(samples.openCpu, client.cpuMs());
    } finally {
      await client.stop();
    }
  }
}

async function churn(client: BenchClient, uri: string, languageId: string, text: string, copies: number): Promise<number | undefined> {
  for (let i = 0; i < copies; i++) {
    const copy = uri.replace(/([^/]+)$/, `churn-${i}/$1`);
    await client.open(copy, languageId, text);
    await client.close(copy);
  }
  return client.rssMiB();
}

export async function runScenario(spec: ServerSpec, work: Workload, uri: string, languageId: string, options: ScenarioOptions): Promise<Samples> {
  const samples: Samples = { startup: [], open: [], openCpu: [], edit: [], burst: [], completionAfterKeystroke: [], completion: {}, hover: {}, completionBytes: 0, staleAfterNewer: 0, versioned: false };
  await coldOpens(spec, uri, languageId, work, Math.max(0, options.coldOpens - 1), samples);
  const { client, startupMs } = await BenchClient.start(spec);
  try {
    samples.startup.push(startupMs);
    samples.open.push(await client.open(uri, languageId, work.text));
    pushDefined(samples.openCpu, client.cpuMs());
    samples.versioned = client.published.some((p) => p.version !== undefined);
    const typing = (i: number) => work.typing[i % work.typing.length];
    const cpuBefore = client.cpuMs();
    for (let i = 0; i < options.edits; i++) await typeAndUndo(client, uri, typing(i), samples.edit);
    const cpuAfter = client.cpuMs();
    if (cpuBefore !== undefined && cpuAfter !== undefined && options.edits > 0) samples.editCpu = (cpuAfter - cpuBefore) / (2 * options.edits);
    if (samples.versioned) for (let i = 0; i < options.bursts; i++) await burst(client, uri, typing(i), samples.burst);
    const firstCompletion = work.completions[0]?.position;
    for (let i = 0; firstCompletion && i < options.edits; i++) await completionAfterKeystroke(client, uri, typing(i), firstCompletion, samples.completionAfterKeystroke);
    await requests(client, uri, work, options.requests, samples);
    samples.staleAfterNewer = staleAfterNewer(client.published);
    samples.peakRssMiB = client.peakRssMiB();
    samples.rssBeforeChurnMiB = client.rssMiB();
    if (options.churn > 0) samples.rssAfterChurnMiB = await churn(client, uri, languageId, work.text, options.churn);
  } finally {
    await client.stop();
  }
  return samples;
}

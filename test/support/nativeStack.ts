/**
 * The example stack on native PostgreSQL 17 for tests that drive `pgha` child processes against it: brought up in
 * `before`, removed in `after` (no postmaster may stay), and what it has beyond its three compose nodes (our
 * records: runtime list, postmasters under its folder, slots on the primary) to count orphans.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createNativeRuntime } from '../../cluster/runtime/native/index';
import { startCli } from './cliChild';
import { requirePart } from './parts';
import { copyExample, freePorts, nativeWhy, postmastersUnder, query, tempDir } from '../cluster/runtime/native/nativeSupport';

export interface NativeStack {
  dir: string;
  file: string;
  /** The primary's port; replicas +1, +2; free for added nodes: +3…+5. */
  base: number;
  env: NodeJS.ProcessEnv;
}

export const COMPOSE_NODES = ['primary', 'replica1', 'replica2'];

export async function upNativeStack(ctx: Mocha.Context, prefix: string): Promise<NativeStack> {
  requirePart(ctx, 'native PostgreSQL 17', nativeWhy(17));
  const dir = tempDir(prefix);
  const base = await freePorts(6);
  const file = copyExample(path.join(dir, 'stack'), 17, base);
  const env = { PGHA_NATIVE_REGISTRY: path.join(dir, 'registry.json') };
  const up = await startCli(['up', file, '--backend', 'native', '--wait'], env).exited;
  assert.equal(up.code, 0, up.output);
  return { dir, file, base, env };
}

export async function downNativeStack(stack: NativeStack | undefined): Promise<void> {
  if (!stack) return;
  await createNativeRuntime({ registryFile: stack.env.PGHA_NATIVE_REGISTRY }).down('stack', { volumes: true, composeFile: stack.file }).catch(() => undefined);
  assert.deepEqual(postmastersUnder(stack.dir), []);
  fs.rmSync(stack.dir, { recursive: true, force: true });
}

/** What the stack has beyond its compose nodes: runtime records, postmasters, slots on the primary. */
export async function extras(stack: NativeStack, primaryPort = stack.base): Promise<{ nodes: string[]; postmasters: number; slots: string[] }> {
  const listed = await createNativeRuntime({ registryFile: stack.env.PGHA_NATIVE_REGISTRY }).list('stack');
  const slots = await query<{ slot_name: string }>(primaryPort, 'SELECT slot_name FROM pg_replication_slots ORDER BY 1');
  return {
    nodes: listed.map((n) => n.service).filter((s) => !COMPOSE_NODES.includes(s)),
    postmasters: postmastersUnder(stack.dir).length - COMPOSE_NODES.length,
    slots: slots.map((r) => r.slot_name).filter((s) => !COMPOSE_NODES.includes(s)),
  };
}

export const NOTHING_EXTRA = { nodes: [], postmasters: 0, slots: [] };

/**
 * The native side of `npm run bench:up`: the example stack as native processes (start → all replicas
 * streaming, then down --volumes), and the floor a native start cannot beat — one initdb plus one server
 * start until it accepts connections — on the same major.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Major } from '../../core/majors';
import { ownedDir, resolveServerAccount, spawnIdentity } from '../../cluster/runtime/native/account';
import { ensureBinaries } from '../../cluster/runtime/native/binaries';
import { createNativeRuntime } from '../../cluster/runtime/native/index';
import { serverEnv, startServer, stopServer, waitAccepting } from '../../cluster/runtime/native/server';
import { loadTopology } from '../../cluster/runtime/topologySource';
import { spawnSync } from 'node:child_process';

/** Milliseconds from `up` to all replicas streaming (the runtime waits for that), then removes the stack. */
export async function timeNativeUp(composeFile: string, registryFile: string): Promise<number> {
  const runtime = createNativeRuntime({ registryFile });
  const topology = loadTopology(composeFile);
  const started = Date.now();
  try {
    await runtime.up(topology, { timeoutMs: 180_000 });
    return Date.now() - started;
  } finally {
    await runtime.down(topology.project, { volumes: true, composeFile });
  }
}

/** Milliseconds of initdb (--no-sync, like the example) plus one start until it accepts connections. */
export async function timeFloor(major: Major, port: number): Promise<number> {
  const account = resolveServerAccount();
  const binaries = await ensureBinaries(major, { traversableForOthers: account.uid !== undefined });
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'pgha-floor-'));
  fs.chmodSync(root, 0o755);
  const dataDir = ownedDir(account, path.join(root, 'data'));
  const socketDir = ownedDir(account, path.join(root, 'run'));
  const logFile = path.join(root, 'postgres.log');
  let pid: number | undefined;
  try {
    const started = Date.now();
    const initdb = spawnSync(binaries.initdb, ['-D', dataDir, '-U', 'postgres', '--auth=trust', '--no-sync', '-E', 'UTF8', '--locale=C'], { ...spawnIdentity(account), cwd: socketDir, env: serverEnv(), encoding: 'utf8' });
    if (initdb.status !== 0) throw new Error(`initdb failed: ${initdb.stderr}`);
    const args = ['-c', 'listen_addresses=127.0.0.1', '-c', `port=${port}`, '-c', `unix_socket_directories=${socketDir}`];
    pid = startServer({ service: 'floor', dataDir, logFile, args }, binaries, account);
    await waitAccepting({ service: 'floor', dataDir, logFile, args, port, pid }, { timeoutMs: 60_000 });
    return Date.now() - started;
  } finally {
    await stopServer(pid, dataDir, 'immediate', 10_000);
    fs.rmSync(root, { recursive: true, force: true });
  }
}

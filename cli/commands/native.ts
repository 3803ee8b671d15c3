/**
 * Minimal native-backend wiring for the CLI (up --backend, and down/promote/switchover on a project that runs
 * natively), until the runtime registry replaces it: a project runs natively when its state file exists
 * beside the compose file.
 */
import { fileURLToPath } from 'url';
import type { Topology } from '../../core/model/topology';
import { createNativeRuntime } from '../../cluster/runtime/native/index';
import { defaultStateDir, readState } from '../../cluster/runtime/native/state';
import type { ClusterRuntime } from '../../cluster/runtime/types';
import type { CliIO } from '../command';

export type Backend = 'docker' | 'native' | 'auto';

export function parseBackend(value: string | true | undefined): Backend | undefined {
  if (value === undefined) return 'auto';
  return value === 'docker' || value === 'native' || value === 'auto' ? value : undefined;
}

export function nativeRuntime(io: CliIO, options: { allowInitSh?: boolean } = {}): ClusterRuntime {
  return createNativeRuntime({ env: io.env, ...(options.allowInitSh ? { allowShellInit: true } : {}) });
}

/** True when `up --backend native` started this compose file's project (its state file exists). */
export function runsNatively(topology: Topology): boolean {
  if (!topology.uri.startsWith('file:')) return false;
  return readState(defaultStateDir(fileURLToPath(topology.uri), topology.project)) !== undefined;
}

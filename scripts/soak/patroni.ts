/**
 * `npm run soak:patroni [-- --cycles 20]`: examples/patroni on real containers (3 etcd + 3 Patroni nodes,
 * synchronous_mode, ttl 20 s, loop_wait 2 s), then the kill-the-leader cycle N times (default 5): a writer commits
 * to whoever leads, the leader's container is killed, Patroni elects another leader, the old one is started and
 * rejoins as a replica. Prints each cycle, the failover and rejoin times (median, max) and the acknowledged rows
 * lost (must be 0). Then one partition: the leader's container is cut off every network; Patroni must demote it and
 * elect another, with never two writable primaries in any 200 ms sample. Exit code 1 when a row is lost, a failover
 * exceeds ttl + loop_wait (+10 s of polling and load slack), a sample saw two writable primaries, or a step fails. Needs Docker and the test images (npm run test:images -- --only patroni,etcd).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { connectEngine } from '../../cluster/runtime/docker/engine';
import { down, up } from '../../cluster/runtime/docker/index';
import { DockerRuntime } from '../../cluster/runtime/docker/runtime';
import { loadTopology } from '../../cluster/runtime/topologySource';
import { tcpPortFree } from '../../cluster/runtime/tcpPort';
import { percentile } from '../bench/stats';
import { formatPartitionReport, partitionLeader, type PartitionReport } from '../../cluster/managed/patroniChaos';
import { killLeaderCycle, LeaderWriter, onLeader, type PatroniCycle } from './patroniCycle';
import { copyPatroniExample, patroniImageMap, patroniImagesWhy } from './patroniStack';

function cyclesOption(): number {
  const index = process.argv.indexOf('--cycles');
  const value = index >= 0 ? Number(process.argv[index + 1]) : 5;
  if (!Number.isInteger(value) || value < 0) throw new Error('--cycles needs a whole number (0: the partition only)');
  return value;
}

async function freeBase(): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const base = 20000 + Math.floor(Math.random() * 12000);
    let free = true;
    for (let i = 0; i < 6 && free; i++) free = await tcpPortFree('127.0.0.1', base + i);
    if (free) return base;
  }
  throw new Error('no 6 consecutive free ports on 127.0.0.1');
}

const spread = (values: number[]) => (values.length ? `median ${(percentile(values, 50) / 1000).toFixed(1)} s, max ${(Math.max(...values) / 1000).toFixed(1)} s` : 'no finished cycle');

async function runCycles(cycles: number, file: string): Promise<{ results: PatroniCycle[]; partition: PartitionReport }> {
  const engine = connectEngine();
  const topology = loadTopology(file);
  const managed = topology.managed!;
  const started = Date.now();
  await up(topology, { engine, imageMap: patroniImageMap(), wait: true, timeoutMs: 240_000, onProgress: (e) => console.log(`  ${e.message}`) });
  console.log(`up to leader + 2 streaming in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  await onLeader(managed, 'CREATE TABLE patroni_writes (id int PRIMARY KEY)');
  const writer = new LeaderWriter(managed);
  const control = new DockerRuntime({ engine }).nodeControl(topology.project, topology);
  const results: PatroniCycle[] = [];
  writer.start();
  try {
    for (let i = 0; i < cycles; i++) {
      const cycle = await killLeaderCycle(managed, control, writer);
      results.push(cycle);
      console.log(`cycle ${i + 1}/${cycles}: ${cycle.oldLeader} killed → ${cycle.newLeader} leads after ${(cycle.failoverMs / 1000).toFixed(1)} s; rejoined in ${(cycle.rejoinMs / 1000).toFixed(1)} s; ${cycle.acknowledged} acknowledged, ${cycle.lost.length} lost`);
    }
  } finally {
    await writer.stop();
  }
  const partition = await partitionLeader(managed, control, { sampleMs: 200 });
  console.log(formatPartitionReport(partition));
  return { results, partition };
}

async function main(): Promise<number> {
  const cycles = cyclesOption();
  const engine = connectEngine();
  const missing = (await engine.docker.ping().then(() => undefined, (e: unknown) => `no Docker engine (${String(e)})`)) ?? (await patroniImagesWhy(engine));
  if (missing) {
    console.error(`soak:patroni cannot run: ${missing}`);
    return 1;
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pgha-soak-patroni-'));
  const file = copyPatroniExample(dir, await freeBase());
  const project = loadTopology(file).project;
  try {
    const { results, partition } = await runCycles(cycles, file);
    const managed = loadTopology(file).managed!;
    const bound = (managed.ttl + managed.loopWait) * 1000 + 10_000;
    const lost = results.reduce((sum, r) => sum + r.lost.length, 0);
    const slow = results.filter((r) => r.failoverMs > bound).length;
    console.log(`soak:patroni: ${results.length} cycles; failover ${spread(results.map((r) => r.failoverMs))} (bound ttl + loop_wait = ${managed.ttl + managed.loopWait} s); rejoin ${spread(results.map((r) => r.rejoinMs))}; ${results.at(-1)?.acknowledged ?? 0} rows acknowledged, ${lost} lost`);
    return lost || slow || partition.maxWritable > 1 ? 1 : 0;
  } finally {
    await down(engine, project, { volumes: true }).catch(() => undefined);
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().then(
  (code) => (process.exitCode = code),
  (error: unknown) => {
    console.error(`soak:patroni failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  },
);

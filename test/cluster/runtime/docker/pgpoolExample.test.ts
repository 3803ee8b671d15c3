/**
 * examples/pgpool on Docker (a port-shifted copy): `up` starts the primary, both replicas and pgpool-II 4.6 with
 * its mounted pgpool.conf; pgpool answers, sees node 0 as primary and the replicas as standbys (SHOW POOL_NODES),
 * and balances reads onto the replicas (their select_cnt grows).
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { readPoolNodes, type PgpoolEndpoint } from '../../../../cluster/monitor/pgpoolNodes';
import { connectEngine } from '../../../../cluster/runtime/docker/engine';
import { down, up } from '../../../../cluster/runtime/docker/index';
import { buildImageMap } from '../../../../cluster/runtime/docker/imageMap';
import { loadTopology } from '../../../../cluster/runtime/topologySource';
import { queryNode } from '../../../../scripts/soak/dockerCluster';
import { requirePart } from '../../../support/parts';
import { waitFor } from '../../../support/waitFor';
import { dockerWhy, freePorts, imagesWhy, tempDir } from './dockerSupport';
import { judgeWhy } from '../../../../scripts/differential/poolers/oracle';

const repoRoot = path.resolve(__dirname, '../../../..');

/** examples/pgpool and the ha-stack files it mounts, copied side by side, host ports moved to `base`…`base+3`. */
function copyPgpoolExample(dir: string, base: number): string {
  fs.cpSync(path.join(repoRoot, 'examples/ha-stack'), path.join(dir, 'ha-stack'), { recursive: true });
  fs.cpSync(path.join(repoRoot, 'examples/pgpool'), path.join(dir, 'pgpool'), { recursive: true });
  const file = path.join(dir, 'pgpool/compose.yaml');
  const text = fs.readFileSync(file, 'utf8').replace(/127\.0\.0\.1:2543(\d):5432/g, (_, n: string) => `127.0.0.1:${base + Number(n) - 2}:5432`).replace('127.0.0.1:19999:9999', `127.0.0.1:${base + 3}:9999`);
  fs.writeFileSync(file, text);
  return file;
}

describe('examples/pgpool on Docker: pgpool-II in front of a primary and two replicas', function () {
  this.timeout(420_000);
  const engine = connectEngine();
  let dir = '';
  let project = '';
  let pgpool: PgpoolEndpoint;

  before(async function () {
    requirePart(this, 'Docker with pgha-test/postgres:17 and pgha-test/pgpool:4.6', (await dockerWhy(engine)) ?? (await imagesWhy(engine, [17])) ?? (await judgeWhy('pgpool', '4.6')));
    dir = tempDir('pgpool-example');
    const base = await freePorts(4);
    const file = copyPgpoolExample(dir, base);
    project = loadTopology(file).project;
    const imageMap = buildImageMap(undefined, { PGHA_IMAGE_MAP: 'postgres:17=pgha-test/postgres:17,pgpool/pgpool:4.6=pgha-test/pgpool:4.6' }).map;
    await up(loadTopology(file), { engine, imageMap, wait: true, timeoutMs: 300_000 });
    pgpool = { host: '127.0.0.1', port: base + 3, user: 'postgres', password: 'ha-demo-superuser-change-me', database: 'postgres' };
  });

  after(async () => {
    if (project) await down(engine, project, { volumes: true }).catch(() => undefined);
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('answers, with node 0 as primary and both replicas up as standbys', async () => {
    const seen = await waitFor(async () => {
      const { nodes } = await readPoolNodes(pgpool);
      return nodes.length === 3 && nodes.every((n) => n.status === 'up' || n.status === 'waiting') ? nodes : undefined;
    }, 'pgpool reports three nodes up', 120_000, 1000);
    assert.deepStrictEqual(seen.map((n) => [n.host, n.role]), [['primary', 'primary'], ['replica1', 'standby'], ['replica2', 'standby']]);
  });

  it('balances reads onto the replicas (select_cnt grows there, not on the primary)', async () => {
    const before = (await readPoolNodes(pgpool)).nodes;
    for (let i = 0; i < 20; i++) await queryNode({ service: 'pgpool', aliases: [], ...pgpool }, 'SELECT 1');
    const after = (await readPoolNodes(pgpool)).nodes;
    const grown = after.map((n, i) => n.selectCount - before[i].selectCount);
    assert.strictEqual(grown[0], 0, `primary select_cnt grew by ${grown[0]}`);
    assert.ok(grown[1] + grown[2] >= 20, `replicas got ${grown[1] + grown[2]} of 20 reads`);
  });
});

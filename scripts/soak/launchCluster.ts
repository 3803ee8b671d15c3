/**
 * Test clusters started the product's way: a compose file (written here) → the compose model (language
 * service) → the launcher (`up` through dockerode) → monitor targets from the topology. `down` removes it all.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { connectEngine } from '../../cluster/runtime/docker/engine';
import { parseImageMapValue } from '../../cluster/runtime/docker/imageMap';
import { up } from '../../cluster/runtime/docker/launcher';
import { down } from '../../cluster/runtime/docker/manage';
import { targetsFromTopology } from '../../cluster/monitor/targets';
import type { NodeTarget } from '../../cluster/monitor/types';
import { lazyCatalog } from '../../language/catalog/catalog';
import { nodeFileSystem } from '../../core/nodeFileSystem';
import { getLanguageService } from '../../language/service/languageService';

const DATA = '/var/lib/postgresql/data';

export interface LaunchedCluster {
  project: string;
  file: string;
  targets: NodeTarget[];
  dispose(): Promise<void>;
}

/** The compose file of a test cluster: streaming replicas bootstrapped by pg_basebackup with their own slots. */
export function testComposeFile(project: string, major: number, ports: number[], password: string, settings: (service: string) => string[]): string {
  const lines = [`name: ${project}`, 'services:'];
  ports.forEach((port, index) => {
    const service = index === 0 ? 'primary' : `replica${index}`;
    const server = `postgres ${settings(service).join(' ')}`;
    lines.push(`  ${service}:`, `    image: postgres:${major}`, `    ports: ["127.0.0.1:${port}:5432"]`, '    labels:', '      pgha.test: "1"');
    if (index === 0) {
      // --no-sync: test data need not survive a host crash (a killed container keeps the page cache), only speed.
      lines.push('    environment:', `      POSTGRES_PASSWORD: ${password}`, '      POSTGRES_INITDB_ARGS: --no-sync', `    command: ${server}`);
      lines.push('    volumes:', `      - primary-data:${DATA}`, '      - ./init:/docker-entrypoint-initdb.d:ro');
    } else {
      lines.push('    environment:', `      PGPASSWORD: ${password}`, '    depends_on: [primary]', '    volumes:', `      - ${service}-data:${DATA}`);
      // pg_basebackup runs as root here; the image's entrypoint hands the data directory to postgres.
      lines.push(
        '    command: >',
        `      bash -c "for i in {1..600}; do pg_isready -q -h primary && break; sleep 0.1; done;`,
        `      test -s ${DATA}/PG_VERSION || pg_basebackup -h primary -U postgres -D ${DATA} -R -S ${service} -C -X stream -c fast --no-sync;`,
        `      exec docker-entrypoint.sh ${server}"`,
      );
    }
  });
  lines.push('volumes:', ...ports.map((_, i) => `  ${i === 0 ? 'primary' : `replica${i}`}-data: {}`));
  return lines.join('\n') + '\n';
}

export async function launchTestCluster(project: string, major: number, ports: number[], password: string, settings: (service: string) => string[]): Promise<LaunchedCluster> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pgha-cluster-'));
  fs.mkdirSync(path.join(dir, 'init'), { mode: 0o755 });
  fs.chmodSync(dir, 0o755);
  fs.writeFileSync(path.join(dir, 'init', '10-replication.sh'), 'echo "host replication all all md5" >> "$PGDATA/pg_hba.conf"\n', { mode: 0o644 });
  const file = path.join(dir, 'compose.yaml');
  fs.writeFileSync(file, testComposeFile(project, major, ports, password, settings));
  const engine = connectEngine(process.env);
  const dispose = async () => {
    await down(engine, project, { volumes: true, stopTimeoutSeconds: 0 }).catch(() => undefined);
    fs.rmSync(dir, { recursive: true, force: true });
  };
  try {
    const service = getLanguageService({ catalog: lazyCatalog(), fs: nodeFileSystem });
    const topology = service.getTopology(TextDocument.create(pathToFileURL(file).toString(), 'dockercompose', 0, fs.readFileSync(file, 'utf8')));
    if (!topology) throw new Error(`the compose model did not read ${file}`);
    const { map } = parseImageMapValue(`postgres:${major}=pgha-test/postgres:${major}`);
    const started = Date.now();
    await up(topology, {
      engine,
      imageMap: map,
      wait: true,
      timeoutMs: 120_000,
      onProgress: process.env.PGHA_TEST_TRACE ? (e) => console.error(`  [up +${Date.now() - started} ms] ${e.message}`) : undefined,
    });
    const { targets, problems } = targetsFromTopology(topology);
    if (problems.length || targets.length !== ports.length) throw new Error(`targets from the topology: ${problems.map((p) => p.message).join('; ') || `${targets.length} of ${ports.length}`}`);
    return { project, file, targets, dispose };
  } catch (error) {
    await dispose();
    throw error;
  }
}

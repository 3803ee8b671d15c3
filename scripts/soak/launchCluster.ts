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
import { officialDataDirectory } from '../../core/dataDirectory';
import { nodeFileSystem } from '../../core/nodeFileSystem';
import { getLanguageService } from '../../language/service/languageService';

const DATA = officialDataDirectory(undefined);
export const REPLICATION_ROLE = 'replicator';

export interface LaunchedCluster {
  project: string;
  file: string;
  targets: NodeTarget[];
  dispose(): Promise<void>;
}

/** How the nodes of a test cluster are set up beyond a primary and streaming replicas. */
export interface TestClusterOptions {
  /** Replicas log in as `replicator` with this password (created by the primary's init script), not as postgres. */
  replicationPassword?: string;
  /** Every node gets a container_name (`<project>-pg-<service>`), and replicas reach the primary by that name. */
  containerNames?: boolean;
}

export const testContainerName = (project: string, service: string): string => `${project}-pg-${service}`;

/** The role and password replicas of a test cluster log in with for replication. */
export function replicationLoginOf(options: TestClusterOptions, superuserPassword: string): { user: string; password: string } {
  return options.replicationPassword === undefined ? { user: 'postgres', password: superuserPassword } : { user: REPLICATION_ROLE, password: options.replicationPassword };
}

/**
 * The primary's /docker-entrypoint-initdb.d files: a pg_hba entry for replication from the other containers, the
 * replication role when asked. Native nodes need no such entry (initdb's own rules let 127.0.0.1 replicate, with
 * the password) and would refuse a shell script.
 */
export function testInitFiles(options: TestClusterOptions, backend: 'docker' | 'native' = 'docker'): Record<string, string> {
  const files: Record<string, string> = backend === 'native' ? {} : { '10-replication.sh': 'echo "host replication all all md5" >> "$PGDATA/pg_hba.conf"\n' };
  if (options.replicationPassword !== undefined) {
    // standard_conforming_strings is on: only the quote needs doubling in an SQL literal.
    files['20-replication-role.sql'] = `CREATE ROLE ${REPLICATION_ROLE} WITH REPLICATION LOGIN PASSWORD '${options.replicationPassword.replace(/'/g, "''")}';\n`;
  }
  return files;
}

/** The compose file of a test cluster: streaming replicas bootstrapped by pg_basebackup with their own slots. */
export function testComposeFile(project: string, major: number, ports: number[], password: string, settings: (service: string) => string[], options: TestClusterOptions = {}): string {
  const lines = [`name: ${project}`, 'services:'];
  const login = replicationLoginOf(options, password);
  const primaryHost = options.containerNames ? testContainerName(project, 'primary') : 'primary';
  ports.forEach((port, index) => {
    const service = index === 0 ? 'primary' : `replica${index}`;
    const server = `postgres ${settings(service).join(' ')}`;
    lines.push(`  ${service}:`, `    image: postgres:${major}`, `    ports: ["127.0.0.1:${port}:5432"]`, '    labels:', '      pgha.test: "1"');
    if (options.containerNames) lines.push(`    container_name: ${testContainerName(project, service)}`);
    if (index === 0) {
      // --no-sync: test data need not survive a host crash (a killed container keeps the page cache), only speed.
      lines.push('    environment:', `      POSTGRES_PASSWORD: ${password}`, '      POSTGRES_INITDB_ARGS: --no-sync', `    command: ${server}`);
      lines.push('    volumes:', `      - primary-data:${DATA}`, '      - ./init:/docker-entrypoint-initdb.d:ro');
    } else {
      // A JSON string is a YAML double-quoted scalar: any password survives.
      lines.push('    environment:', `      PGPASSWORD: ${JSON.stringify(login.password)}`, '    depends_on: [primary]', '    volumes:', `      - ${service}-data:${DATA}`);
      // pg_basebackup runs as root here; the image's entrypoint hands the data directory to postgres.
      lines.push(
        '    command: >',
        `      bash -c "for i in {1..600}; do pg_isready -q -h ${primaryHost} && break; sleep 0.1; done;`,
        `      test -s ${DATA}/PG_VERSION || pg_basebackup -h ${primaryHost} -U ${login.user} -D ${DATA} -R -S ${service} -C -X stream -c fast --no-sync;`,
        `      exec docker-entrypoint.sh ${server}"`,
      );
    }
  });
  lines.push('volumes:', ...ports.map((_, i) => `  ${i === 0 ? 'primary' : `replica${i}`}-data: {}`));
  return lines.join('\n') + '\n';
}

export async function launchTestCluster(
  project: string,
  major: number,
  ports: number[],
  password: string,
  settings: (service: string) => string[],
  options: TestClusterOptions = {},
): Promise<LaunchedCluster> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pgha-cluster-'));
  fs.mkdirSync(path.join(dir, 'init'), { mode: 0o755 });
  fs.chmodSync(dir, 0o755);
  for (const [name, text] of Object.entries(testInitFiles(options))) fs.writeFileSync(path.join(dir, 'init', name), text, { mode: 0o644 });
  const file = path.join(dir, 'compose.yaml');
  fs.writeFileSync(file, testComposeFile(project, major, ports, password, settings, options));
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

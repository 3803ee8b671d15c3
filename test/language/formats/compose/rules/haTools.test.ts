import * as assert from 'assert';
import { haproxySections } from '../../../../../language/formats/compose/haPorts';
import { memoryFs, service, textDoc } from '../helpers';

/** Issue 15: ports of HA tools published on every interface (HAProxy, stolon proxy, Patroni REST API, pgpool-II PCP). */
const URI = 'file:///p/compose.yaml';
function findings(lines: string[], files: Record<string, string> = {}): string[] {
  return service(memoryFs(files))
    .getDiagnostics(textDoc(lines.join('\n') + '\n', URI))
    .filter((d) => d.code === 'compose/port-all-interfaces')
    .map((d) => `${d.range.start.line + 1} ${['', 'error', 'warning', 'information'][d.severity ?? 1]} ${/publishes (.*?) on every/.exec(d.message)?.[1] ?? 'server'}`);
}
const node = (auth: string) => ['services:', '  db-node1:', '    image: postgres:17', '    environment:', `      ${auth}`];
const HAPROXY_CFG = 'frontend stats\n  mode http\n  bind *:8404\nfrontend write\n  bind *:5000\n  default_backend primary\nbackend primary\n  server n1 db-node1:5432 check\nlisten replicas\n  bind *:5001\n  server r1 10.0.0.9:5432 check\n';
const haproxy = ['  haproxy:', '    image: haproxy:3.0', '    ports: ["5000:5000", "5001:5001", "8404:8404"]', '    volumes:', '      - ./haproxy.cfg:/usr/local/etc/haproxy/haproxy.cfg:ro'];

describe('compose ports of HA tools (issue 15)', () => {
  it('reads HAProxy sections: binds, servers, backends a frontend uses', () => {
    const sections = haproxySections(HAPROXY_CFG);
    assert.deepStrictEqual(sections.map((s) => [s.name, s.binds, s.servers.map((v) => `${v.host}:${v.port}`), s.backends]), [
      ['stats', [8404], [], []],
      ['write', [5000], [], ['primary']],
      ['primary', [], ['db-node1:5432'], []],
      ['replicas', [5001], ['10.0.0.9:5432'], []],
    ]);
  });

  it('HAProxy ports that forward to PostgreSQL: information, a warning in front of a trust server; its stats port is not one', () => {
    assert.deepStrictEqual(findings([...node('POSTGRES_PASSWORD_FILE: /run/secrets/pw'), ...haproxy], { '/p/haproxy.cfg': HAPROXY_CFG }), [
      '8 information an HAProxy port that forwards to PostgreSQL on "db-node1"',
      '8 information an HAProxy port that forwards to PostgreSQL on "10.0.0.9"',
    ]);
    const trusting = findings([...node('POSTGRES_HOST_AUTH_METHOD: trust'), ...haproxy], { '/p/haproxy.cfg': HAPROXY_CFG });
    assert.deepStrictEqual(trusting[0], '8 warning an HAProxy port that forwards to PostgreSQL on "db-node1"');
  });

  it("Patroni's own HAProxy and REST API, pgpool-II's PCP port", () => {
    const patroni = ['services:', '  haproxy:', '    image: patroni', '    command: haproxy', '    environment:', '      PATRONI_SCOPE: demo', '    ports: ["5000:5000", "7000:7000"]', '  patroni1:', '    image: patroni', '    environment:', '      PATRONI_NAME: p1', '    ports: ["8008:8008"]'];
    assert.deepStrictEqual(findings(patroni), ["7 information an HAProxy port of the Patroni image (it forwards to the cluster's PostgreSQL nodes)", "12 information Patroni's REST API"]);
    const pgpool = ['services:', '  pgpool:', '    image: bitnami/pgpool:4.6.0', '    environment:', '      PGPOOL_BACKEND_NODES: 0:pg-0:5432', '    ports: ["127.0.0.1:5432:5432", "9898:9898"]'];
    assert.deepStrictEqual(findings(pgpool), ["6 information pgpool-II's PCP port"]);
  });

  it('the stolon proxy port, in a file with PostgreSQL services', () => {
    const stack = [...node('POSTGRES_PASSWORD_FILE: /run/secrets/pw'), '  proxy:', '    image: sorintlab/stolon:v0.17.0-pg15', '    command: gosu stolon stolon-proxy --cluster-name c --store-backend etcdv3 --port 25432', '    ports: ["25432:25432"]'];
    assert.deepStrictEqual(findings(stack), ['9 information the stolon proxy (it forwards to the current master)']);
  });
});

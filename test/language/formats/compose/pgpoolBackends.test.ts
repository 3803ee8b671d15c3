import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { memoryFs, service, textDoc } from './helpers';

describe('compose topology: pgpool-II services and their backends', () => {
  it('reads the backends of examples/pgpool from its mounted pgpool.conf: one edge per backend service', () => {
    const file = path.resolve(__dirname, '../../../../examples/pgpool/compose.yaml');
    const topology = service().getTopology(TextDocument.create(pathToFileURL(file).toString(), 'dockercompose', 1, fs.readFileSync(file, 'utf8')))!;
    const pgpool = topology.services.find((s) => s.name === 'pgpool')!;
    assert.strictEqual(pgpool.role, 'pooler');
    assert.deepStrictEqual(pgpool.backends, [
      { index: 0, host: 'primary', port: 5432, weight: 0 },
      { index: 1, host: 'replica1', port: 5432, weight: 1 },
      { index: 2, host: 'replica2', port: 5432, weight: 1 },
    ]);
    assert.deepStrictEqual(topology.poolerEdges, [
      { pooler: 'pgpool', backend: 'primary', index: 0 },
      { pooler: 'pgpool', backend: 'replica1', index: 1 },
      { pooler: 'pgpool', backend: 'replica2', index: 2 },
    ]);
  });

  it("reads bitnami/pgpool's PGPOOL_BACKEND_NODES", () => {
    const text = 'services:\n  pg-0:\n    image: postgres:17\n  pgpool:\n    image: bitnami/pgpool:4\n    environment:\n      PGPOOL_BACKEND_NODES: 0:pg-0:5432,1:pg-1:5433\n';
    const topology = service(memoryFs({})).getTopology(textDoc(text))!;
    assert.deepStrictEqual(topology.services.find((s) => s.name === 'pgpool')!.backends, [{ index: 0, host: 'pg-0', port: 5432 }, { index: 1, host: 'pg-1', port: 5433 }]);
    assert.deepStrictEqual(topology.poolerEdges, [{ pooler: 'pgpool', backend: 'pg-0', index: 0 }]);
  });
});

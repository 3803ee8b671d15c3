/**
 * pgha rejoin usage, and pgha up refusing a fenced former primary before it starts anything (the history describes
 * the data present: a native data folder whose pg_control carries the recorded system identifier).
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { recordPromotion } from '../../../cluster/history/record';
import { FileHistoryStore } from '../../../cluster/history/store';
import { pgha as run } from '../../support/cli';
import { requirePart } from '../../support/parts';
import { nativeWhy } from '../../cluster/runtime/native/nativeSupport';
import { fakeDataFolder } from '../../cluster/history/dataFolder';

const pgha = (args: string[], cwd: string) => run(args, { DOCKER_HOST: 'tcp://127.0.0.1:1' }, cwd);

const COMPOSE = `name: fenced
services:
  primary:
    image: postgres:17
    ports: ["127.0.0.1:15999:5432"]
    environment: { POSTGRES_PASSWORD: x }
  replica1:
    image: postgres:17
    ports: ["127.0.0.1:15998:5432"]
    depends_on: [primary]
    command: bash -c "pg_basebackup -h primary -U postgres -D /var/lib/postgresql/data -R && exec docker-entrypoint.sh postgres"
`;

describe('pgha rejoin and fenced starts', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pgha-rejoin-'));
    fs.writeFileSync(path.join(dir, 'compose.yaml'), COMPOSE);
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('lists rejoin in the help and exits 2 on bad arguments', async () => {
    assert.match((await pgha(['--help'], dir)).out, /rejoin\s+rejoin a former primary as a replica/);
    for (const args of [['rejoin'], ['rejoin', 'compose.yaml'], ['rejoin', 'compose.yaml', 'nobody']]) assert.equal((await pgha(args, dir)).code, 2, args.join(' '));
  });

  it('pgha up refuses at once, changing nothing, while a fenced former primary would start', async function () {
    requirePart(this, 'native PostgreSQL 17', nativeWhy(17));
    const store = FileHistoryStore.forProject('fenced', path.join(dir, 'compose.yaml'));
    recordPromotion(store, { kind: 'promote', primary: 'replica1', timeline: 2, fenced: ['primary'], replicas: [] });
    for (const service of ['primary', 'replica1']) fakeDataFolder(path.join(dir, '.pgha', 'fenced', service, 'data'), 7345n);
    store.write({ ...store.read(), data: { primary: 'system 7345', replica1: 'system 7345' } });
    const result = await pgha(['up', 'compose.yaml', '--wait', '--backend', 'native'], dir);
    assert.equal(result.code, 1);
    assert.equal(
      result.err,
      'pgha up: refused, nothing started or changed:\nprimary is a former primary: replica1 was promoted (timeline 2) while it was away, so starting it as it is would make two primaries (split brain). Rejoin it as a replica first: pgha rejoin compose.yaml primary\n',
    );
    assert.equal(result.out, '');
  });
});

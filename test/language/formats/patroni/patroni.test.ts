import * as assert from 'assert';
import { parsePatroni } from '../../../../language/formats/patroni/document';
import { pyRepr } from '../../../../language/formats/patroni/pyRepr';
import { validatorLines } from '../../../../language/formats/patroni/validator';
import { formatOf, formatOfFileText } from '../../../../language/formats/registry';
import { CLEAN, codes, diagnose, patroniCatalog } from './support';

const edit = (from: string, to: string) => {
  assert.ok(CLEAN.includes(from), from);
  return CLEAN.replace(from, to);
};

describe('patroni.yml: reading and Patroni\'s validator', () => {
  it('reads scalars with PyYAML\'s YAML 1.1 types', () => {
    const root = parsePatroni('a: on\nb: 030\nc: 1e3\nd: 1.0\ne: ~\nf: "on"\ng: 2024-01-01\n').root;
    assert.ok(root?.kind === 'dict');
    assert.deepStrictEqual([...root.entries.values()].map(pyRepr), ['True', '24', "'1e3'", '1.0', 'None', "'on'", '2024-01-01']);
  });

  it('leaves a clean file clean', () => {
    assert.deepStrictEqual(diagnose(CLEAN).map((d) => d.message), []);
  });

  it('says what patroni --validate-config says, in its words and order', () => {
    const text = edit('  listen: 0.0.0.0:8008\n', '  listen: 8008\n').replace('name: patroni1\n', '').replace('    ttl: 30\n', '    ttl: 30.5\n');
    assert.deepStrictEqual(validatorLines(parsePatroni(text), patroniCatalog), [
      'name  is not defined.',
      "restapi.listen 8008 is not a string",
      'bootstrap.dcs.ttl 30.5 is not and integer',
    ]);
    const found = diagnose(text).filter((d) => String(d.code).startsWith('patroni/') && ['patroni/required', 'patroni/type'].includes(String(d.code)));
    assert.deepStrictEqual(codes(found), ['patroni/required', 'patroni/type', 'patroni/type']);
    assert.deepStrictEqual(found[2].range.start, { line: 10, character: 9 });
  });

  it('checks addresses as the validator does, without asking the network', () => {
    const local = diagnose(edit('connect_address: patroni1:5432', 'connect_address: localhost:5432'));
    assert.match(local[0].message, /^postgresql\.connect_address localhost:5432 didn't pass validation: 'must not contain "127\.0\.0\.1", "0\.0\.0\.0", "\*", "::1", "localhost"'/);
    const noPort = diagnose(edit('listen: 0.0.0.0:5432', 'listen: 0.0.0.0'));
    assert.match(noPort[0].message, /^postgresql\.listen 0\.0\.0\.0 didn't pass validation: 'contains a wrong value'/);
    const watchdog = diagnose(`${CLEAN}watchdog:\n  mode: sometimes\n`);
    assert.match(watchdog[0].message, /^watchdog\.mode sometimes didn't pass validation: Wrong value/);
  });

  it('says a YAML error and an empty file the way Patroni stops on them', () => {
    assert.deepStrictEqual(codes(diagnose('scope: [\n')), ['patroni/yaml']);
    assert.deepStrictEqual(codes(diagnose('# nothing\n')), ['patroni/empty']);
  });

  it('claims patroni.yml by name and YAML of Patroni\'s shape by content', () => {
    assert.strictEqual(formatOf({ uri: 'file:///srv/node1.patroni.yml' })?.id, 'patroni');
    assert.strictEqual(formatOf({ uri: 'file:///etc/patroni/main.yml' })?.id, 'patroni');
    assert.strictEqual(formatOfFileText('/srv/node1.yml', CLEAN)?.id, 'patroni');
    assert.strictEqual(formatOfFileText('/srv/other.yml', 'services: {}\n')?.id, 'compose');
  });
});

describe('patroni.yml: PostgreSQL parameters and HA rules', () => {
  it('judges parameters with the postgresql.conf judge for the major of bin_dir', () => {
    const bad = diagnose(edit('shared_buffers: 256MB', 'shared_buffers: lots'));
    assert.deepStrictEqual(codes(bad), ['patroni/parameter']);
    assert.match(bad[0].message, /PostgreSQL 15/);
    // checkpoint_segments was removed in 9.5: the judge for the bin_dir major says so.
    assert.deepStrictEqual(codes(diagnose(edit('shared_buffers: 256MB', 'checkpoint_segments: 8'))), ['patroni/parameter']);
  });

  it('says which parameters Patroni manages and overrides', () => {
    const local = diagnose(edit('shared_buffers: 256MB', 'max_connections: 500'));
    assert.deepStrictEqual(codes(local), ['patroni/managed-parameter']);
    assert.match(local[0].message, /Patroni ignores max_connections in postgresql\.parameters/);
    const low = diagnose(edit('max_connections: 200', 'max_connections: 10'));
    assert.match(low[0].message, /Patroni ignores max_connections = 10: it takes only at least 25 and uses 100 instead/);
    const port = diagnose(edit('wal_level: replica', 'port: 5433'));
    assert.match(port[0].message, /Patroni sets port itself/);
    // Real-world files write Patroni's own values down in bootstrap.dcs: nothing to say.
    assert.deepStrictEqual(codes(diagnose(edit('wal_level: replica', 'wal_level: replica\n        hot_standby: on\n        wal_log_hints: "on"'))), []);
    const hints = diagnose(edit('shared_buffers: 256MB', 'wal_log_hints: off'));
    assert.match(hints[0].message, /keeps wal_log_hints on .* use_pg_rewind needs/);
  });

  it('warns of etcd member counts without quorum tolerance', () => {
    assert.deepStrictEqual(codes(diagnose(edit('etcd1:2379,etcd2:2379,etcd3:2379', 'etcd1:2379,etcd2:2379'))), ['patroni/etcd-members']);
    assert.deepStrictEqual(codes(diagnose(edit('  hosts: etcd1:2379,etcd2:2379,etcd3:2379', '  host: etcd1:2379'))), ['patroni/etcd-members']);
    assert.deepStrictEqual(codes(diagnose(edit('  hosts: etcd1:2379,etcd2:2379,etcd3:2379', '  hosts: [a:1, b:1, c:1, d:1, e:1]'))), []);
  });

  it('checks ttl against loop_wait and retry_timeout', () => {
    const found = diagnose(edit('    ttl: 30\n', '    ttl: 20\n'));
    assert.deepStrictEqual(codes(found), ['patroni/timing']);
    assert.match(found[0].message, /loop_wait \+ 2 × retry_timeout = 30 s is more than ttl = 20 s/);
  });

  it('tells what synchronous_mode without strict means for data loss', () => {
    const found = diagnose(edit('    synchronous_mode_strict: true\n', ''));
    assert.deepStrictEqual(codes(found), ['patroni/synchronous-strict']);
    assert.strictEqual(found[0].severity, 3);
  });

  it('warns of an open REST API and of passwords in the file, naming the variable to use', () => {
    assert.deepStrictEqual(codes(diagnose(edit('  authentication:\n    username: admin\n', ''))), ['patroni/restapi-auth']);
    const certificates = edit('  authentication:\n    username: admin\n', '  certfile: /etc/patroni/api.crt\n  verify_client: required\n');
    assert.deepStrictEqual(codes(diagnose(certificates)), []);
    const secret = diagnose(edit('      username: postgres\n', '      username: postgres\n      password: secret\n'));
    assert.deepStrictEqual(codes(secret), ['patroni/plain-password']);
    assert.match(secret[0].message, /PATRONI_SUPERUSER_PASSWORD/);
  });
});

describe('patroni.yml: hostile input', () => {
  it('bounds aliases of aliases, deep nesting and size, and never throws', function () {
    this.timeout(60_000);
    const laughs = ['a0: &a0 [x, x, x, x, x, x, x, x, x, x]', ...Array.from({ length: 9 }, (_, i) => `a${i + 1}: &a${i + 1} [${Array(10).fill(`*a${i}`).join(', ')}]`)].join('\n');
    const deep = `${'['.repeat(5000)}${']'.repeat(5000)}`;
    const big = `scope: x\n${'# filler line\n'.repeat(200_000)}`;
    for (const text of [laughs, deep, big, '\0\0\0', ': : :', '- - -']) {
      const started = process.hrtime.bigint();
      const found = diagnose(text);
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      console.log(`      ${text.length} characters: ${found.length} diagnostics in ${ms.toFixed(1)} ms`);
      assert.ok(Array.isArray(found));
    }
  });
});

import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { service, textDoc } from '../helpers';

const EXAMPLE = path.resolve(__dirname, '../../../../../examples/patroni');

const compose = (env: string) => `services:
  patroni1:
    image: pgha-test/patroni:3.0-pg15
    command: patroni /etc/patroni/patroni.yml
    environment:
${env}
`;

describe('compose: PATRONI_* variables with the Patroni catalog', () => {
  const ls = service();

  it('warns of a name Patroni does not read and suggests the close ones', () => {
    const found = ls.getDiagnostics(textDoc(compose('      PATRONI_NAM: patroni1'))).filter((d) => d.code === 'compose/patroni-variable');
    assert.strictEqual(found.length, 1);
    assert.match(found[0].message, /^Patroni 3\.0\.2 does not read PATRONI_NAM: it is ignored\. Did you mean PATRONI_NAME/);
  });

  it('says what patroni --validate-config says of a value where the variable lands', () => {
    const found = ls.getDiagnostics(textDoc(compose('      PATRONI_POSTGRESQL_CONNECT_ADDRESS: 127.0.0.1:5432\n      PATRONI_POSTGRESQL_LISTEN: "5432"'))).filter((d) => d.code === 'compose/patroni-variable');
    assert.deepStrictEqual(found.map((d) => d.message.split(' (from')[0]), [
      'postgresql.connect_address 127.0.0.1:5432 didn\'t pass validation: \'must not contain "127.0.0.1", "0.0.0.0", "*", "::1", "localhost"\'',
      "postgresql.listen 5432 didn't pass validation: 'contains a wrong value'",
    ]);
  });

  it('reads list variables as Patroni does (YAML in brackets), judging each item (patroni --validate-config agrees)', () => {
    const ok = compose(`      PATRONI_ETCD3_HOSTS: "'etcd1:2379','etcd2:2379','etcd3:2379'"`);
    assert.deepStrictEqual(ls.getDiagnostics(textDoc(ok)).filter((d) => d.code === 'compose/patroni-variable'), []);
    const bad = ls.getDiagnostics(textDoc(compose(`      PATRONI_ETCD3_HOSTS: "'etcd1:notaport'"`))).filter((d) => d.code === 'compose/patroni-variable');
    assert.deepStrictEqual(bad.map((d) => d.message.split(' (from')[0]), ["etcd3.hosts.0 etcd1:notaport didn't pass validation: 'contains a wrong value'"]);
  });

  it('takes bootstrap users, PATRONI_CONFIGURATION and ${VAR} values without a word', () => {
    const text = compose('      PATRONI_ADMIN_PASSWORD: ${ADMIN_PASSWORD}\n      PATRONI_ADMIN_OPTIONS: createdb\n      PATRONI_CONFIGURATION: "{}"\n      PATRONI_RESTAPI_LISTEN: ${LISTEN}');
    assert.deepStrictEqual(ls.getDiagnostics(textDoc(text)).filter((d) => d.code === 'compose/patroni-variable'), []);
  });

  it('completes and describes PATRONI_* names in a Patroni service', () => {
    const doc = textDoc(compose('      PATRONI_RESTAPI_LISTEN: 0.0.0.0:8008\n      '));
    const items = ls.getCompletions(doc, { line: 6, character: 6 }).items.map((i) => i.label);
    assert.ok(items.includes('PATRONI_SUPERUSER_PASSWORD') && items.includes('PATRONI_ETCD3_HOSTS'), items.slice(0, 5).join());
    const hover = ls.getHover(doc, { line: 5, character: 10 });
    assert.match((hover!.contents as { value: string }).value, /PATRONI_RESTAPI_LISTEN\*\* \(Patroni → `restapi\.listen`\)/);
  });

  it('leaves examples/patroni (3 etcd members, patroni1..3) and its patroni.yml clean', () => {
    for (const [name, language] of [['compose.yaml', 'dockercompose'], ['patroni.yml', 'patroni']]) {
      const file = path.join(EXAMPLE, name);
      const doc = TextDocument.create(pathToFileURL(file).toString(), language, 1, fs.readFileSync(file, 'utf8'));
      assert.deepStrictEqual(ls.getDiagnostics(doc).filter((d) => (d.severity ?? 1) <= 2).map((d) => `${d.code}: ${d.message}`), [], name);
    }
  });
});

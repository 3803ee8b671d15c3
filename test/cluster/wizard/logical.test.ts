import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { nodeFileSystem } from '../../../core/nodeFileSystem';
import { loadCatalog } from '../../../language/catalog/catalog';
import { getLanguageService } from '../../../language/service/languageService';
import { SqlParserHost } from '../../../language/sql/parser';
import { logicalFacts } from '../../../language/sql/logicalFacts';
import { parseConninfo } from '../../../core/conninfo';
import { generateLogical, validateLogicalOptions } from '../../../cluster/wizard/logical';
import { writeGeneratedFiles } from '../../../cluster/wizard/write';

const EXAMPLE = path.resolve(__dirname, '../../../examples/logical');

describe('wizard: logical replication stack (publisher → subscriber)', function () {
  this.timeout(60_000);

  it('is what examples/logical holds (the example is this generator’s output)', () => {
    const files = generateLogical({ publisherMajor: 15, subscriberMajor: 17, basePort: 15442, superuserPassword: 'ha-demo-superuser-change-me', replicationPassword: 'logical-demo' });
    for (const file of files.filter((f) => !f.path.endsWith('.gitignore'))) {
      assert.strictEqual(fs.readFileSync(path.join(EXAMPLE, file.path), 'utf8'), file.content, file.path);
    }
  });

  it('writes a 13 → 17 stack with awkward passwords that pgha check finds clean (information only)', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pgha-wizard-logical-'));
    try {
      writeGeneratedFiles(dir, generateLogical({ publisherMajor: 13, subscriberMajor: 17, basePort: 25442, replicationPassword: "it's a \\ pass word" }));
      const sql = new SqlParserHost();
      await sql.load();
      const service = getLanguageService({ catalog: loadCatalog(), fs: nodeFileSystem, sql });
      const file = path.join(dir, 'compose.yaml');
      const found = service.getDiagnostics(TextDocument.create(pathToFileURL(file).toString(), 'dockercompose', 1, fs.readFileSync(file, 'utf8')));
      assert.deepStrictEqual(found.filter((d) => d.severity !== 3).map((d) => `${d.code} ${d.message}`), []);
      assert.deepStrictEqual(found.map((d) => d.code), ['compose/logical-sequences']);
      // The password survives both quotings (conninfo, then SQL), read back by PostgreSQL's parser and libpq's rules.
      const parsed = sql.parse(fs.readFileSync(path.join(dir, 'subscriber/02-subscription.sql'), 'utf8'));
      assert.ok(parsed?.ok);
      const [subscription] = logicalFacts(parsed.statements).subscriptions;
      assert.strictEqual(parseConninfo(subscription.conninfo).get('password'), "it's a \\ pass word");
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('says what is wrong with the choices', () => {
    assert.deepStrictEqual(validateLogicalOptions({ publisherMajor: 17, subscriberMajor: 15, basePort: 80 }), [
      'The subscriber (15) should not be older than the publisher (17): logical replication is the way up to a newer major.',
      'Base port must be a whole number from 1024 to 65534 (got 80).',
    ]);
    assert.throws(() => generateLogical({ publisherMajor: 12, subscriberMajor: 17, basePort: 15442 }), /The publisher's PostgreSQL major must be one of 13, 14, 15, 16, 17, 18 \(got 12\)\./);
  });
});

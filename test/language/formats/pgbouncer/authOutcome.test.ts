import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { loginFailure, secretKind, storedKind, type SecretKind } from '../../../../language/formats/pgbouncer/authOutcome';

const MATRIX = path.join(__dirname, '../../../fixtures/pgbouncer/authMatrix');
const METHODS: Record<string, string> = { trust: 'trust', md5: 'md5', scram: 'scram-sha-256', password: 'password' };

/** A measured login: the probe user's name says what the server stores and its pg_hba.conf method. */
function factsOf(row: string[]) {
  const [, authType, kind, user] = row;
  const [storedName, methodName] = user.split('_');
  const stored = storedName === 'smd5' ? 'md5' : 'scram-sha-256';
  const secret: SecretKind = kind === 'query' ? stored : kind === 'scram' ? 'scram-sha-256' : (kind as SecretKind);
  return { authType, secret, stored, method: METHODS[methodName] } as const;
}

describe('pgbouncer login outcome (measured with the real PgBouncer)', () => {
  for (const file of ['1.18.tsv', '1.24.tsv']) {
    it(`predicts every refusal of PgBouncer ${file.replace('.tsv', '')}, with its message, and no other`, () => {
      const rows = fs.readFileSync(path.join(MATRIX, file), 'utf8').trim().split('\n').map((line) => line.split('\t'));
      assert.strictEqual(rows.length, 128);
      const wrong = rows.filter((row) => {
        const failure = loginFailure(factsOf(row));
        const expected = row[4] === 'FAIL' ? row[5] : undefined;
        return failure?.message.replace('%u', row[3]) !== expected;
      });
      assert.deepStrictEqual(wrong, []);
      assert.strictEqual(rows.filter((r) => r[4] === 'FAIL').length, 65);
    });
  }

  it('says nothing when what the server stores or its method is unknown (only PgBouncer\'s own refusal stands)', () => {
    assert.strictEqual(loginFailure({ authType: 'md5', secret: 'md5', method: 'scram-sha-256' }), undefined);
    assert.strictEqual(loginFailure({ authType: 'md5', secret: 'md5', stored: 'scram-sha-256' }), undefined);
    assert.strictEqual(loginFailure({ authType: 'hba', secret: 'md5', stored: 'scram-sha-256', method: 'cert' }), undefined);
    assert.strictEqual(loginFailure({ authType: 'scram-sha-256', secret: 'md5' })?.message, 'SASL authentication failed');
  });

  it('reads secret kinds as PgBouncer does and password_encryption values', () => {
    assert.strictEqual(secretKind('md5' + 'a'.repeat(32)), 'md5');
    assert.strictEqual(secretKind('md5secret'), 'plain');
    assert.strictEqual(secretKind('SCRAM-SHA-256$4096:c2FsdA==$c3RvcmVk:c2VydmVy'), 'scram-sha-256');
    assert.strictEqual(storedKind("'scram-sha-256'"), 'scram-sha-256');
    assert.strictEqual(storedKind('on'), 'md5');
    assert.strictEqual(storedKind('bogus'), undefined);
  });
});

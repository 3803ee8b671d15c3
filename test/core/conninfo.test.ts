import * as assert from 'node:assert/strict';
import { ConninfoError, formatConninfo, parseConnectionString, parseConninfo, quoteConninfoValue } from '../../core/conninfo';

describe('core/conninfo (libpq rules)', () => {
  it('parses what pg_basebackup -R writes, quoted values and escapes included', () => {
    const values = parseConninfo(`user=replicator password='it\\'s a \\\\secret' channel_binding=prefer host=primary port=5432 sslmode=prefer`);
    assert.equal(values.get('user'), 'replicator');
    assert.equal(values.get('host'), 'primary');
    assert.equal(values.get('password'), "it's a \\secret");
  });

  it('reads spaces around =, empty quoted values, backslashes in bare values, and lets a later key win', () => {
    const values = parseConninfo(`  host = a  port=1 password='' user=a\\ b\\'c dbname=x host=b  `);
    assert.deepEqual([...values], [['host', 'b'], ['port', '1'], ['password', ''], ['user', "a b'c"], ['dbname', 'x']]);
  });

  it('refuses what libpq refuses, with its words', () => {
    assert.throws(() => parseConninfo('host=a port'), new ConninfoError('missing "=" after "port" in connection info string'));
    assert.throws(() => parseConninfo("password='open"), new ConninfoError('unterminated quoted string in connection info string'));
  });

  it('quotes only what needs it and round-trips any value', () => {
    assert.equal(quoteConninfoValue('plain'), 'plain');
    assert.equal(quoteConninfoValue(''), "''");
    assert.equal(quoteConninfoValue("a b'c\\d"), "'a b\\'c\\\\d'");
    const values = new Map([['user', 'postgres'], ['password', "a b'c\\d\\'"], ['host', 'primary'], ['options', '']]);
    assert.deepEqual(parseConninfo(formatConninfo(values)), values);
  });

  it('reads postgresql:// URIs as the same options', () => {
    const values = parseConnectionString('postgresql://mon:p%40ss@[::1]:6001/app%20db?application_name=east');
    assert.deepEqual([...values], [['host', '::1'], ['port', '6001'], ['user', 'mon'], ['password', 'p@ss'], ['dbname', 'app db'], ['application_name', 'east']]);
    assert.throws(() => parseConnectionString('postgresql://a:b@:x'), ConninfoError);
  });
});

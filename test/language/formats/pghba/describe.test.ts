/** describeLine for hover and hbaCompletions per major. */
import * as assert from 'node:assert/strict';
import { hbaCompletions } from '../../../../language/formats/pghba/completions';
import { describeLine } from '../../../../language/formats/pghba/describe';
import { parseHba } from '../../../../language/formats/pghba/parser';
import type { HbaMajor } from '../../../../language/formats/pghba/types';

const describe1 = (line: string, major: HbaMajor = 17) => describeLine(parseHba(line, major).lines[0]);

describe('describeLine', () => {
  it('says who may connect to what, from where, how', () => {
    assert.equal(describe1('host all all 0.0.0.0/0 scram-sha-256'), 'Any user, to any database, over TCP/IP (SSL or not) from any IPv4 address, with a SCRAM password');
    assert.equal(describe1('hostssl app +admins 10.0.0.0/8 cert map=certs'), 'Members of role admins, to database app, over TCP/IP with SSL from 10.0.0.0/8 (16,777,216 addresses), with a client certificate (cert), user names mapped through pg_ident map "certs"');
    assert.equal(describe1('local replication replicator ident'), 'User replicator, to physical replication, over the Unix-domain socket, if the operating-system user has the same name (peer) (ident on a local line means peer)');
    assert.equal(describe1('host all all .example.com md5'), 'Any user, to any database, over TCP/IP (SSL or not) from any host whose name ends in .example.com, with an MD5 or SCRAM password (md5)');
  });

  it('describes include records (16+)', () => {
    assert.equal(describe1('include_dir conf.d', 16), 'Reads the rules of every .conf file in the folder conf.d here, in file-name order');
  });
});

describe('hbaCompletions', () => {
  const labels = (text: string, line: number, character: number, major: HbaMajor) => hbaCompletions(parseHba(text, major), { line, character }).map((c) => c.label);

  it('offers connection types (and include records from 16 on) in the first field', () => {
    assert.ok(labels('', 0, 0, 16).includes('include_dir'));
    assert.ok(!labels('', 0, 0, 13).includes('include_dir'));
  });

  it('offers the methods of the major after the address', () => {
    assert.ok(labels('host all all all ', 0, 17, 18).includes('oauth'));
    assert.ok(!labels('host all all all ', 0, 17, 16).includes('oauth'));
  });

  it("offers the method's options after it", () => {
    const options = labels('hostssl all all all cert ', 0, 25, 17);
    assert.ok(options.includes('map=') && options.includes('clientname='), options.join());
    assert.ok(!options.includes('ldapserver='));
  });
});

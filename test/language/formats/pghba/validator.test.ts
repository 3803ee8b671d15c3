/** validateHba: PostgreSQL's messages with stable codes and ranges, includes through the host, build and audit rules. */
import * as assert from 'node:assert/strict';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import { HBA_CODES } from '../../../../language/formats/pghba/codes';
import { parseHba } from '../../../../language/formats/pghba/parser';
import { EMBEDDED_BUILD, type HbaMajor, type HbaServer } from '../../../../language/formats/pghba/types';
import { validateHba } from '../../../../language/formats/pghba/validator';
import { memoryFs } from './memoryFs';

const ROOT = '/etc/pg/pg_hba.conf';

function check(text: string, major: HbaMajor = 17, server: HbaServer = {}, files: Record<string, string> = {}): Diagnostic[] {
  return validateHba({ parsed: parseHba(text, major), file: ROOT, fs: memoryFs({ [ROOT]: text, ...files }), server });
}

const codes = (diagnostics: Diagnostic[]) => diagnostics.map((d) => d.code);
const only = (diagnostics: Diagnostic[], code: string) => diagnostics.filter((d) => d.code === code);

describe('validateHba', () => {
  it('accepts a plain file without a word', () => {
    assert.deepEqual(check('local all all peer\nhost all all 127.0.0.1/32 scram-sha-256\nhost all all ::1/128 scram-sha-256\n'), []);
  });

  it("reports PostgreSQL's message with a stable code, on the token at fault", () => {
    const [d] = check('local all all peer\nHost all all all trust\n');
    assert.equal(d.code, HBA_CODES.invalidConnectionType);
    assert.equal(d.source, 'pgha');
    assert.equal(d.severity, DiagnosticSeverity.Error);
    assert.match(d.message, /^invalid connection type "Host"\. Use local, host/);
    assert.deepEqual(d.range, { start: { line: 1, character: 0 }, end: { line: 1, character: 4 } });
  });

  const cases: Array<[string, HbaMajor, string, string]> = [
    ['host all all 10.0.0.0/33 md5', 17, HBA_CODES.invalidCidrMask, 'invalid CIDR mask in address "10.0.0.0/33"'],
    ['host all all db.example.com/24 md5', 17, HBA_CODES.hostnameWithMask, 'specifying both host name and CIDR mask is invalid: "db.example.com/24"'],
    ['host all all 10.0.0.1 md5', 17, HBA_CODES.invalidNetmask, 'invalid IP mask "md5": Name or service not known'],
    ['host all all 10.0.0.1 ffff:: md5', 17, HBA_CODES.invalidNetmask, 'IP address and mask do not match'],
    ['host all all all scram', 17, HBA_CODES.unknownMethod, 'invalid authentication method "scram"'],
    ['host all all all oauth issuer=i scope=s', 17, HBA_CODES.unknownMethod, 'invalid authentication method "oauth"'],
    ['host all all all md5 map', 17, HBA_CODES.optionSyntax, 'authentication option not in name=value format: map'],
    ['host all all all md5 map=x', 17, HBA_CODES.invalidOption, 'authentication option "map" is only valid for authentication methods ident, peer, gssapi, sspi, and cert'],
    ['host all all all md5 map=x', 18, HBA_CODES.invalidOption, 'authentication option "map" is only valid for authentication methods ident, peer, gssapi, sspi, cert, and oauth'],
    ['host all all all md5 clientname=CN', 13, HBA_CODES.unknownOption, 'unrecognized authentication option name: "clientname"'],
    ['host all all all md5 clientcert=verify-full', 17, HBA_CODES.clientcert, 'clientcert can only be configured for "hostssl" rows'],
    ['hostssl all all all md5 clientcert=1', 16, HBA_CODES.clientcert, 'invalid value for clientcert: "1"'],
    ['host all all all cert', 17, HBA_CODES.certNotHostssl, 'cert authentication is only supported on hostssl connections'],
    ['host all all all peer', 17, HBA_CODES.peerNotLocal, 'peer authentication is only supported on local sockets'],
    ['host all all', 17, HBA_CODES.missingField, 'end-of-line before IP address specification'],
    ['host all all 1.2.3.4/8,::1/128 md5', 17, HBA_CODES.multipleValues, 'multiple values specified for host address'],
    ['host all all all radius', 17, HBA_CODES.missingOption, 'authentication method "radius" requires argument "radiusservers" to be set'],
    ['host all all all oauth issuer=i', 18, HBA_CODES.missingOption, 'authentication method "oauth" requires argument "scope" to be set'],
    ['host all /a( all md5', 16, HBA_CODES.invalidRegex, 'invalid regular expression "a(": parentheses () not balanced'],
    ['include other.conf', 15, HBA_CODES.invalidConnectionType, 'invalid connection type "include"'],
    ['host all @users.txt all md5', 15, HBA_CODES.missingInclude, 'could not open secondary authentication file "@users.txt" as "/etc/pg/users.txt": No such file or directory'],
    ['host all @users.txt all md5', 16, HBA_CODES.missingInclude, 'could not open file "/etc/pg/users.txt": No such file or directory'],
  ];
  for (const [line, major, code, message] of cases) {
    it(`${major}: ${line} → ${code}`, () => {
      const found = only(check(line, major), code);
      assert.equal(found.length, 1, JSON.stringify(check(line, major)));
      assert.ok(found[0].message.startsWith(message), found[0].message);
      assert.equal((found[0].data as { postgres: string }).postgres, message);
    });
  }

  it('reports build-dependent methods as information, and as errors when the build is known to lack them', () => {
    const unknown = check('host all all all ldap ldapserver=x ldapbasedn="dc=x"');
    assert.deepEqual(unknown.map((d) => [d.code, d.severity]), [[HBA_CODES.buildDependent, DiagnosticSeverity.Information]]);
    const embedded = check('host all all all ldap ldapserver=x ldapbasedn="dc=x"', 17, { build: EMBEDDED_BUILD });
    assert.deepEqual(codes(embedded), [HBA_CODES.unsupportedByBuild]);
    assert.equal(embedded[0].message.split('.')[0], 'invalid authentication method "ldap": not supported by this build');
    assert.deepEqual(codes(check('hostgssenc all all all scram-sha-256', 17, { build: EMBEDDED_BUILD })), [HBA_CODES.unsupportedByBuild]);
  });

  it('still checks the options of a build-dependent method', () => {
    assert.ok(codes(check('host all all all ldap ldapprefix=cn= ldapbasedn=dc=x')).includes(HBA_CODES.missingOption));
  });

  it('warns that hostssl never matches with ssl = off, only when the setting is known', () => {
    assert.deepEqual(codes(check('hostssl all all all scram-sha-256')), []);
    const off = check('hostssl all all all scram-sha-256', 17, { ssl: false });
    assert.deepEqual(off.map((d) => [d.code, d.severity]), [[HBA_CODES.sslDisabled, DiagnosticSeverity.Warning]]);
  });

  it('reads @files and include records through the host (16+), and reports what the included files hold', () => {
    const files = { '/etc/pg/users.txt': 'alice, bob\n', '/etc/pg/conf.d/a.conf': 'local all all bogus\n', '/etc/pg/conf.d/skip.txt': 'x' };
    assert.deepEqual(check('host all @users.txt 10.0.0.0/8 scram-sha-256', 16, {}, files), []);
    const included = check('include_dir conf.d\ninclude_if_exists missing.conf\n', 16, {}, files);
    assert.deepEqual(codes(included).sort(), [HBA_CODES.includeSkipped, HBA_CODES.includedFileErrors].sort());
    const error = only(included, HBA_CODES.includedFileErrors)[0];
    assert.match(error.message, /line 1 of "\/etc\/pg\/conf\.d\/a\.conf": invalid authentication method "bogus"/);
    assert.equal(error.range.start.line, 0);
  });

  it('stops an include loop at the depth PostgreSQL allows', () => {
    const files = { '/etc/pg/loop.conf': 'include loop.conf\n' };
    const found = check('include loop.conf\nlocal all all peer\n', 17, {}, files);
    assert.match(only(found, HBA_CODES.includedFileErrors)[0].message, /maximum nesting depth exceeded/);
  });

  it('says when the file holds no rule at all', () => {
    assert.deepEqual(codes(check('# nothing here\n')), [HBA_CODES.noEntries]);
  });

  it('checks without reading files when no host is given', () => {
    const parsed = parseHba('host all @users 10.0.0.0/8 md5\ninclude x.conf\nlocal all all bogus\n', 16);
    assert.deepEqual(codes(validateHba({ parsed })), [HBA_CODES.md5, HBA_CODES.unknownMethod]);
  });

  describe('audit rules', () => {
    it('flags trust over the network but not on loopback', () => {
      assert.deepEqual(codes(check('host all all 10.0.0.0/8 trust')), [HBA_CODES.trustRemote]);
      assert.deepEqual(codes(check('host all all 127.0.0.1/32 trust\nhost all all ::1/128 trust\nlocal all all trust')), []);
    });

    it('flags the whole internet with a weak method', () => {
      assert.deepEqual(codes(check('host all all 0.0.0.0/0 scram-sha-256')), []);
      assert.deepEqual(codes(check('host all all ::/0 trust')), [HBA_CODES.openToWorld]);
      assert.deepEqual(codes(check('host all all all password')), [HBA_CODES.openToWorld, HBA_CODES.passwordCleartext]);
    });

    it('warns about md5 where passwords are stored as SCRAM, and only informs where they are stored as MD5', () => {
      const severityOf = (major: HbaMajor, server: HbaServer = {}) => only(check('host all all 10.0.0.0/8 md5', major, server), HBA_CODES.md5).map((d) => d.severity);
      assert.deepEqual(severityOf(17), [DiagnosticSeverity.Warning]);
      assert.deepEqual(severityOf(14, { passwordEncryption: 'scram-sha-256' }), [DiagnosticSeverity.Warning]);
      assert.deepEqual(severityOf(17, { passwordEncryption: 'md5' }), [DiagnosticSeverity.Information]);
      assert.deepEqual(severityOf(13), [DiagnosticSeverity.Information]);
      assert.deepEqual(severityOf(13, { passwordEncryption: 'scram-sha-256' }), [DiagnosticSeverity.Warning]);
      assert.match(only(check('host all all 10.0.0.0/8 md5', 13), HBA_CODES.md5)[0].message, /^md5 matches how passwords are stored here \(PostgreSQL 13 stores passwords as MD5 by default\)/);
    });

    it('flags md5 and clear-text passwords', () => {
      assert.deepEqual(codes(check('host all all 10.0.0.0/8 md5')), [HBA_CODES.md5]);
      assert.deepEqual(codes(check('hostssl all all 10.0.0.0/8 password')), []);
    });

    it("leaves connections from the server's own host alone", () => {
      assert.deepEqual(codes(check('host all all 127.0.0.1/32 password\nhost replication all ::1/128 scram-sha-256\nlocal replication all peer\nhost all all samehost trust')), []);
    });

    it('flags replication for every role', () => {
      assert.deepEqual(codes(check('host replication all 10.0.0.0/8 scram-sha-256')), [HBA_CODES.replicationAllUsers]);
      assert.deepEqual(codes(check('host replication replicator 10.0.0.0/8 scram-sha-256')), []);
    });

    it('flags a line an earlier line always wins over', () => {
      const found = check('host all all 10.0.0.0/8 scram-sha-256\nhostssl app alice 10.1.0.0/16 cert\nhost replication all 10.0.0.0/8 reject');
      assert.deepEqual(found.map((d) => [d.code, d.range.start.line]), [[HBA_CODES.shadowedLine, 1]]);
      assert.match(found[0].message, /^never used: line 1 already matches/);
      assert.deepEqual(codes(check('host all all 10.0.0.0/16 scram-sha-256\nhost all all 10.0.0.0/8 scram-sha-256')), []);
    });
  });
});

/**
 * Hand-written pg_hba.conf lines for the differential test: every field form, the tokenizer's corners, the
 * options of every method, include records and @file lists; plus the files they refer to.
 */

/** Files written into the data directory next to pg_hba.conf (names relative to it). */
export const FIXTURE_FILES: Record<string, string> = {
  'hba_users.txt': 'alice, bob\n# a comment\ncarol "dave x"\n',
  'hba_empty.txt': '',
  'hba_rec.txt': '@hba_users.txt\n',
  'hba_quoted.txt': '"+admins" all\n',
  'hba_long.txt': `${'u'.repeat(10239)}\n`,
  'hba_with_include.txt': 'include hba_inc/b.conf\n',
  'hba_inc/a.conf': 'local all all trust\nlocal all all bogus\nhost all all 10.0.0.0/33 md5\n',
  'hba_inc/b.conf': 'host all all all md5\n',
  'hba_inc/.hidden.conf': 'bogus line\n',
  'hba_inc/ignored.txt': 'bogus line\n',
  'hba_inc/.conf': 'bogus line\n',
  'hba_inc/dir.conf/x.conf': 'bogus line\n',
  'hba_inc2/c.conf': 'include ../hba_inc/b.conf\ninclude_if_exists nothere.conf\n',
  'hba_loop.conf': 'include hba_loop.conf\n',
  'hba_deep/1.conf': 'include 2.conf\n',
  'hba_deep/2.conf': 'include 3.conf\n',
  'hba_deep/3.conf': 'local all all trust\n',
};

const ADDRESS_FORMS = [
  '127.0.0.1/32', '10.0.0.0/8', '0.0.0.0/0', '::1/128', '::/0', 'fe80::/10', '127.1/32', '2130706433', '010.0.0.1/8', '0x7f.1 255.0.0.0',
  '256.1.1.1', '256.1.1.1/8', '1.2.3.4.5', '::1/129', '10.0.0.0/+8', '10.0.0.0/-0', '"10.0.0.0/ 8"', '10.0.0.0/8x', '10.0.0.0/', '10.0.0.1',
  '10.0.0.1 255.255.255.0', '10.0.0.1 ffff::', '10.0.0.1 255.255.255.0,1', 'fe80::1%1/64', '""', '"" /24', '/24', '[::1]', 'all', '"all"',
  'samehost', 'samenet', '"samenet"', 'samehost/24', '"1.2.3.4 "', '" 1.2.3.4"', '0x', '08.1.1.1', '1.', '1..2', '4294967295', '4294967296',
  '1.16777215', '1.16777216', '0xffffffff', '00000001', '1.2.3.0377', '1.2.3.0400', '0', '09', '::', '1::', '1:2:3:4:5:6:7:8', '1:2:3:4:5:6:7:8:9',
  '1::2::3', '12345::', '::ffff:1.2.3.4', '::ffff:01.2.3.4', '1:2:3:4:5:6:1.2.3.4', '::1%4294967295', '::1%4294967296', 'fe80::1%', '::1%-1',
  '1.2.3.4%1', 'ABCD::EF', 'g::1', '1.2.3.4/33', '"1.2.3.4/\t8"', '"1.2.3.4/8 "', '1.2.3.4/08', '1.2.3.4/0x8', '1.2.3.4/99999999999999999999',
  '1.2.3.4/-1', 'localhost', '.example.com', 'example.com/24', '*', '10.0.0.0 0.0.0.0', '10.0.0.0 0xffffff00', '::1 255.255.255.0',
  '::1 ffff::', '10.0.0.0 "255.255.255.0 "', '10.0.0.0 foo', '10.0.0.0 ""', '10.0.0.0 255.255.255.0/24', '10.0.0.0 255.255.255.256',
  'a.b.c', '1.2.3.a', 'db.example.com', '"all",x',
];

const REGEXES = [
  '^a', '^a$', 'a\\', '[a', 'a{1', '*a', 'a**', 'a+*', '(?i)a', 'a(?i)', '\\1', '(a)\\2', '(a)\\1', '(a\\1)', '[[:foo:]]', '[[:alpha:]]', '[z-a]',
  'a{1000}', 'a{256}', 'a{255}', '\\x', '\\x41', '\\q', '[[.a.]]', '[[.foo.]]', '[[.space.]]', '[[=a=]]', '(?=a)', '(?<=a)b', '(?<a)', 'a|', '|',
  '()', ')', 'a)', ']', '}', '{', 'a{', 'a{,2}', 'a{1}{2}', 'a??', '^*', '$*', '(*)', '\\d+', '[\\d]', '\\m', '***=a(', '***:(?i)a',
  '(?z)a', '(?b)a(', '(?e)a+', '(?e)a)', '(?q)a(', '\\', 'a\\b', '\\u12', '\\u0041', '\\U1234', '\\U00000041', '[a-\\d]', '[^]', '[]]', '[]a]',
  '(?:a)', '\\y', 'a+?', '\\k', '\\B', '[a-c-e]', '[a-c-]', '[--z]', '[[:alpha:]-z]', '[a-]', '[\\y]', 'a{1x}', 'a{2}x', '(?=\\1)', '[[..]]',
  '[[::]]', '[[.', '[[:alpha:]', 'a{01}', 'a{0256}', '\\0', '\\12', '\\c', '\\cA', '(?xi)a b', '((a)', '(a))', 'a{1}?', '[[:<:]]a', '\\Z*',
  '(?!a)*', 'é+', '[é-a]', '\\xfffffffff', '(?', '(?<', 'a|*', '\\Ubadbadba',
];

const OPTION_LINES = [
  'local all all peer map=x', 'local all all ident map=x', 'host all all all ident map=x', 'host all all all trust map=x', 'host all all all md5 map=',
  'host all all all md5 map=a=b', 'host all all all md5 map', 'host all all all trust foo', 'host all all all trust foo=bar', 'host all all all trust =x',
  'host all all all trust ldapserver=x', 'host all all all trust krb_realm=x', 'host all all all trust include_realm=1', 'host all all all trust compat_realm=1',
  'host all all all trust upn_username=1', 'host all all all trust pamservice=x', 'host all all all trust pam_use_hostname=1', 'host all all all trust issuer=x',
  'host all all all trust scope=x', 'host all all all trust validator=x', 'host all all all trust delegate_ident_mapping=1', 'host all all all md5 ldaptls=1',
  'host all all all md5 ldapurl=ldap://x', 'host all all all md5 ldapport=0', 'host all all all md5 radiusservers=1', 'host all all all md5 clientcert=verify-full',
  'host all all all md5 clientname=CN', 'hostnossl all all all md5 clientcert=verify-ca', 'hostssl all all all cert', 'hostssl all all all cert clientcert=verify-ca',
  'hostssl all all all cert clientcert=verify-full', 'hostssl all all all md5 clientcert=verify-ca', 'hostssl all all all md5 clientcert=1', 'hostssl all all all md5 clientcert=0',
  'hostssl all all all md5 clientcert=no-verify', 'hostssl all all all cert clientcert=no-verify', 'hostssl all all all cert clientcert=0', 'hostssl all all all md5 clientcert=bogus',
  'hostssl all all all md5 clientcert=VERIFY-FULL', 'hostssl all all all md5 clientname=DN', 'hostssl all all all md5 clientname=dn', 'hostssl all all all md5 clientname=CN clientcert=verify-full',
  'hostssl all all all cert map=x', 'hostssl all all all cert clientname=DN map=m', 'hostssl all all all scram-sha-256 clientcert=verify-full clientcert=verify-ca',
  'host all all all radius', 'host all all all radius radiusservers=127.0.0.1', 'host all all all radius radiussecrets=x', 'host all all all radius radiusservers=127.0.0.1 radiussecrets=b',
  'host all all all radius radiusservers=localhost radiussecrets=b', 'host all all all radius radiusservers=127.0.0.1,127.0.0.2 radiussecrets=b,c,d',
  'host all all all radius radiusservers=127.0.0.1 radiussecrets=""', 'host all all all radius radiusservers="" radiussecrets=x',
  'host all all all radius radiusservers=127.0.0.1 radiussecrets=x radiusports=0', 'host all all all radius radiusservers=127.0.0.1 radiussecrets=x radiusports=abc',
  'host all all all radius radiusservers=127.0.0.1 radiussecrets=x radiusports=12', 'host all all all radius radiusservers=127.0.0.1 radiussecrets=x radiusports=-5',
  'host all all all radius radiusservers=127.0.0.1 radiussecrets=x radiusports=12abc', 'host all all all radius "radiusservers=127.0.0.1,127.0.0.2" "radiussecrets=a,b,c"',
  'host all all all radius "radiusservers=127.0.0.1,127.0.0.2" "radiussecrets=a,b" "radiusports=1,2,3"', 'host all all all radius "radiusservers=127.0.0.1,127.0.0.2" "radiussecrets=a,b" "radiusports=1,2"',
  'host all all all radius "radiusservers=127.0.0.1,127.0.0.2" "radiussecrets=a,b" "radiusidentifiers=1,2,3"', 'host all all all radius "radiusservers=127.0.0.1, 127.0.0.2" "radiussecrets=a"',
  'host all all all radius "radiusservers=127.0.0.1,,127.0.0.2" "radiussecrets=a"', 'host all all all radius radiusservers=127.0.0.1 radiussecrets=","',
  'host all all all radius "radiusservers=""127.0.0.1""" radiussecrets=a', 'host all all all radius "radiusservers=""127.0.0.1" radiussecrets=a',
  'host all all all radius radiusservers=127.0.0.1 "radiussecrets=a b"', 'host all all all radius radiusservers=127.0.0.1 radiussecrets=x "radiusports=1,"',
  'host all all all radius radiusservers=127.0.0.1 radiussecrets=x radiusidentifiers=', 'host all all all radius radiusservers=::1 radiussecrets=x',
  'host all all all radius radiusservers=127.0.0.1 radiussecrets=x radiusservers=""', 'host all all all radius radiusservers=127.1 radiussecrets=x foo=1',
  'host all all all oauth', 'host all all all oauth issuer=x', 'host all all all oauth scope=x', 'host all all all oauth issuer=x scope=y',
  'host all all all oauth issuer=x scope=y map=m delegate_ident_mapping=1', 'host all all all oauth issuer=x scope=y validator=v', 'host all all all oauth issuer=x scope=y ldapserver=x',
  'host all all all ldap', 'host all all all ldap ldapserver=x', 'host all all all pam pamservice=x', 'host all all all gss include_realm=0', 'local all all gss',
  'host all all all sspi', 'host all all all bsd', 'host all all all peer', 'host all all all ident', 'host all all all cert', 'local all all cert',
  'hostnossl all all all cert', 'hostgssenc all all all cert', 'local all all ident map=a, map=b', 'host all all all trust map=a, map=b',
  'host all all all ident map=a, map=b', 'host all all all ident "map=a, map=b"', 'host all all all ident map="a b"', 'host all all all ident "map"=a',
  'host all all all ident map=a,,b', 'host all all all ident "unterminated', 'host all all all ident map=x map=y', 'host all all all md5 MAP=x',
  'host all all all scram-sha-256 clientcert=verify-full', 'local all all trust clientname=DN', 'local all all reject map=x', 'local all all password',
];

const STRUCTURE_LINES = [
  'host', 'host all', 'host all all', 'host all all all', 'local all', 'local all all', 'local', 'host,local all all all trust', 'host all all all trust,md5',
  'host all all 1.2.3.4/8,1.2.3.4/8 trust', 'Host all all all trust', 'HOST all all all trust', '"host" all all all "trust"', 'hostx all all all trust',
  '"" all all all trust', 'include foo.conf', 'include_if_exists foo.conf', 'include_dir foo', 'include_dir ""', 'include ""', 'include', 'include a b',
  '"include" hba_deep/3.conf', 'include hba_inc/a.conf', 'include_if_exists hba_inc/a.conf', 'include_if_exists nothere.conf', 'include_dir hba_inc',
  'include_dir hba_inc2', 'include hba_loop.conf', 'include hba_empty.txt', 'include "hba_inc/a.conf"', 'include hba_inc/a.conf,hba_inc/b.conf',
  'include hba_inc/a.conf # comment', 'include hba_deep/1.conf', 'include hba_inc', 'include_dir hba_users.txt', 'include_dir " "', 'include_if_exists hba_inc',
  'include hba_users.txt/x', 'include_if_exists hba_users.txt/x', 'include ./hba_deep//3.conf', 'include hba_deep/../hba_deep/3.conf', 'include_dir hba_deep/',
  'host all @hba_users.txt all trust', 'host @hba_users.txt all all trust', 'host all @hba_users.txt,dave all trust', 'host all @hba_rec.txt all trust',
  'host all @hba_empty.txt all trust', 'host all @hba_inc all trust', 'host all @"hba_users.txt" all trust', 'host all @nofile all trust', 'host all "@nofile" all trust',
  'host all @ all trust', 'host all @hba_long.txt all trust', 'host all @hba_quoted.txt trust', '@hba_users.txt all all trust', 'host all @hba_with_include.txt',
  'host all @hba_users.txt/x all trust', 'host all +admins all trust', 'host all "+admins" all trust', 'host all @hba_nofile1,@hba_nofile2 all trust',
  'local all all trust # comment', 'local all all trust#comment', 'local all all "trust#x"', 'local all all tr"ust"', 'local all all "tr"ust', 'local al"l" all trust',
  'host all all a"ll" trust', 'host , all all all trust', ',host all all all trust', 'host all, all all trust', 'host all ,all all trust', '# only a comment',
  '   # indented comment', '\t', 'local\tall\tall\ttrust', 'local all all trust\r', 'local all all bogus\r', 'local all\tall\vtrust', 'local all all trust\fx',
  'local all all ""', 'local all all "trust"x', 'local "all" "sameuser" trust', 'local sameuser,samerole,samegroup,replication all trust', 'local all "" trust',
  'local replication all trust', 'host replication all 10.0.0.0/8 scram-sha-256', 'local all all trust \\\n ,md5', 'local all all \\\ntrust',
  'host all \\\nall all trust', 'local all all trust \\\\\nlocal all all trust # comment \\\nwith continuation', 'local all all \\\r\ntrust',
  'local all all trust\\', 'local all all trust \\\n\nlocal all all md5', 'local all all \\\n\\\ntrust', '# comment \\\nlocal all all bogus', 'local all "a\\\nb" trust',
  `local all ${'a'.repeat(10238)} trust`, `local all ${'a'.repeat(10239)} trust`, `local all ${'a'.repeat(10239)},b trust`, `local all "${'a'.repeat(10239)}" trust`,
  `local all ${'é'.repeat(5119)} trust`, `local all ${'é'.repeat(5120)} trust`, `local all all trust ${' '.repeat(20450)}#x`, `local all all trust ${' '.repeat(20457)}#x`,
  `local all all trust ${' '.repeat(20458)}#x`, 'local all all bogus', 'local all all trust x=' + 'y'.repeat(300),
];

/** The hand-written lines: structure, tokenizer corners, addresses, options, regular expressions. */
export function handWrittenLines(): string[] {
  const lines = [...STRUCTURE_LINES, ...OPTION_LINES];
  for (const address of ADDRESS_FORMS) lines.push(`host all all ${address} trust`);
  for (const regex of REGEXES) {
    lines.push(`host all /${regex} all trust`);
    lines.push(`local /${regex} all trust`);
  }
  lines.push('host all "/a b" all trust', 'host all "/(" all trust', 'host "/^db[0-9]+$" /^user all scram-sha-256', 'host all /(?#comment)a all trust');
  return lines;
}

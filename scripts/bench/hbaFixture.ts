/** A big pg_hba.conf as large sites write them: sections of per-application rules, comments, a few mistakes. */

const METHODS = ['scram-sha-256', 'scram-sha-256', 'scram-sha-256', 'md5', 'reject', 'cert clientcert=verify-full', 'ldap ldapserver=ldap.example.com ldapprefix="cn=" ldapsuffix=",dc=example,dc=com"'];

/** One rule of application `i`: a host, a subnet, a host name or a local line, with per-application names. */
function rule(i: number): string {
  const method = METHODS[i % METHODS.length];
  const a = (i >> 8) & 255;
  const b = i & 255;
  switch (i % 5) {
    case 0:
      return `host    app${i}      app${i}_rw,app${i}_ro   10.${a}.${b}.0/24        ${method}`;
    case 1:
      return `hostssl app${i}      +app${i}_team           10.${a}.${b}.17/32       ${method.startsWith('cert') ? method : 'scram-sha-256'}`;
    case 2:
      return `host    app${i}      app${i}_batch           10.${a}.${b}.0 255.255.255.0 ${method}`;
    case 3:
      return `host    all         app${i}_report          .app${i}.example.com     scram-sha-256`;
    default:
      return `hostnossl app${i}    app${i}_legacy          fd00:${a.toString(16)}:${b.toString(16)}::/64  ${method}`;
  }
}

export function generateHba(lines = 2000): string {
  const out = [
    '# TYPE  DATABASE        USER            ADDRESS                 METHOD',
    'local   all             postgres                                peer',
    'local   all             all                                     peer',
    'host    all             all             127.0.0.1/32            scram-sha-256',
    'host    all             all             ::1/128                 scram-sha-256',
    'host    replication     replicator      172.16.0.0/12           scram-sha-256',
    'host    all             monitor         10.0.0.0/8              md5',
    'host    app0            app0            10.0.0.0/8              trsut',
  ];
  for (let i = 1; out.length < lines - 1; i++) {
    if (i % 20 === 1) out.push('', `# applications ${i}–${i + 19}`);
    out.push(rule(i));
  }
  out.push('host    all             all             0.0.0.0/0               reject');
  return out.slice(0, lines).join('\n') + '\n';
}

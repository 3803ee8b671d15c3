/** Short explanations, in our own words, of what can be written in a pg_hba.conf field: completion and hover documentation. */

export const CONNECTION_WORDS: Record<string, string> = {
  local: 'Connections through the Unix-domain socket of the server host (no address field on these lines).',
  host: 'TCP/IP connections, encrypted or not.',
  hostssl: 'TCP/IP connections that negotiated SSL (the server needs ssl = on).',
  hostnossl: 'TCP/IP connections that did not use SSL.',
  hostgssenc: 'TCP/IP connections encrypted with GSSAPI (a server built with GSSAPI only).',
  hostnogssenc: 'TCP/IP connections without GSSAPI encryption.',
  include: 'Reads the rules of another file at this point; the configuration fails when it is missing (PostgreSQL 16+).',
  include_if_exists: 'Reads the rules of another file at this point when the file exists (PostgreSQL 16+).',
  include_dir: 'Reads every .conf file of a folder at this point, ordered by name (PostgreSQL 16+).',
};

export const DATABASE_WORDS: Record<string, string> = {
  all: 'Any database (but not replication connections: those need the replication keyword).',
  sameuser: 'The database whose name is the connecting role\'s name.',
  samerole: 'Any database named like a role the connecting role belongs to.',
  replication: 'Physical replication connections (pg_basebackup, a standby\'s walreceiver); they name no database.',
};

export const ROLE_WORDS: Record<string, string> = {
  all: 'Any role. Write +name for the members of a role, @file for a list kept in a file.',
};

export const ADDRESS_WORDS: Record<string, string> = {
  all: 'Any client address, IPv4 or IPv6.',
  samehost: 'Any of the server\'s own addresses.',
  samenet: 'Any address of a subnet the server has an interface on.',
  '127.0.0.1/32': 'The IPv4 loopback address only: clients on the server host.',
  '::1/128': 'The IPv6 loopback address only: clients on the server host.',
  '10.0.0.0/8': 'A private IPv4 range (16,777,216 addresses).',
  '172.16.0.0/12': 'A private IPv4 range, the one Docker networks are usually taken from.',
  '192.168.0.0/16': 'A private IPv4 range (65,536 addresses).',
};

export const METHOD_WORDS: Record<string, string> = {
  trust: 'Lets the client in without any check. Only sensible for the Unix socket on a host you control.',
  reject: 'Refuses the connection; useful above a broader line to carve out exceptions.',
  'scram-sha-256': 'Password check by a challenge-response exchange: the password never crosses the wire and the stored verifier cannot be replayed. The recommended password method.',
  md5: 'Password check with an MD5 challenge (or SCRAM when the stored password is a SCRAM verifier). MD5 verifiers are deprecated from PostgreSQL 18.',
  password: 'The client sends its password as it is: readable by anyone on the path unless SSL protects the connection.',
  gss: 'Kerberos through GSSAPI (a server built with GSSAPI only).',
  sspi: 'Windows single sign-on (a server on Windows only).',
  ident: 'Asks an ident server on the client host which operating-system user opened the connection (local lines: peer).',
  peer: 'Takes the operating-system user of the socket peer and requires the same role name (local lines only), or maps it with map=.',
  pam: 'Delegates the password check to PAM (a server built with PAM only).',
  ldap: 'Checks the password against an LDAP directory (a server built with LDAP only).',
  radius: 'Checks the password against a RADIUS server.',
  cert: 'Requires a client certificate whose common name is the role (hostssl lines only).',
  bsd: 'BSD Authentication (OpenBSD only).',
  oauth: 'An OAuth bearer token, checked by a validator library (PostgreSQL 18+).',
};

export const OPTION_WORDS: Record<string, string> = {
  map: 'The user-name map of pg_ident.conf that turns the external name into allowed role names.',
  clientcert: 'verify-ca: the client must show a certificate signed by a trusted CA; verify-full: its name must also match the role.',
  clientname: 'Which certificate field is compared with the role: CN (default) or DN (PostgreSQL 14+).',
  pamservice: 'The PAM service name to use (default postgresql).',
  pam_use_hostname: 'Give PAM the client\'s host name instead of its address (1 or 0).',
  krb_realm: 'Accept only principals of this Kerberos realm.',
  include_realm: 'Keep the realm in the name that is compared or mapped (1, the default, or 0).',
  compat_realm: 'SSPI: use the SAM-compatible domain name as the realm.',
  upn_username: 'SSPI: use the user principal name instead of the SAM account name.',
  ldapurl: 'All LDAP settings in one RFC 4516 URL.',
  ldaptls: 'Use StartTLS towards the LDAP server (1).',
  ldapscheme: 'ldap or ldaps.',
  ldapserver: 'LDAP server names or addresses, separated by spaces.',
  ldapport: 'The LDAP server port.',
  ldapbinddn: 'Search+bind mode: the name to bind as for the search.',
  ldapbindpasswd: 'Search+bind mode: the password of ldapbinddn (kept in clear text in this file).',
  ldapsearchattribute: 'Search+bind mode: the attribute matched against the role name.',
  ldapsearchfilter: 'Search+bind mode: a filter where $username stands for the role name.',
  ldapbasedn: 'Search+bind mode: where the search starts.',
  ldapprefix: 'Simple bind mode: text put before the role name to form the bind name.',
  ldapsuffix: 'Simple bind mode: text put after the role name to form the bind name.',
  radiusservers: 'RADIUS servers, comma-separated.',
  radiusports: 'Their ports, comma-separated (one for all, or one per server).',
  radiussecrets: 'Their shared secrets, comma-separated (one for all, or one per server).',
  radiusidentifiers: 'The NAS identifiers sent, comma-separated.',
  issuer: 'OAuth: the issuer URL of the authorization server.',
  scope: 'OAuth: the scopes the token must carry.',
  validator: 'OAuth: which of oauth_validator_libraries checks the token.',
  delegate_ident_mapping: 'OAuth: let the validator decide which role the token may use instead of a map.',
};

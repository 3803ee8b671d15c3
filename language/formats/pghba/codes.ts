import type { FormatCode } from '../../diagnostics';

/** The format id: the prefix of every code. */
export const HBA = 'hba';

/** Every pg_hba.conf diagnostic code, in one place. Codes are stable: tests, docs and quick fixes key on them. */
export const HBA_CODES = {
  /** A token or line longer than PostgreSQL's buffer (13–15, 13), or a file it cannot read. */
  syntax: 'hba/syntax',
  /** A comma list where PostgreSQL wants one value (connection type, address, netmask, method). */
  multipleValues: 'hba/multiple-values',
  /** The first field is not local, host, hostssl, hostnossl, hostgssenc or hostnogssenc (nor an include on 16+). */
  invalidConnectionType: 'hba/invalid-connection-type',
  /** The line ends before a field PostgreSQL needs (database, role, address, netmask, method). */
  missingField: 'hba/missing-field',
  /** A `/length` PostgreSQL does not read as a prefix length of the address family. */
  invalidCidrMask: 'hba/invalid-cidr-mask',
  /** A host name (not a numeric address) with a `/length`. */
  hostnameWithMask: 'hba/hostname-with-mask',
  /** A separate netmask that is not a numeric address, or of the other address family. */
  invalidNetmask: 'hba/invalid-netmask',
  /** A `/regex` database or role name PostgreSQL's regular-expression compiler rejects (16+). */
  invalidRegex: 'hba/invalid-regex',
  /** An authentication method PostgreSQL does not know (or not in this major: oauth before 18). */
  unknownMethod: 'hba/unknown-method',
  /** A method or connection type the server's build lacks (when the build is known). */
  unsupportedByBuild: 'hba/unsupported-by-build',
  /** A method or connection type that works only when PostgreSQL was built with an optional library (build not known). */
  buildDependent: 'hba/build-dependent',
  /** gss on a local line. */
  gssNotLocal: 'hba/gss-not-local',
  /** peer on a non-local line. */
  peerNotLocal: 'hba/peer-not-local',
  /** cert on a line that is not hostssl. */
  certNotHostssl: 'hba/cert-not-hostssl',
  /** An option word without `=`. */
  optionSyntax: 'hba/option-syntax',
  /** An option name PostgreSQL does not know (in this major). */
  unknownOption: 'hba/unknown-option',
  /** An option of another method, or an option value PostgreSQL refuses. */
  invalidOption: 'hba/invalid-option',
  /** A method without an option it requires, or with options that exclude each other. */
  missingOption: 'hba/missing-option',
  /** clientcert / clientname on a non-hostssl line, or with a value PostgreSQL refuses. */
  clientcert: 'hba/clientcert',
  /** A hostssl line while the server runs with ssl = off (PostgreSQL keeps the line, it never matches). */
  sslDisabled: 'hba/ssl-disabled',
  /** oauth with oauth_validator_libraries unset or not allowing the validator (18). */
  oauthValidator: 'hba/oauth-validator',
  /** md5 while db_user_namespace is on (13–16). */
  md5UserNamespace: 'hba/md5-db-user-namespace',
  /** include / include_dir / @file of a file or folder that cannot be opened. */
  missingInclude: 'hba/missing-include',
  /** include_if_exists of a missing file: PostgreSQL logs that it skips it. */
  includeSkipped: 'hba/include-skipped',
  /** Includes nested deeper than PostgreSQL's limit of 10 (16+). */
  includeDepth: 'hba/include-depth',
  /** An included file has lines PostgreSQL rejects (shown on the include line). */
  includedFileErrors: 'hba/included-file-errors',
  /** No rule at all: the server refuses to start (or to reload) with such a file. */
  noEntries: 'hba/no-entries',
  // Audit rules: PostgreSQL accepts these lines; they are risky or dead.
  /** trust for connections over the network. */
  trustRemote: 'hba/trust-remote',
  /** password: the password crosses the network in clear text. */
  passwordCleartext: 'hba/password-cleartext',
  /** md5: weaker than scram-sha-256 (and deprecated from 18). */
  md5: 'hba/md5',
  /** The whole IPv4 or IPv6 internet (or `all`) with trust, password or md5. */
  openToWorld: 'hba/open-to-world',
  /** Replication connections for every role. */
  replicationAllUsers: 'hba/replication-all-users',
  /** An earlier line catches every connection this one would: it never applies. */
  shadowedLine: 'hba/shadowed-line',
  // Cross-file: the compose service that mounts this file has replicas.
  /** No line lets a replica's user in for replication from the compose network, or the first line that would rejects it. */
  replicaRefused: 'hba/replica-refused',
  /** A map=NAME option naming a map the pg_ident.conf beside this file does not define. */
  identMapMissing: 'hba/ident-map-missing',
} as const satisfies Record<string, FormatCode<'hba'>>;

export type HbaCode = (typeof HBA_CODES)[keyof typeof HBA_CODES];

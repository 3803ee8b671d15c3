/** parse_hba_line, per major: the checks PostgreSQL makes on one tokenized line, in its order. */
import { cidrLength, ipv4MaskLength, numericAddress } from './address';
import { HBA_CODES } from './codes';
import { applyOption, finishOptions, type OptionState } from './options';
import { regexError } from './regex';
import type { HbaMajor, HbaServer, HbaToken } from './types';
import { CONNECTION_TYPES, fail, report, Stop, type CheckContext, type ConnectionType, type HbaAddress, type HbaRule, type LineVerdict } from './verdict';

/** Methods per major, and the build feature each optional one needs. */
export const METHOD_FEATURE: Record<string, 'gss' | 'sspi' | 'pam' | 'bsd' | 'ldap' | 'ssl' | undefined> = {
  trust: undefined,
  reject: undefined,
  'scram-sha-256': undefined,
  md5: undefined,
  password: undefined,
  gss: 'gss',
  sspi: 'sspi',
  ident: undefined,
  peer: undefined,
  pam: 'pam',
  ldap: 'ldap',
  radius: undefined,
  cert: 'ssl',
  bsd: 'bsd',
  oauth: undefined,
};

export function methodsOf(major: HbaMajor): string[] {
  return Object.keys(METHOD_FEATURE).filter((m) => m !== 'oauth' || major >= 18);
}

const FEATURE_NAMES = { gss: 'GSSAPI', sspi: 'SSPI (Windows only)', pam: 'PAM', bsd: 'BSD Authentication (OpenBSD only)', ldap: 'LDAP', ssl: 'SSL' };

/** Takes the next field or reports the end of line PostgreSQL reports. */
function field(ctx: CheckContext, fields: HbaToken[][], index: number, what: string, after: HbaToken | undefined, hint?: string): HbaToken[] {
  const value = fields[index];
  if (!value) fail(ctx, HBA_CODES.missingField, `end-of-line before ${what}`, after, hint);
  return value;
}

function single(ctx: CheckContext, tokens: HbaToken[], what: string, hint?: string): HbaToken {
  if (tokens.length > 1) fail(ctx, HBA_CODES.multipleValues, `multiple values specified for ${what}`, tokens[1], hint);
  return tokens[0];
}

function connectionType(ctx: CheckContext, tokens: HbaToken[]): ConnectionType {
  const token = single(ctx, tokens, 'connection type', 'Write one connection type per line.');
  const type = CONNECTION_TYPES.find((t) => t === token.text);
  if (!type) {
    const hint = `Use ${CONNECTION_TYPES.join(', ')}${ctx.major >= 16 ? ', or include, include_if_exists, include_dir with one file name' : ''}.`;
    fail(ctx, HBA_CODES.invalidConnectionType, `invalid connection type "${token.text}"`, token, hint);
  }
  const build = ctx.server.build ?? {};
  if (type === 'hostssl') {
    if (build.ssl === false) {
      const message = 'hostssl record cannot match because SSL is not supported by this build';
      report(ctx, { code: HBA_CODES.unsupportedByBuild, message, view: message, fatal: false, token });
    } else if (ctx.server.ssl === false) {
      const message = 'hostssl record cannot match because SSL is disabled';
      report(ctx, { code: HBA_CODES.sslDisabled, message, view: message, fatal: false, token, hint: 'Set ssl = on in postgresql.conf.' });
    }
  }
  if (type === 'hostgssenc') {
    const message = 'hostgssenc record cannot match because GSSAPI is not supported by this build';
    if (build.gss === false) report(ctx, { code: HBA_CODES.unsupportedByBuild, message, view: message, fatal: false, token, hint: 'Use host or hostnogssenc, or a server built with GSSAPI.' });
    else if (build.gss === undefined) report(ctx, { code: HBA_CODES.buildDependent, message: 'hostgssenc lines match only on a server built with GSSAPI', fatal: false, severity: 'info', token });
  }
  return type;
}

/** Database and role lists: 16+ compiles every `/regex` name. */
function names(ctx: CheckContext, tokens: HbaToken[]): HbaToken[] {
  if (ctx.major < 16) return tokens;
  for (const token of tokens) {
    if (!token.text.startsWith('/')) continue;
    const error = regexError(token.text.slice(1));
    if (error) fail(ctx, HBA_CODES.invalidRegex, `invalid regular expression "${token.text.slice(1)}": ${error}`, token, 'Fix the regular expression, or quote-free names without a leading / are matched literally.');
  }
  return tokens;
}

/** The address field (and the netmask field after a bare numeric address). Returns the next field index. */
function address(ctx: CheckContext, fields: HbaToken[][], index: number, rule: HbaRule, after: HbaToken): number {
  const token = single(ctx, field(ctx, fields, index, 'IP address specification', after), 'host address', 'Write one address range per line.');
  const keyword = !token.quoted && ['all', 'samehost', 'samenet'].includes(token.text) ? (token.text as HbaAddress['kind']) : undefined;
  if (keyword) {
    rule.address = { kind: keyword, token };
    return index + 1;
  }
  const slash = token.text.indexOf('/');
  const host = slash < 0 ? token.text : token.text.slice(0, slash);
  const numeric = numericAddress(host);
  if (!numeric) {
    rule.address = { kind: 'hostname', token };
    if (slash >= 0) fail(ctx, HBA_CODES.hostnameWithMask, `specifying both host name and CIDR mask is invalid: "${token.text}"`, token, `"${host}" is not a numeric address, so it is taken as a host name, which cannot have a /length.`);
    return index + 1;
  }
  rule.address = { kind: 'cidr', token, family: numeric.family };
  if (slash >= 0) {
    const bits = cidrLength(token.text.slice(slash + 1), numeric.family);
    if (bits === undefined) fail(ctx, HBA_CODES.invalidCidrMask, `invalid CIDR mask in address "${token.text}"`, token, `The length after / is 0–${numeric.family === 'ipv4' ? 32 : 128} for an ${numeric.family === 'ipv4' ? 'IPv4' : 'IPv6'} address.`);
    rule.address.bits = bits;
    return index + 1;
  }
  const maskHint = 'Specify an address range in CIDR notation, or provide a separate netmask.';
  const mask = single(ctx, field(ctx, fields, index + 1, 'netmask specification', token, maskHint), 'netmask');
  const maskAddress = numericAddress(mask.text);
  if (!maskAddress) fail(ctx, HBA_CODES.invalidNetmask, `invalid IP mask "${mask.text}": Name or service not known`, mask, `${maskHint} (after a bare address PostgreSQL reads the next field as the netmask)`);
  if (maskAddress.family !== numeric.family) fail(ctx, HBA_CODES.invalidNetmask, 'IP address and mask do not match', mask, 'Use a netmask of the address family of the address.');
  rule.address.mask = mask;
  rule.address.bits = numeric.family === 'ipv4' ? ipv4MaskLength(mask.text) : undefined;
  return index + 2;
}

function method(ctx: CheckContext, tokens: HbaToken[], rule: HbaRule): void {
  const token = single(ctx, tokens, 'authentication type', 'Write exactly one authentication method per line.');
  const name = token.text;
  rule.method = name;
  rule.methodToken = token;
  if (!methodsOf(ctx.major).includes(name)) {
    fail(ctx, HBA_CODES.unknownMethod, `invalid authentication method "${name}"`, token, `Methods of PostgreSQL ${ctx.major}: ${methodsOf(ctx.major).join(', ')}.`);
  }
  const feature = METHOD_FEATURE[name];
  // SSL is in every build people run; only a build known to lack it turns cert into an error.
  const built = feature ? (ctx.server.build?.[feature] ?? (feature === 'ssl' ? true : undefined)) : true;
  if (built === false) {
    fail(ctx, HBA_CODES.unsupportedByBuild, `invalid authentication method "${name}": not supported by this build`, token, `The server was built without ${FEATURE_NAMES[feature!]}.`);
  }
  if (built === undefined) {
    report(ctx, { code: HBA_CODES.buildDependent, message: `${name} authentication works only on a server built with ${FEATURE_NAMES[feature!]}`, fatal: false, severity: 'info', token });
  }
  if (name === 'md5' && ctx.major <= 16 && ctx.server.dbUserNamespace) {
    fail(ctx, HBA_CODES.md5UserNamespace, 'MD5 authentication is not supported when "db_user_namespace" is enabled', token);
  }
  rule.effectiveMethod = rule.connectionType === 'local' && name === 'ident' ? 'peer' : name;
  if (rule.connectionType === 'local' && name === 'gss') fail(ctx, HBA_CODES.gssNotLocal, 'gssapi authentication is not supported on local sockets', token);
  if (rule.connectionType !== 'local' && rule.effectiveMethod === 'peer') fail(ctx, HBA_CODES.peerNotLocal, 'peer authentication is only supported on local sockets', token, 'Use ident, or a password method, for connections over the network.');
  if (rule.connectionType !== 'hostssl' && name === 'cert') fail(ctx, HBA_CODES.certNotHostssl, 'cert authentication is only supported on hostssl connections', token, 'Use hostssl for cert.');
}

function options(ctx: CheckContext, fields: HbaToken[][], from: number, rule: HbaRule): void {
  const state: OptionState = { values: new Map(), lists: new Map() };
  for (const tokens of fields.slice(from)) {
    for (const token of tokens) {
      const equals = token.text.indexOf('=');
      if (equals < 0) fail(ctx, HBA_CODES.optionSyntax, `authentication option not in name=value format: ${token.text}`, token, 'Options are name=value, after the method.');
      const name = token.text.slice(0, equals);
      const value = token.text.slice(equals + 1);
      rule.options.push({ name, value, token });
      applyOption(ctx, rule, name, value, token, state);
    }
  }
  finishOptions(ctx, rule, state);
}

function lastToken(fields: HbaToken[][], index: number): HbaToken | undefined {
  const previous = fields[index - 1];
  return previous?.[previous.length - 1];
}

function walk(ctx: CheckContext, fields: HbaToken[][]): void {
  const connectionToken = fields[0][0];
  const type = connectionType(ctx, fields[0]);
  const rule: HbaRule = { connectionType: type, connectionToken, databases: [], roles: [], options: [] };
  ctx.verdict.rule = rule;
  rule.databases = names(ctx, field(ctx, fields, 1, 'database specification', connectionToken));
  rule.roles = names(ctx, field(ctx, fields, 2, 'role specification', lastToken(fields, 2)));
  let next = 3;
  if (type !== 'local') next = address(ctx, fields, next, rule, lastToken(fields, next)!);
  method(ctx, field(ctx, fields, next, 'authentication method', lastToken(fields, next), 'Add a method such as scram-sha-256.'), rule);
  options(ctx, fields, next + 1, rule);
}

/** What PostgreSQL `major` makes of one line's fields (non-empty, @files already expanded). */
export function checkFields(fields: HbaToken[][], major: HbaMajor, server: HbaServer): LineVerdict {
  const ctx: CheckContext = { major, server, verdict: { reports: [], rejected: false } };
  try {
    walk(ctx, fields);
  } catch (error) {
    if (!(error instanceof Stop)) throw error;
  }
  return ctx.verdict;
}

/** parse_hba_auth_opt and the checks after the options (LDAP modes, RADIUS lists, OAuth), per major. */
import { numericAddress } from './address';
import { HBA_CODES } from './codes';
import { fail, failLogged, failReport, report, type CheckContext, type HbaRule } from './verdict';
import type { HbaToken } from './types';

const MAP_METHODS = ['ident', 'peer', 'gss', 'sspi', 'cert'];
const LDAP_OPTIONS = ['ldapurl', 'ldaptls', 'ldapscheme', 'ldapserver', 'ldapport', 'ldapbinddn', 'ldapbindpasswd', 'ldapsearchattribute', 'ldapsearchfilter', 'ldapbasedn', 'ldapprefix', 'ldapsuffix'];
const RADIUS_OPTIONS = ['radiusservers', 'radiusports', 'radiussecrets', 'radiusidentifiers'];
const OAUTH_OPTIONS = ['issuer', 'scope', 'validator', 'delegate_ident_mapping'];

/** Option names of a major, with the methods that take them (for completion and hover). */
export function optionNames(major: number): Record<string, string[]> {
  const names: Record<string, string[]> = {
    map: major >= 18 ? [...MAP_METHODS, 'oauth'] : MAP_METHODS,
    clientcert: ['any method on hostssl'],
    pamservice: ['pam'],
    pam_use_hostname: ['pam'],
    krb_realm: ['gss', 'sspi'],
    include_realm: ['gss', 'sspi'],
    compat_realm: ['sspi'],
    upn_username: ['sspi'],
  };
  if (major >= 14) names.clientname = ['any method on hostssl'];
  for (const name of LDAP_OPTIONS) names[name] = ['ldap'];
  for (const name of RADIUS_OPTIONS) names[name] = ['radius'];
  if (major >= 18) for (const name of OAUTH_OPTIONS) names[name] = ['oauth'];
  return names;
}

/** INVALID_AUTH_OPTION / REQUIRE_AUTH_OPTION. */
function requireMethod(ctx: CheckContext, rule: HbaRule, name: string, methods: string[], label: string, token: HbaToken): void {
  if (methods.includes(rule.effectiveMethod ?? '')) return;
  const message = `authentication option "${name}" is only valid for authentication methods ${label}`;
  fail(ctx, HBA_CODES.invalidOption, message, token, `Remove ${name}= or use one of these methods.`);
}

const scannerSpace = (c: string) => c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\f';

/** SplitGUCList(value, ','): the names, or undefined on a syntax error. */
export function splitGucList(value: string): string[] | undefined {
  const names: string[] = [];
  let i = 0;
  while (i < value.length && scannerSpace(value[i])) i++;
  if (i >= value.length) return names;
  for (;;) {
    let name = '';
    if (value[i] === '"') {
      for (i++; ; i++) {
        if (i >= value.length) return undefined;
        if (value[i] === '"') {
          if (value[i + 1] !== '"') break;
          i++;
        }
        name += value[i];
      }
      i++;
    } else {
      const start = i;
      while (i < value.length && value[i] !== ',' && !scannerSpace(value[i])) i++;
      if (i === start) return undefined;
      name = value.slice(start, i);
    }
    while (i < value.length && scannerSpace(value[i])) i++;
    names.push(name);
    if (i >= value.length) return names;
    if (value[i] !== ',') return undefined;
    for (i++; i < value.length && scannerSpace(value[i]); i++);
  }
}

/** C's atoi: leading blanks, a sign, digits; 0 when there are none. */
export function atoi(text: string): number {
  const match = /^[ \t\n\v\f\r]*([+-]?[0-9]+)/.exec(text);
  return match ? Number(match[1]) : 0;
}

function clientcert(ctx: CheckContext, rule: HbaRule, value: string, token: HbaToken): void {
  if (rule.connectionType !== 'hostssl') {
    fail(ctx, HBA_CODES.clientcert, 'clientcert can only be configured for "hostssl" rows', token, 'Use a hostssl line, or drop clientcert.');
  }
  const cert = rule.effectiveMethod === 'cert';
  if (ctx.major <= 13) {
    if (['1', 'verify-ca', 'verify-full'].includes(value)) return;
    if (value === '0' || value === 'no-verify') {
      if (!cert) return;
      fail(ctx, HBA_CODES.clientcert, 'clientcert cannot be set to "no-verify" when using "cert" authentication', token, 'cert always checks the client certificate: drop clientcert.');
    }
  } else {
    if (value === 'verify-full') return;
    if (value === 'verify-ca') {
      if (!cert) return;
      failReport(ctx, {
        code: HBA_CODES.clientcert,
        message: 'clientcert only accepts "verify-full" when using "cert" authentication',
        view: 'clientcert can only be set to "verify-full" when using "cert" authentication',
        token,
        hint: 'cert implies verify-full: drop clientcert or set it to verify-full.',
      });
    }
  }
  const accepted = ctx.major <= 13 ? 'verify-ca, verify-full, 1, no-verify or 0' : 'verify-ca or verify-full (1, 0 and no-verify were removed in 14)';
  failLogged(ctx, HBA_CODES.clientcert, `invalid value for clientcert: "${value}"`, token, `Use ${accepted}.`);
}

function clientname(ctx: CheckContext, rule: HbaRule, value: string, token: HbaToken): void {
  if (rule.connectionType !== 'hostssl') {
    fail(ctx, HBA_CODES.clientcert, 'clientname can only be configured for "hostssl" rows', token, 'Use a hostssl line, or drop clientname.');
  }
  if (value !== 'CN' && value !== 'DN') failLogged(ctx, HBA_CODES.clientcert, `invalid value for clientname: "${value}"`, token, 'Use CN or DN (upper case).');
}

/** A RADIUS server name resolves: numeric addresses and localhost surely do; other names need DNS (not checked). */
function radiusServer(name: string): boolean | undefined {
  if (name === '') return false;
  if ((numericAddress(name) && !numericAddress(name)?.interfaceScope) || name === 'localhost') return true;
  return undefined;
}

function radius(ctx: CheckContext, name: string, value: string, token: HbaToken, lists: Map<string, string[]>): void {
  const list = splitGucList(value);
  const what: Record<string, string> = { radiusservers: 'server', radiusports: 'port', radiussecrets: 'secret', radiusidentifiers: 'identifiers' };
  if (!list) {
    const message = `could not parse RADIUS ${what[name]} list "${value}"`;
    if (name === 'radiusports') failReport(ctx, { code: HBA_CODES.invalidOption, message, view: `invalid RADIUS port number: "${value}"`, token });
    failLogged(ctx, HBA_CODES.invalidOption, message, token, 'Separate the values with commas, quote names with double quotes.');
  }
  if (name === 'radiusservers') {
    const bad = list.find((server) => radiusServer(server) === false);
    if (bad !== undefined) failLogged(ctx, HBA_CODES.invalidOption, `could not translate RADIUS server name "${bad}" to address: Name or service not known`, token);
  }
  if (name === 'radiusports' && list.some((port) => atoi(port) === 0)) {
    failLogged(ctx, HBA_CODES.invalidOption, `invalid RADIUS port number: "${value}"`, token, 'Ports are numbers from 1 to 65535.');
  }
  lists.set(name, list);
}

export interface OptionState {
  values: Map<string, string>;
  lists: Map<string, string[]>;
}

/** One name=value option, in file order; stops the line on a fatal report. */
export function applyOption(ctx: CheckContext, rule: HbaRule, name: string, value: string, token: HbaToken, state: OptionState): void {
  const major = ctx.major;
  if (name === 'map') requireMethod(ctx, rule, name, optionNames(major).map, major >= 18 ? 'ident, peer, gssapi, sspi, cert, and oauth' : 'ident, peer, gssapi, sspi, and cert', token);
  else if (name === 'clientcert') clientcert(ctx, rule, value, token);
  else if (name === 'clientname' && major >= 14) clientname(ctx, rule, value, token);
  else if (name === 'pamservice' || name === 'pam_use_hostname') requireMethod(ctx, rule, name, ['pam'], 'pam', token);
  else if (LDAP_OPTIONS.includes(name)) ldapOption(ctx, rule, name, value, token);
  else if (name === 'krb_realm' || name === 'include_realm') requireMethod(ctx, rule, name, ['gss', 'sspi'], 'gssapi and sspi', token);
  else if (name === 'compat_realm' || name === 'upn_username') requireMethod(ctx, rule, name, ['sspi'], 'sspi', token);
  else if (RADIUS_OPTIONS.includes(name)) {
    requireMethod(ctx, rule, name, ['radius'], 'radius', token);
    radius(ctx, name, value, token, state.lists);
  } else if (major >= 18 && OAUTH_OPTIONS.includes(name)) requireMethod(ctx, rule, name, ['oauth'], 'oauth', token);
  else fail(ctx, HBA_CODES.unknownOption, `unrecognized authentication option name: "${name}"`, token, `Options of PostgreSQL ${major}: ${Object.keys(optionNames(major)).join(', ')}.`);
  state.values.set(name, value);
}

function ldapOption(ctx: CheckContext, rule: HbaRule, name: string, value: string, token: HbaToken): void {
  requireMethod(ctx, rule, name, ['ldap'], 'ldap', token);
  if (name === 'ldapport' && atoi(value) === 0) fail(ctx, HBA_CODES.invalidOption, `invalid LDAP port number: "${value}"`, token);
  if (name === 'ldapscheme' && value !== 'ldap' && value !== 'ldaps') {
    report(ctx, { code: HBA_CODES.invalidOption, message: `invalid ldapscheme value: "${value}"`, fatal: false, token, hint: 'Use ldap or ldaps.' });
  }
  if (name === 'ldapurl') {
    const scheme = /^([A-Za-z][A-Za-z0-9+.-]*):\/\//.exec(value)?.[1];
    if (scheme && scheme !== 'ldap' && scheme !== 'ldaps') fail(ctx, HBA_CODES.invalidOption, `unsupported LDAP URL scheme: ${scheme}`, token);
  }
}

const given = (state: OptionState, name: string) => state.values.has(name) || (name === 'ldapbasedn' && /^ldaps?:\/\/[^/]*\/[^?]+/.test(state.values.get('ldapurl') ?? ''));

function finishLdap(ctx: CheckContext, state: OptionState): void {
  const search = ['ldapbasedn', 'ldapbinddn', 'ldapbindpasswd', 'ldapsearchattribute', 'ldapsearchfilter'];
  if (given(state, 'ldapprefix') || given(state, 'ldapsuffix')) {
    if (search.some((name) => given(state, name))) {
      const message = ctx.major >= 18 ? 'cannot mix options for simple bind and search+bind modes' : 'cannot use ldapbasedn, ldapbinddn, ldapbindpasswd, ldapsearchattribute, ldapsearchfilter, or ldapurl together with ldapprefix';
      fail(ctx, HBA_CODES.missingOption, message, undefined, 'Use ldapprefix/ldapsuffix (simple bind) or ldapbasedn and the search options (search+bind), not both.');
    }
  } else if (!given(state, 'ldapbasedn')) {
    fail(ctx, HBA_CODES.missingOption, 'authentication method "ldap" requires argument "ldapbasedn", "ldapprefix", or "ldapsuffix" to be set');
  }
  if (given(state, 'ldapsearchattribute') && given(state, 'ldapsearchfilter')) {
    fail(ctx, HBA_CODES.missingOption, 'cannot use ldapsearchattribute together with ldapsearchfilter');
  }
}

function mandatory(ctx: CheckContext, present: boolean, option: string, method: string): void {
  if (!present) fail(ctx, HBA_CODES.missingOption, `authentication method "${method}" requires argument "${option}" to be set`, undefined, `Add ${option}=….`);
}

function finishRadius(ctx: CheckContext, state: OptionState): void {
  const length = (name: string) => state.lists.get(name)?.length ?? 0;
  mandatory(ctx, length('radiusservers') > 0, 'radiusservers', 'radius');
  mandatory(ctx, length('radiussecrets') > 0, 'radiussecrets', 'radius');
  const servers = length('radiusservers');
  for (const [name, label, allowNone] of [['radiussecrets', 'secrets', false], ['radiusports', 'ports', true], ['radiusidentifiers', 'identifiers', true]] as const) {
    const n = length(name);
    if ((allowNone && n === 0) || n === 1 || n === servers) continue;
    const message = `the number of RADIUS ${label} (${n}) must be 1 or the same as the number of RADIUS servers (${servers})`;
    if (ctx.major <= 13) failLogged(ctx, HBA_CODES.invalidOption, message);
    fail(ctx, HBA_CODES.invalidOption, message);
  }
}

function finishOauth(ctx: CheckContext, state: OptionState): void {
  mandatory(ctx, state.values.has('scope'), 'scope', 'oauth');
  mandatory(ctx, state.values.has('issuer'), 'issuer', 'oauth');
  const libraries = ctx.server.oauthValidatorLibraries;
  if (libraries) {
    const validator = state.values.get('validator');
    if (libraries.length === 0) fail(ctx, HBA_CODES.oauthValidator, 'oauth_validator_libraries must be set for authentication method oauth', undefined, 'Set oauth_validator_libraries in postgresql.conf.');
    if (validator !== undefined && !libraries.includes(validator)) fail(ctx, HBA_CODES.oauthValidator, `validator "${validator}" is not permitted by oauth_validator_libraries`);
    if (validator === undefined && libraries.length > 1) fail(ctx, HBA_CODES.oauthValidator, 'authentication method "oauth" requires argument "validator" to be set when oauth_validator_libraries contains multiple options');
  }
  if (state.values.get('delegate_ident_mapping') === '1' && state.values.has('map')) {
    fail(ctx, HBA_CODES.invalidOption, 'map cannot be used in combination with delegate_ident_mapping');
  }
}

/** The checks PostgreSQL makes once all options are read. */
export function finishOptions(ctx: CheckContext, rule: HbaRule, state: OptionState): void {
  if (rule.effectiveMethod === 'ldap') finishLdap(ctx, state);
  if (rule.effectiveMethod === 'radius') finishRadius(ctx, state);
  if (rule.effectiveMethod === 'oauth') finishOauth(ctx, state);
}

/**
 * A compose service's `command:` as arguments of a local postgres: `-c name=value`, `--name=value` and the
 * short options pass through (container paths mapped to the host files that bind mounts and secrets provide);
 * what the native runtime decides itself (data folder, port, listen address, socket folder) is dropped.
 */
import type { ServiceModel, Topology } from '../../../core/model/topology';
import { hostPathOf } from '../../monitor/credentials';

export interface ServiceArgs {
  /** Settings as name → value, in order (later wins, like the server). */
  settings: [string, string][];
  /** Other postgres options, verbatim (e.g. `-N 200`, `-B 64MB`, `-F`). */
  options: string[];
  problems: string[];
  warnings: string[];
}

/** Settings that name a file or folder: a container path there must be mapped to this machine. */
const PATH_SETTINGS = new Set([
  'config_file', 'hba_file', 'ident_file', 'ssl_cert_file', 'ssl_key_file', 'ssl_ca_file', 'ssl_crl_file', 'ssl_crl_dir',
  'ssl_dh_params_file', 'krb_server_keyfile', 'log_directory', 'stats_temp_directory',
]);
/** Settings the native runtime owns (each node's folder, loopback port and private socket). */
const OWNED_SETTINGS = new Set(['data_directory', 'port', 'listen_addresses', 'unix_socket_directories', 'external_pid_file']);
/** postgres short options with a value that the runtime owns (-D data, -p port, -k socket dir, -h listen address). */
const OWNED_OPTIONS_WITH_VALUE = new Set(['-D', '-p', '-k', '-h']);
/** postgres short options that take a value and pass through. */
const OPTIONS_WITH_VALUE = new Set(['-B', '-N', '-d', '-r', '-o', '-s', '-S', '-t', '-W', '-C']);

/** The postgres argument list of a command in the forms the official entrypoint runs: `postgres …` or `-…`. */
function postgresArgv(command: string[] | undefined): string[] | undefined {
  if (!command || command.length === 0) return [];
  if (command[0] === 'postgres' || /(^|\/)postgres$/.test(command[0])) return command.slice(1);
  if (command[0].startsWith('-')) return command;
  return undefined;
}

function splitSetting(text: string): [string, string] | undefined {
  const eq = text.indexOf('=');
  return eq > 0 ? [text.slice(0, eq).trim().replace(/-/g, '_').toLowerCase(), text.slice(eq + 1)] : undefined;
}

/** Walks a postgres argv into settings and options. */
function parseArgv(argv: string[], out: ServiceArgs): void {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const setting = arg === '-c' ? splitSetting(argv[++i] ?? '') : arg.startsWith('-c') ? splitSetting(arg.slice(2)) : arg.startsWith('--') ? splitSetting(arg.slice(2)) : undefined;
    if (setting) out.settings.push(setting);
    else if (arg === '-c' || arg.startsWith('--')) out.problems.push(`cannot read the option "${arg}" of the command`);
    else if (OWNED_OPTIONS_WITH_VALUE.has(arg)) i++;
    else if (arg === '-i') continue; // listen on TCP: the runtime listens on 127.0.0.1
    else if (OPTIONS_WITH_VALUE.has(arg)) out.options.push(arg, argv[++i] ?? '');
    else out.options.push(arg);
  }
}

/**
 * The service's postgres arguments for a native node. A command that is a shell script (a replica's
 * pg_basebackup wrapper) contributes only the `-c` settings the compose model found in it.
 */
export function serviceArgs(topology: Topology, service: ServiceModel): ServiceArgs {
  const out: ServiceArgs = { settings: [], options: [], problems: [], warnings: [] };
  const argv = postgresArgv(service.command);
  if (argv) parseArgv(argv, out);
  else {
    out.settings.push(...service.settings.map((s): [string, string] => [s.name.toLowerCase(), s.value]));
    // A replica's script (pg_basebackup, then postgres) is what the native runtime does itself.
    if (service.role !== 'replica') out.warnings.push(`${service.name}: its command is a script (${service.command?.[0]}); the native runtime does not run it and applies only its -c settings`);
  }
  out.settings = out.settings.flatMap(([name, value]): [string, string][] => {
    if (OWNED_SETTINGS.has(name)) return [];
    if (!PATH_SETTINGS.has(name) || !value.startsWith('/')) return [[name, value]];
    const onHost = hostPathOf(topology, service, value);
    if (onHost) return [[name, onHost]];
    if (name === 'log_directory' || name === 'stats_temp_directory') {
      out.warnings.push(`${service.name}: ${name}=${value} is a folder inside the container; the native node keeps the default`);
      return [];
    }
    out.problems.push(`${service.name}: ${name}=${value} names a file inside the container that no bind mount or secret of the service provides`);
    return [];
  });
  return out;
}

/** Settings and options as postgres arguments (`-c name=value` …). */
export function toArgs(args: Pick<ServiceArgs, 'settings' | 'options'>, overrides: [string, string][] = []): string[] {
  return [...args.options, ...[...args.settings, ...overrides].flatMap(([name, value]) => ['-c', `${name}=${value}`])];
}

/** Splits POSTGRES_INITDB_ARGS like a shell would (quotes and backslashes; no expansions). */
export function shellWords(text: string): string[] {
  const words: string[] = [];
  let current: string | undefined;
  let quote: '"' | "'" | undefined;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === quote) quote = undefined;
      else if (c === '\\' && quote === '"' && i + 1 < text.length) current += text[++i];
      else current += c;
    } else if (c === '"' || c === "'") {
      quote = c;
      current ??= '';
    } else if (c === '\\' && i + 1 < text.length) current = (current ?? '') + text[++i];
    else if (/\s/.test(c)) {
      if (current !== undefined) words.push(current);
      current = undefined;
    } else current = (current ?? '') + c;
  }
  if (current !== undefined) words.push(current);
  return words;
}

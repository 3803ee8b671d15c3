/**
 * The one argument parser of every `pgha` sub-command: positional words, boolean flags and valued options
 * (`--name VALUE` or `--name=VALUE`, repeatable when the spec says so), with aliases (`-v` for `--volumes`).
 * A usage problem is a message; `usageError` prints it with the command's usage and returns exit code 2.
 */
import type { CliIO } from './command';

export interface OptionSpec {
  /** Takes a value: `--name VALUE` or `--name=VALUE`. */
  value?: boolean;
  /** Other spellings, e.g. `-v`. */
  aliases?: string[];
}

export interface ArgsSpec {
  /** Option name (with its dashes) → spec. */
  options?: Record<string, OptionSpec>;
  /** How many positional words the command takes (default 0…∞). */
  positional?: { min?: number; max?: number };
  /** The message when there are too few or too many positional words. */
  positionalMessage?: string;
}

export class ParsedArgs {
  constructor(
    readonly positional: string[],
    private readonly given: Map<string, string[]>,
  ) {}

  /** A flag (or valued option) was given. */
  has(name: string): boolean {
    return this.given.has(name);
  }

  /** The last value of a valued option. */
  value(name: string): string | undefined {
    return this.given.get(name)?.at(-1);
  }

  /** Every value of a repeatable option, in order. */
  values(name: string): string[] {
    return this.given.get(name) ?? [];
  }
}

function canonicalNames(spec: ArgsSpec): Map<string, string> {
  const names = new Map<string, string>();
  for (const [name, option] of Object.entries(spec.options ?? {})) {
    names.set(name, name);
    for (const alias of option.aliases ?? []) names.set(alias, name);
  }
  return names;
}

/** Parses `args` by `spec`; a string is the usage problem to report. `--` ends the options. */
export function parseArgs(args: string[], spec: ArgsSpec): ParsedArgs | string {
  const names = canonicalNames(spec);
  const positional: string[] = [];
  const given = new Map<string, string[]>();
  let optionsEnded = false;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (optionsEnded || !arg.startsWith('-') || arg === '-') {
      positional.push(arg);
      continue;
    }
    if (arg === '--') {
      optionsEnded = true;
      continue;
    }
    const eq = arg.startsWith('--') ? arg.indexOf('=') : -1;
    const written = eq > 0 ? arg.slice(0, eq) : arg;
    const name = names.get(written);
    if (!name) return `unknown option ${written}`;
    const takesValue = spec.options?.[name]?.value === true;
    if (!takesValue && eq > 0) return `${written} takes no value`;
    let value = '';
    if (takesValue) {
      const next = eq > 0 ? arg.slice(eq + 1) : args[++i];
      if (next === undefined || next === '') return `${written} needs a value`;
      value = next;
    }
    given.set(name, [...(given.get(name) ?? []), value]);
  }
  const { min = 0, max = Infinity } = spec.positional ?? {};
  if (positional.length < min || positional.length > max) return spec.positionalMessage ?? `expected ${describeCount(min, max)}, got ${positional.length}`;
  return new ParsedArgs(positional, given);
}

function describeCount(min: number, max: number): string {
  if (min === max) return `${min} argument${min === 1 ? '' : 's'}`;
  return max === Infinity ? `at least ${min} argument${min === 1 ? '' : 's'}` : `${min} to ${max} arguments`;
}

/** A positive number option value (whole unless `fractions`), or the usage problem. */
export function positiveNumber(value: string | undefined, option: string, fractions = false): number | string {
  const number = Number(value);
  if (number > 0 && (fractions ? Number.isFinite(number) : Number.isInteger(number))) return number;
  return `${option} needs a positive ${fractions ? 'number' : 'whole number'}`;
}

/** Prints `pgha <command>: <problem>`, a blank line and the usage to stderr; returns exit code 2. */
export function usageError(io: CliIO, command: string, problem: string, usage: string): number {
  io.err(`pgha ${command}: ${problem}\n\n${usage.endsWith('\n') ? usage : `${usage}\n`}`);
  return 2;
}

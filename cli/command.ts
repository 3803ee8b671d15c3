/** One `pgha` sub-command. `run` returns the exit code; it never throws for user errors (print them). */
export interface CliCommand {
  name: string;
  /** One line for `pgha --help`. */
  summary: string;
  /** Full usage text for `pgha <name> --help`. */
  usage: string;
  run(args: string[], io: CliIO): Promise<number>;
}

export interface CliIO {
  out(text: string): void;
  err(text: string): void;
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** True when stdout is a terminal (progress lines may redraw in place). */
  isTTY: boolean;
  /**
   * Asks a yes/no question on the terminal (default no); absent when stdin is not a terminal, where a command that
   * needs a confirmation refuses and names the flag (--force) instead.
   */
  confirm?: (question: string) => Promise<boolean>;
}

import type { CliCommand } from '../command';

/** Every sub-command, in the order `pgha --help` lists them. Each issue adds its own file here. */
export const commands: CliCommand[] = [];

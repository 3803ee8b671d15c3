import type { CliIO } from './command';
import { commands } from './commands';

export const VERSION = process.env.PGHA_VERSION ?? 'dev';

export function helpText(): string {
  const width = Math.max(8, ...commands.map((c) => c.name.length));
  const lines = commands.map((c) => `  pgha ${c.name.padEnd(width)}  ${c.summary}`);
  return [
    `pgha ${VERSION} — PostgreSQL HA Studio on the command line`,
    '',
    'Usage:',
    ...lines,
    `  pgha ${'--version'.padEnd(width)}  print the version`,
    `  pgha ${'--help'.padEnd(width)}  this text; pgha <command> --help for a command's options`,
    '',
  ].join('\n');
}

/** Runs the CLI; returns the process exit code (0 ok, 1 findings/failure, 2 usage error). */
export async function main(argv: string[], io: CliIO): Promise<number> {
  const [first, ...rest] = argv;
  if (first === '--version' || first === '-V') {
    io.out(`${VERSION}\n`);
    return 0;
  }
  if (first === undefined || first === '--help' || first === '-h' || first === 'help') {
    io.out(helpText());
    return 0;
  }
  const command = commands.find((c) => c.name === first);
  if (!command) {
    io.err(`pgha: unknown command '${first}'\n\n${helpText()}`);
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.out(command.usage.endsWith('\n') ? command.usage : `${command.usage}\n`);
    return 0;
  }
  try {
    return await command.run(rest, io);
  } catch (error) {
    io.err(`pgha ${command.name}: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
}

/** What the runtime sub-commands (up, down, ps, promote, switchover) share: the registry and printing its errors. */
import { createRuntimes, isClusterError, type RuntimeRegistry } from '../cluster/runtime';
import type { CliIO } from './command';

/** The registry of this build's backends, configured from the environment; setting problems become warnings. */
export function cliRuntimes(io: CliIO): RuntimeRegistry {
  const { registry, warnings } = createRuntimes({ env: io.env });
  for (const warning of warnings) io.err(`warning: ${warning}\n`);
  return registry;
}

/**
 * Prints a runtime error (message, then the commands to type for its suggested actions) and returns exit code 1.
 * Actions without a command are buttons in VS Code ("How to start Docker"); the message already says what to do.
 */
export function reportError(command: string, error: unknown, io: CliIO): number {
  io.err(`pgha ${command}: ${error instanceof Error ? error.message : String(error)}\n`);
  if (!isClusterError(error)) return 1;
  const hints = [...new Set(error.actions.map((a) => a.command).filter((c): c is string => c !== undefined))];
  if (hints.length) io.err(`  next: ${hints.join('; ')}\n`);
  return 1;
}

import type { Ctx } from '../ctx';
import { clusterCommands } from './cluster';
import { monitorCommands } from './monitor';
import { restartServer, showOutput } from './server';
import { selectPostgresVersion } from './targetMajor';

/** Builds a command handler over the extension's state; registered once at activation. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- command arguments come untyped from VS Code
export type CommandFactory = (ctx: Ctx) => (...args: any[]) => unknown;

/**
 * Every command the extension implements: id → factory. Add an entry here (and in package.json
 * `contributes.commands`); extension.ts registers them all in one loop.
 */
export const commandFactories: Record<string, CommandFactory> = {
  'pgha.restartServer': restartServer,
  'pgha.showOutput': showOutput,
  'pgha.selectPostgresVersion': selectPostgresVersion,
  ...clusterCommands,
  ...monitorCommands,
};

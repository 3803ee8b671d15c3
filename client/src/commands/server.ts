import type { CommandFactory } from './index';

/** "PostgreSQL HA: Restart Language Server" — also the way back after the server gave up. */
export const restartServer: CommandFactory = (ctx) => async () => {
  ctx.output.appendLine('[pgha] restarting the language server');
  await ctx.restart();
};

export const showOutput: CommandFactory = (ctx) => () => ctx.output.show(true);

import * as vscode from 'vscode';
import { MAJORS } from '../config';
import type { CommandFactory } from './index';

/** Quick pick of the target major; writes pgha.postgresVersion (the server follows through the settings sync). */
export const selectPostgresVersion: CommandFactory = (ctx) => async () => {
  const current = ctx.config.postgresVersion;
  const picked = await vscode.window.showQuickPick(
    MAJORS.map((major) => ({
      label: `PostgreSQL ${major}`,
      description: major === current ? 'current' : undefined,
      major,
    })),
    { title: 'Target PostgreSQL version', placeHolder: 'Used when neither PG_VERSION nor a compose image tag tells' },
  );
  if (picked && picked.major !== current) await ctx.config.setPostgresVersion(picked.major);
};

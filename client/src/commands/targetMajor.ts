import * as vscode from 'vscode';
import { MAJORS } from '../config';
import type { CommandFactory } from './index';
import { pickWithDefault } from './quickPick';

/**
 * Quick pick of the target major (the current one highlighted), then where to keep it — this workspace or every
 * workspace (user settings) — never a silent write. The server follows through the settings sync.
 */
export const selectPostgresVersion: CommandFactory = (ctx) => async () => {
  const current = ctx.config.postgresVersion;
  const items = MAJORS.map((major) => ({ label: `PostgreSQL ${major}`, description: major === current ? 'current' : undefined, major }));
  const picked = await pickWithDefault(items, {
    title: 'Target PostgreSQL version',
    placeholder: 'Used when neither PG_VERSION nor a compose image tag tells',
    preselected: items.find((i) => i.major === current),
  });
  if (!picked || picked.major === current) return;
  const places = [
    ...(vscode.workspace.workspaceFolders?.length ? [{ label: 'This workspace', description: '.vscode/settings.json', target: vscode.ConfigurationTarget.Workspace }] : []),
    { label: 'All workspaces', description: 'user settings', target: vscode.ConfigurationTarget.Global },
  ];
  const place = await pickWithDefault(places, { title: `Keep PostgreSQL ${picked.major} as the target version in…`, preselected: places[0] });
  if (place) await ctx.config.setPostgresVersion(picked.major, place.target);
};

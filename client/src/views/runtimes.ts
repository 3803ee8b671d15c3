/**
 * The extension's runtime registry (cluster/runtime's factory), built from the current settings each time it is
 * asked for: pgha.imageMap and the environment (DOCKER_HOST, PGHA_IMAGE_MAP). Setting problems go to the output.
 */
import * as vscode from 'vscode';
import { createRuntimes, type RuntimeRegistry } from '../../../cluster/runtime';

export function clientRuntimes(output?: vscode.OutputChannel): RuntimeRegistry {
  const imageMap = vscode.workspace.getConfiguration('pgha').get<Record<string, string>>('imageMap') ?? {};
  const { registry, warnings } = createRuntimes({ env: process.env, imageMap });
  for (const warning of warnings) output?.appendLine(`[clusters] ${warning}`);
  return registry;
}

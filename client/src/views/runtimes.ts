/**
 * The extension's runtime registry (cluster/runtime's factory), built from the current settings each time it is
 * asked for: pgha.imageMap, pgha.native.* and the environment (DOCKER_HOST, PGHA_IMAGE_MAP, PGHA_NATIVE_USER). Setting
 * problems go to the output.
 */
import * as vscode from 'vscode';
import { createRuntimes, type RuntimeRegistry } from '../../../cluster/runtime';

export function clientRuntimes(output?: vscode.OutputChannel): RuntimeRegistry {
  const config = vscode.workspace.getConfiguration('pgha');
  const imageMap = config.get<Record<string, string>>('imageMap') ?? {};
  const { registry, warnings } = createRuntimes({
    env: process.env,
    imageMap,
    nativeUser: config.get<string>('native.user') || undefined,
    allowInitShell: config.get<string[]>('native.allowInitShell') ?? [],
  });
  for (const warning of warnings) output?.appendLine(`[clusters] ${warning}`);
  return registry;
}

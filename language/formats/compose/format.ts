import { baseName } from '../../../core/paths';
import { globToRegExp } from '../glob';
import { defineFormat } from '../types';
import { COMPOSE, COMPOSE_CODES } from './codes';
import { createComposeService } from './service';

/** compose.yaml, docker-compose.yml, compose.prod.yaml, docker-compose.override.yml, … (any case). */
export const COMPOSE_FILE_PATTERN = '{compose,docker-compose}*.{yml,yaml}';
/** The same as a workspace glob (file watchers, findFiles, document selectors). */
export const COMPOSE_FILE_GLOB = `**/${COMPOSE_FILE_PATTERN}`;

const COMPOSE_FILE_NAME = globToRegExp(COMPOSE_FILE_PATTERN);

/** Whether a path or URI names a compose file: the one home of this fact (language service, CLI, extension). */
export function isComposeFile(pathOrUri: string): boolean {
  return COMPOSE_FILE_NAME.test(baseName(pathOrUri));
}

/**
 * Docker Compose files. The documents keep their `yaml` (or the Docker extension's `dockercompose`) language, so
 * other YAML tooling keeps working: only files named like compose files are ours.
 */
export const composeFormat = defineFormat({
  id: COMPOSE,
  title: 'Docker Compose file',
  languageId: 'yaml',
  alsoLanguageIds: ['dockercompose'],
  filePatterns: [COMPOSE_FILE_PATTERN],
  extensions: ['.yml', '.yaml'],
  codes: COMPOSE_CODES,
  capabilities: ['getTopology'],
  createService: createComposeService,
});

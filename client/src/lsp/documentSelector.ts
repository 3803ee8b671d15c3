/**
 * Which documents the language server sees. Compose files are matched by file name on both the
 * `yaml` language and the Docker extension's `dockercompose` language, so we never take a YAML
 * file away from other YAML tooling: the document keeps its language and other servers keep working.
 * Kept free of the vscode API so unit tests can check it.
 */
export const COMPOSE_FILE_GLOB = '**/{compose,docker-compose}*.{yml,yaml}';

export interface SelectorFilter {
  language: string;
  scheme?: string;
  pattern?: string;
}

export const documentSelector: SelectorFilter[] = [
  { language: 'pgconf', scheme: 'file' },
  { language: 'pgconf', scheme: 'untitled' },
  { language: 'yaml', scheme: 'file', pattern: COMPOSE_FILE_GLOB },
  { language: 'dockercompose', scheme: 'file', pattern: COMPOSE_FILE_GLOB },
];

import { defineFormat } from '../types';
import { CODES, PATRONI } from './codes';
import { createPatroniService } from './service';

/** patroni.yml: Patroni's configuration of one member (REST API, DCS, PostgreSQL, bootstrap of the cluster). */
export const patroniFormat = defineFormat({
  id: PATRONI,
  title: 'patroni.yml',
  languageId: 'patroni',
  filePatterns: ['patroni.{yml,yaml}', '*.patroni.{yml,yaml}'],
  extensions: [],
  // /etc/patroni/…yml (Debian's layout: /etc/patroni/<cluster>.yml), a repository's patroni/ folder.
  matchesPath: (path) => /[\\/]patroni[\\/][^\\/]+\.ya?ml$/i.test(path) && !/[\\/](?:docker-)?compose[^\\/]*$/i.test(path),
  claimsText: (text) => /^scope\s*:/m.test(text) && /^postgresql\s*:/m.test(text) && /^etcd3?\s*:/m.test(text),
  contributes: {
    aliases: ['Patroni Configuration', 'patroni'],
    configuration: './syntaxes/patroni.language-configuration.json',
  },
  codes: Object.values(CODES),
  capabilities: [],
  createService: (context) => createPatroniService(context),
});

import { defineFormat } from '../types';
import { CODES, PGCONF } from './codes';
import { createPgconfService } from './service';

/** postgresql.conf (and postgresql.auto.conf, conf.d/*.conf, samples): PostgreSQL's server configuration. */
export const pgconfFormat = defineFormat({
  id: PGCONF,
  title: 'postgresql.conf',
  languageId: 'pgconf',
  filePatterns: ['postgresql.conf', 'postgresql.auto.conf'],
  extensions: ['.conf', '.conf.sample'],
  // A data directory's or a distribution's configuration folder: /etc/postgresql/17/main/…, postgresql.conf.sample.
  matchesPath: (path) => /\.conf(\.sample)?$/i.test(path) && /postgresql/i.test(path),
  contributes: {
    aliases: ['PostgreSQL Configuration', 'pgconf'],
    filenamePatterns: ['postgresql.*.conf', '**/postgresql/**/*.conf.sample'],
    configuration: './syntaxes/pgconf.language-configuration.json',
  },
  activationGlobs: ['**/PG_VERSION'],
  adopts: { pattern: '*.conf', nextTo: 'PG_VERSION' },
  codes: Object.values(CODES),
  capabilities: ['getTargetMajor'],
  createService: createPgconfService,
});

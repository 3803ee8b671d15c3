import { defineFormat } from '../types';
import { PGBOUNCER, PGBOUNCER_CODES } from './codes';
import { createPgbouncerService } from './service';

/** pgbouncer.ini: PgBouncer's configuration ([databases], [users], [pgbouncer], [peers], %include). */
export const pgbouncerFormat = defineFormat({
  id: PGBOUNCER,
  title: 'pgbouncer.ini',
  languageId: 'pgbouncer',
  filePatterns: ['pgbouncer.ini'],
  contributes: {
    aliases: ['PgBouncer Configuration', 'pgbouncer'],
    filenamePatterns: ['pgbouncer*.ini'],
    configuration: './syntaxes/pgbouncer.language-configuration.json',
  },
  codes: Object.values(PGBOUNCER_CODES),
  capabilities: [],
  createService: createPgbouncerService,
});

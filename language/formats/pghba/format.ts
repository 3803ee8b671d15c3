import { defineFormat } from '../types';
import { HBA, HBA_CODES } from './codes';
import { createPghbaService } from './service';

/** pg_hba.conf: which clients may connect, to what, from where, and how they authenticate. */
export const pghbaFormat = defineFormat({
  id: HBA,
  title: 'pg_hba.conf',
  languageId: 'pghba',
  filePatterns: ['pg_hba.conf'],
  contributes: {
    aliases: ['PostgreSQL Client Authentication', 'pg_hba.conf'],
    configuration: './syntaxes/pghba.language-configuration.json',
  },
  codes: Object.values(HBA_CODES),
  capabilities: ['getTargetMajor'],
  createService: createPghbaService,
});

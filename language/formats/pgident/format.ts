import { defineFormat } from '../types';
import { IDENT, IDENT_CODES } from './codes';
import { createPgidentService } from './service';

/** pg_ident.conf: which operating-system (or certificate, Kerberos) users may connect as which database roles. */
export const pgidentFormat = defineFormat({
  id: IDENT,
  title: 'pg_ident.conf',
  languageId: 'pgident',
  filePatterns: ['pg_ident.conf'],
  contributes: {
    aliases: ['PostgreSQL User Name Maps', 'pg_ident.conf'],
    configuration: './syntaxes/pgident.language-configuration.json',
  },
  codes: Object.values(IDENT_CODES),
  capabilities: ['getTargetMajor'],
  createService: createPgidentService,
});

import { defineFormat } from '../types';
import { CODES, PGPOOL } from './codes';
import { createPgpoolService } from './service';

/** pgpool.conf: pgpool-II's configuration (pooler, load balancer and failover manager in front of PostgreSQL). */
export const pgpoolFormat = defineFormat({
  id: PGPOOL,
  title: 'pgpool.conf',
  languageId: 'pgpool',
  filePatterns: ['pgpool.conf'],
  extensions: [],
  // /etc/pgpool2/…, /etc/pgpool-II/…, a repository's pgpool/ folder.
  matchesPath: (path) => /\.conf$/i.test(path) && /[\\/]pgpool(2|-II)?[\\/][^\\/]*pgpool[^\\/]*\.conf$/i.test(path),
  contributes: {
    aliases: ['pgpool-II Configuration', 'pgpool'],
    filenamePatterns: ['pgpool*.conf'],
    // Same comments and quotes as postgresql.conf.
    configuration: './syntaxes/pgconf.language-configuration.json',
  },
  codes: Object.values(CODES),
  capabilities: [],
  createService: (context) => createPgpoolService(context),
});

import { defineFormat } from '../types';
import { SQL, SQL_CODES } from './codes';
import { createInitSqlService } from './service';

/**
 * SQL files, above all the init scripts a compose stack mounts into /docker-entrypoint-initdb.d. The documents keep
 * the editor's own `sql` language (other SQL extensions keep working; the setting `pgha.initSql.enabled` turns ours
 * off): we add hovers on logical-replication statements, and PostgreSQL's syntax errors only on scripts a stack
 * runs, where they are certain to be PostgreSQL's and to stop the container's first start.
 */
export const initSqlFormat = defineFormat({
  id: SQL,
  title: 'SQL init script',
  languageId: 'sql',
  filePatterns: ['*.sql'],
  codes: Object.values(SQL_CODES),
  capabilities: [],
  createService: createInitSqlService,
});

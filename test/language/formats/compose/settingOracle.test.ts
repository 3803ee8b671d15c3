import * as assert from 'assert';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import type { Major } from '../../../../language/catalog/types';
import { embeddedPostgresMissing, makeDataDir, removeDataDir, runPostgres } from '../../../../scripts/pg/embedded';
import { requirePart } from '../../../support/parts';
import { service, textDoc } from './helpers';

/**
 * `-c` settings in `command:` are checked the way postgres checks command-line options. The real server is
 * the oracle: `postgres -D <datadir> -c name=value -C name` exits non-zero exactly when we report an error.
 */
const CASES: Record<number, string[]> = {
  16: [
    'shared_buffers=128MB',
    'shared-buffers=256MB', // postgres turns dashes into underscores on the command line
    'work_mem', // no value
    'wal_levle=replica',
    'summarize_wal=on', // added in 17
    'block_size=16384', // internal
    'max_connections=lots',
    "application_name='quoted'", // quotes are kept, but any string is valid
    "work_mem='4MB'", // quotes are kept: not a number
    'hot_standby=maybe',
    'wal_level=hot_standby', // hidden alias
    'myext.custom=anything', // placeholder for an extension
    'log_min_messages=warning',
    'work_mem=4mb', // unit case
    'max_wal_senders=-1',
    'hot_standby=of',
    'vacuum_defer_cleanup_age=0', // removed in 16
    'synchronous_standby_names=FIRST 1 (a, b', // string check: unbalanced list
    'synchronous_standby_names=ANY 1 (replica_1, replica_2)',
  ],
  15: ['vacuum_defer_cleanup_age=0', 'summarize_wal=on', 'wal_keep_size=1GB', 'wal_keep_segments=8'],
};

describe('compose -c settings agree with postgres (oracle)', function () {
  this.timeout(120_000);
  const ls = service();
  for (const [majorText, settings] of Object.entries(CASES)) {
    const major = Number(majorText) as Major;
    describe(`PostgreSQL ${major}`, () => {
      let dataDir: string | undefined;
      before(function () {
        requirePart(this, `embedded PostgreSQL ${major}`, embeddedPostgresMissing(major));
        dataDir = makeDataDir(major);
      });
      after(() => dataDir && removeDataDir(dataDir));
      for (const setting of settings) {
        it(`-c ${setting}`, () => {
          const name = setting.split('=')[0].replace(/-/g, '_');
          const server = runPostgres(major, ['-c', setting, '-C', name], { dataDir });
          const doc = textDoc(`services:\n  db:\n    image: postgres:${major}\n    environment:\n      POSTGRES_PASSWORD_FILE: /run/secrets/pw\n    command: ["postgres", "-c", ${JSON.stringify(setting)}]\n`);
          const errors = ls.getDiagnostics(doc).filter((d) => String(d.code).startsWith('compose/setting-') && d.severity === DiagnosticSeverity.Error);
          const serverSays = `${server.stdout}${server.stderr}`.trim();
          assert.strictEqual(errors.length > 0, server.status !== 0, `postgres ${major} says (exit ${server.status}): ${serverSays}\nwe say: ${errors.map((e) => e.message).join('; ') || 'nothing'}`);
        });
      }
    });
  }
});

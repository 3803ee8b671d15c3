/**
 * Real-world pgpool.conf files (test/fixtures/realworld/pgpool, sources in SOURCES.md) judge the rules: every
 * finding at the default target (pgpool-II 4.6) is listed here with the reason it is right; a new finding or a
 * missing one fails. Nothing pgpool would refuse appears in them (they ran), so no error may appear.
 */
import * as assert from 'assert';
import { readFileSync } from 'fs';
import { join } from 'path';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { pgpoolDoc, pgpoolService } from './support';

const ROOT = join(__dirname, '../../../fixtures/realworld/pgpool');

/** `line code` of each finding (hints left out), with why it holds. */
const EXPECTED: Record<string, { findings: string[]; why: string }> = {
  'yusufnar__pgpool-docker-lb__pgpool_pgpool.conf': { findings: ['9 pgpool/renamed-setting'], why: 'socket_dir is unix_socket_directories in 4.6 (catalog: the 4.6 binary has no socket_dir)' },
  'hiendt2907__pgpool__pgpool.conf': {
    findings: [
      '8 pgpool/renamed-setting', '60 pgpool/renamed-setting', '61 pgpool/renamed-setting', '62 pgpool/renamed-setting',
      '63 pgpool/unknown-setting', '102 pgpool/unknown-setting', '104 pgpool/unknown-setting', '115 pgpool/unknown-setting',
      '116 pgpool/unknown-setting', '117 pgpool/unknown-setting', '136 pgpool/version-setting', '137 pgpool/version-setting', '138 pgpool/version-setting',
    ],
    why: "4.1 names (black/white lists, other_pgpool_*) in a file for a 4.x image; wd_hostname0/wd_priority0/wd_heartbeat_*0 are no pgpool names in any version (4.3+ numbers hostname0, wd_port0, heartbeat_port0); white_query_pattern_list never existed",
  },
  'SysBind__docker-pgpool__pgpool.conf': {
    findings: ['11 pgpool/renamed-setting', '44 pgpool/renamed-setting', '50 pgpool/renamed-setting', '51 pgpool/version-setting', '57 pgpool/renamed-setting', '208 pgpool/renamed-setting', '212 pgpool/renamed-setting'],
    why: 'a pgpool 4.1 file: every 4.1 name renamed or dropped by 4.6 is skipped by 4.6 without a word',
  },
  'mmishv4__pg-load-balancing__pgpool_pgpool.conf': { findings: ['3 pgpool/primary-detection'], why: "three backends, streaming replication by default and no sr_check_user: 4.6's default is empty, so pgpool cannot log in to find the primary" },
  'ppoz21__postgres-pgpool-ha-docker-example__pgpool_pgpool.conf': { findings: ['3 pgpool/renamed-setting'], why: 'socket_dir in 4.6' },
};

describe('pgpool.conf rules on real-world files', () => {
  for (const [folder, expected] of Object.entries(EXPECTED)) {
    it(`${folder}: ${expected.why.slice(0, 60)}…`, () => {
      const text = readFileSync(join(ROOT, folder, 'pgpool.conf'), 'utf8');
      const diagnostics = pgpoolService().getDiagnostics(pgpoolDoc(text));
      const found = diagnostics.filter((d) => d.severity !== DiagnosticSeverity.Hint).map((d) => `${d.range.start.line + 1} ${d.code}`);
      assert.deepStrictEqual(found, expected.findings);
      assert.ok(!diagnostics.some((d) => d.severity === DiagnosticSeverity.Error), 'these files ran: no error');
    });
  }
});

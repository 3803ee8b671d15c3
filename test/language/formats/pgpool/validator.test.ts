import * as assert from 'assert';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { CODES } from '../../../../language/formats/pgpool/codes';
import { codes, dataOf, diagnose } from './support';

describe('pgpool.conf validator', () => {
  it('is silent on a valid file', () => {
    const text = "listen_addresses = '*'\nport = 9999\nbackend_hostname0 = 'db'\nbackend_port0 = 5432\nbackend_flag0 = 'ALLOW_TO_FAILOVER|ALWAYS_PRIMARY'\nload_balance_mode = on\nauthentication_timeout = 1min\n";
    assert.deepStrictEqual(diagnose(text), []);
  });

  it("says what pgpool says when it refuses a value (data.pgpool: its lines)", () => {
    const [range] = diagnose('max_pool = -5\n');
    assert.strictEqual(range.code, CODES.outOfRange);
    assert.strictEqual(dataOf(range).pgpool, 'FATAL:  -5 is outside the valid range for parameter "max_pool" (0 .. 2147483647)');
    const [enumValue] = diagnose("log_min_messages = 'debug6'\n");
    assert.strictEqual(dataOf(enumValue).pgpool, 'FATAL:  invalid value for parameter "log_min_messages": "debug6"\nHINT:  Available values: debug5, debug4, debug3, debug2, debug1, info, notice, warning, error, log, fatal, panic.');
    const [big] = diagnose('max_pool = 1.5e10\n');
    assert.strictEqual(dataOf(big).pgpool, 'FATAL:  invalid value for parameter "max_pool": "1.5e10"\nHINT:  Value exceeds allowed range.');
    const [weight] = diagnose('backend_weight0 = -1\n');
    assert.strictEqual(dataOf(weight).pgpool, 'FATAL:  -1.000000 is outside the valid range for parameter "backend_weight0" (0.000000 .. 100000000.000000)');
  });

  it('checks backend flags and indexes as pgpool does', () => {
    assert.strictEqual(dataOf(diagnose("backend_flag0 = 'allow_to_failover'\n")[0]).pgpool, 'FATAL:  invalid configuration for key "backend_flag0"\nDETAIL:  unknown backend flag:allow_to_failover');
    assert.strictEqual(dataOf(diagnose("backend_flag1 = 'ALLOW_TO_FAILOVER|DISALLOW_TO_FAILOVER'\n")[0]).pgpool, 'FATAL:  invalid configuration for key "backend_flag1"\nDETAIL:  cannot set ALLOW_TO_FAILOVER and DISALLOW_TO_FAILOVER at the same time');
    assert.strictEqual(dataOf(diagnose('backend_port = 5432\n')[0]).pgpool, 'FATAL:  parameter "backend_port" expects the index value');
    assert.strictEqual(dataOf(diagnose('backend_port3x = 5432\n')[0]).pgpool, 'FATAL:  invalid index value for parameter "backend_port3x" \nDETAIL:  index part contains the invalid non digit character');
    assert.deepStrictEqual(codes(diagnose("backend_hostname128 = 'db'\n")), [CODES.indexOutOfRange]);
    assert.deepStrictEqual(diagnose("backend_hostname127 = 'db'\nbackend_port127 = 5432\n"), []);
  });

  it('warns about what pgpool takes without a word', () => {
    assert.deepStrictEqual(codes(diagnose('no_such_setting = 1\n')), [CODES.unknownSetting]);
    const [caseOnly] = diagnose('Max_Pool = 4\n');
    assert.match(caseOnly.message, /case-sensitive: max_pool/);
    const [bool] = diagnose('load_balance_mode = maybe\n');
    assert.strictEqual(bool.code, CODES.invalidBoolean);
    assert.strictEqual(bool.severity, DiagnosticSeverity.Error);
    assert.strictEqual(dataOf(bool).pgpool, undefined);
    assert.deepStrictEqual(codes(diagnose('backend_weight0 = abc\n')), [CODES.invalidReal]);
    assert.deepStrictEqual(codes(diagnose('sr_check_user\n')), [CODES.missingValue]);
  });

  it('offers the rename between releases as the quick fix', () => {
    const [renamed] = diagnose('master_slave_mode = on\n', '4.6');
    assert.strictEqual(renamed.code, CODES.renamedSetting);
    assert.deepStrictEqual(dataOf(renamed).fixes?.map((f) => f.edits[0].newText), ['backend_clustering_mode']);
    const [socket] = diagnose("socket_dir = '/tmp'\n", '4.6');
    assert.deepStrictEqual(dataOf(socket).fixes?.map((f) => f.edits[0].newText), ['unix_socket_directories']);
    assert.deepStrictEqual(diagnose("socket_dir = '/tmp'\n", '4.3'), []);
    const [newer] = diagnose("unix_socket_directories = '/tmp'\n", '4.3');
    assert.strictEqual(newer.code, CODES.versionSetting);
    assert.deepStrictEqual(dataOf(newer).fixes?.map((f) => f.edits[0].newText), ['socket_dir']);
  });

  it('says how pgpool splits an unquoted path or a value with a space, and quotes it', () => {
    // pgpool refuses this one (the rest of the path reads as a stray token); `logdir = /tmp` it takes as '/'.
    const [syntax, path] = diagnose('logdir = /var/log/pgpool # logs\n');
    assert.strictEqual(syntax.code, CODES.syntax);
    assert.strictEqual(path.code, CODES.unquotedPath);
    assert.deepStrictEqual(codes(diagnose('logdir = /tmp\n')), [CODES.unquotedPath]);
    assert.deepStrictEqual(dataOf(path).fixes?.map((f) => f.edits[0].newText), ["'/var/log/pgpool'"]);
    const [second] = diagnose('authentication_timeout = 1 min\n');
    assert.strictEqual(second.code, CODES.secondSetting);
    assert.deepStrictEqual(dataOf(second).fixes?.map((f) => f.edits[0].newText), ["'1 min'"]);
  });

  it("reports a syntax error with pgpool's words", () => {
    const [d] = diagnose("sr_check_user = 'a''b'\n");
    assert.strictEqual(d.code, CODES.syntax);
    assert.match(dataOf(d).pgpool!, /^FATAL: {2}syntax error in configuration file ".*pgpool.conf"\nDETAIL: {2}parse error at line 2 ''b'' token = 4$/);
  });
});

describe('pgpool.conf validator: what pgpool checks after reading a line or the file', () => {
  it('reports a stray token after a value before the value itself, as pgpool does', () => {
    assert.deepStrictEqual(codes(diagnose('max_pool = = 5\n')).slice(0, 1), [CODES.syntax]);
  });

  it('gives the unit hint of a time setting, and checks log_destination and online recovery', () => {
    assert.strictEqual(dataOf(diagnose('authentication_timeout = 12abc\n')[0]).pgpool, 'FATAL:  invalid value for parameter "authentication_timeout": "12abc"\nHINT:  Valid units for this parameter are "us", "ms", "s", "min", "h", and "d".');
    assert.strictEqual(dataOf(diagnose('log_destination = unquoted\n')[0]).pgpool, 'FATAL:  invalid configuration for "log_destination"\nDETAIL:  unknown destination :unquoted');
    assert.deepStrictEqual(diagnose("log_destination = 'stderr,syslog'\n"), []);
    const text = "backend_hostname0 = 'db'\nbackend_port0 = 5432\nrecovery_1st_stage_command = 'r.sh'\n";
    assert.deepStrictEqual(codes(diagnose(text)), [CODES.recoveryDataDirectory]);
    assert.deepStrictEqual(diagnose(`${text}backend_data_directory0 = '/data'\n`), []);
  });
});

describe('pgpool.conf validator: findings of the differential runs', () => {
  it('skips empty backend flags, prints INT64_MAX whole, and refuses native replication with the quorum on', () => {
    assert.deepStrictEqual(diagnose("backend_flag0 = 'ALWAYS_PRIMARY||'\n"), []);
    assert.strictEqual(dataOf(diagnose('memqcache_total_size = -1\n')[0]).pgpool, 'FATAL:  -1 is outside the valid range for parameter "memqcache_total_size" (0 .. 9223372036854775807)');
    const native = diagnose('replication_mode = 5\n', '4.3').find((d) => dataOf(d).pgpool);
    assert.strictEqual(dataOf(native!).pgpool, 'FATAL:  invalid configuration, failover_when_quorum_exists is not allowed in native replication mode');
    assert.deepStrictEqual(diagnose("replication_mode = on\nfailover_when_quorum_exists = off\n", '4.3'), []);
    assert.deepStrictEqual(diagnose("backend_clustering_mode = 'native_replication'\n", '4.3'), []);
    const block = diagnose('memqcache_cache_block_size = 532\n').find((d) => dataOf(d).pgpool);
    assert.strictEqual(dataOf(block!).pgpool, 'FATAL:  invalid memory cache configuration\nDETAIL:  memqcache_cache_block_size 532 should be greater or equal to memqcache_maxcache 409600');
    assert.deepStrictEqual(diagnose('memqcache_cache_block_size = 1MB\n'), []);
    const spare = diagnose('num_init_children = 2\nprocess_management_mode = dynamic\n').find((d) => dataOf(d).pgpool);
    assert.strictEqual(dataOf(spare!).pgpool, "FATAL:  invalid configuration, max_spare_children:10 can't be greater than num_init_children:2");
  });

  it('reports a syntax error anywhere before any value error (pgpool reads the whole file first)', () => {
    assert.deepStrictEqual(codes(diagnose("max_pool = -5\nsr_check_user = 'a''b'\n")), [CODES.syntax, CODES.outOfRange]);
  });

  it("refuses a heartbeat port of node 1 up without that node's host name, as pgpool 4.3/4.6 do (index read as a number)", () => {
    assert.strictEqual(dataOf(diagnose('heartbeat_port01 = 17931\n')[0]).pgpool, 'FATAL:  invalid watchdog configuration\nDETAIL:  heartbeat_hostname1 is not defined');
    assert.deepStrictEqual(diagnose("heartbeat_port1 = 9694\nheartbeat_hostname1 = 'h'\n"), []);
    assert.deepStrictEqual(diagnose('heartbeat_port0 = 9694\n'), []);
  });

  it('pgpool 4.3 and 4.6 refuse a query cache smaller than one cache block', () => {
    assert.strictEqual(dataOf(diagnose('# pgpool-II 4.6\nmemqcache_total_size = .5\n')[0]).pgpool, 'FATAL:  invalid memory cache configuration\nDETAIL:  memqcache_total_size 0 should be greater or equal to memqcache_cache_block_size 1048576');
    assert.strictEqual(dataOf(diagnose('memqcache_total_size = +5\n', '4.3')[0]).pgpool, 'FATAL:  invalid memory cache configuration\nDETAIL:  memqcache_total_size 5 should be greater or equal to memqcache_cache_block_size 1048576');
  });

  it('reads a 64-bit setting as a double cast to an integer: 2^63 and up wrap to INT64_MIN', () => {
    assert.strictEqual(dataOf(diagnose('memqcache_total_size = 9223372036854776000\n')[0]).pgpool, 'FATAL:  -9223372036854775808 is outside the valid range for parameter "memqcache_total_size" (0 .. 9223372036854775807)');
  });

  it('checks indexes against the bound the real pgpool states, and crashes only where it crashes (catalog indexMax)', () => {
    // Past the bound: refused with its range (heartbeat families go to 256).
    assert.strictEqual(dataOf(diagnose('backend_port129 = 5432\n')[0]).pgpool, 'FATAL:  129 index outside the valid range for parameter "backend_port129" (0 .. 128)');
    assert.strictEqual(dataOf(diagnose("heartbeat_hostname1000 = 'x'\n")[0]).pgpool, 'FATAL:  1000 index outside the valid range for parameter "heartbeat_hostname1000" (0 .. 256)');
    assert.deepStrictEqual(diagnose("heartbeat_hostname200 = 'x'\n"), []);
    // At the bound: a text crashes pgpool, a number is taken (a warning of ours, not pgpool's refusal).
    assert.strictEqual(dataOf(diagnose("health_check_user128 = 'x'\n")[0]).pgpool, 'exit status 139');
    const [number] = diagnose('health_check_period128 = 5\n');
    assert.strictEqual(number.code, CODES.indexOutOfRange);
    assert.strictEqual(number.severity, DiagnosticSeverity.Warning);
    assert.strictEqual(dataOf(number).pgpool, undefined);
  });

  it('pgpool 4.3 does not trim backend flags; 4.6 does', () => {
    const text = "backend_flag0 = 'ALLOW_TO_FAILOVER | ALWAYS_PRIMARY'\n";
    assert.strictEqual(dataOf(diagnose(text, '4.3')[0]).pgpool, 'FATAL:  invalid configuration for key "backend_flag0"\nDETAIL:  unknown backend flag:ALLOW_TO_FAILOVER ');
    assert.deepStrictEqual(diagnose(text, '4.6'), []);
    // The key by its number, in both versions.
    assert.strictEqual(dataOf(diagnose("backend_flag01 = 'nope'\n")[0]).pgpool, 'FATAL:  invalid configuration for key "backend_flag1"\nDETAIL:  unknown backend flag:nope');
  });
});

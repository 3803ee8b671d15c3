import { TextDocument } from 'vscode-languageserver-textdocument';
import { createCatalog, type CompactRecord } from '../../../../../language/catalog/catalog';
import type { Catalog, Major, ParameterVariant } from '../../../../../language/catalog/types';
import type { PgconfFeatureInput } from '../../../../../language/formats/pgconf/features/input';
import { parseConf } from '../../../../../language/formats/pgconf/parser';

const ALL: Major[] = [13, 14, 15, 16, 17, 18];

const variant = (v: Partial<ParameterVariant> & Pick<ParameterVariant, 'vartype' | 'bootVal' | 'context' | 'category'>): ParameterVariant => ({
  notInSample: false,
  ...v,
});

/** A small hand-made catalog, so feature tests do not depend on the generated one. */
export const FIXTURE_RECORDS: CompactRecord[] = [
  { name: 'shared_buffers', majors: ALL, base: variant({ vartype: 'integer', unit: '8kB', min: 16, max: 1073741823, bootVal: '16384', context: 'postmaster', category: 'Resource Usage / Memory' }) },
  { name: 'work_mem', majors: ALL, base: variant({ vartype: 'integer', unit: 'kB', min: 64, max: 2147483647, bootVal: '4096', context: 'user', category: 'Resource Usage / Memory' }) },
  { name: 'checkpoint_timeout', majors: ALL, base: variant({ vartype: 'integer', unit: 's', min: 30, max: 86400, bootVal: '300', context: 'sighup', category: 'Write-Ahead Log / Checkpoints' }) },
  { name: 'wal_level', majors: ALL, base: variant({ vartype: 'enum', enumvals: ['minimal', 'replica', 'logical'], hiddenEnumvals: ['archive', 'hot_standby'], bootVal: 'replica', context: 'postmaster', category: 'Write-Ahead Log / Settings' }) },
  { name: 'default_toast_compression', majors: [14, 15, 16, 17, 18], base: variant({ vartype: 'enum', enumvals: ['pglz'], buildEnumvals: ['lz4'], bootVal: 'pglz', context: 'user', category: 'Client Connection Defaults / Statement Behavior' }) },
  { name: 'ssl_max_protocol_version', majors: ALL, base: variant({ vartype: 'enum', enumvals: ['', 'TLSv1', 'TLSv1.1', 'TLSv1.2', 'TLSv1.3'], bootVal: '', context: 'sighup', category: 'Connections and Authentication / SSL' }) },
  { name: 'hot_standby', majors: ALL, base: variant({ vartype: 'bool', bootVal: 'on', context: 'postmaster', category: 'Replication / Standby Servers' }) },
  { name: 'hot_standby_feedback', majors: ALL, base: variant({ vartype: 'bool', bootVal: 'off', context: 'sighup', category: 'Replication / Standby Servers' }) },
  { name: 'max_wal_senders', majors: ALL, base: variant({ vartype: 'integer', min: 0, max: 262143, bootVal: '10', context: 'postmaster', category: 'Replication / Sending Servers' }) },
  { name: 'max_replication_slots', majors: ALL, base: variant({ vartype: 'integer', min: 0, max: 262143, bootVal: '10', context: 'postmaster', category: 'Replication / Sending Servers' }) },
  { name: 'wal_keep_size', majors: ALL, base: variant({ vartype: 'integer', unit: 'MB', min: 0, max: 2147483647, bootVal: '0', context: 'sighup', category: 'Replication / Sending Servers' }) },
  { name: 'archive_mode', majors: ALL, base: variant({ vartype: 'enum', enumvals: ['always', 'on', 'off'], bootVal: 'off', context: 'postmaster', category: 'Write-Ahead Log / Archiving' }) },
  { name: 'archive_command', majors: ALL, base: variant({ vartype: 'string', bootVal: '', context: 'sighup', category: 'Write-Ahead Log / Archiving' }) },
  { name: 'log_line_prefix', majors: ALL, base: variant({ vartype: 'string', bootVal: '%m [%p] ', context: 'sighup', category: 'Reporting and Logging / What to Log' }) },
  { name: 'vacuum_cost_delay', majors: ALL, base: variant({ vartype: 'real', unit: 'ms', min: 0, max: 100, bootVal: '0', context: 'user', category: 'Resource Usage / Cost-Based Vacuum Delay' }) },
  { name: 'vacuum_defer_cleanup_age', majors: [13, 14, 15], base: variant({ vartype: 'integer', min: 0, max: 1000000, bootVal: '0', context: 'sighup', category: 'Replication / Primary Server' }) },
  { name: 'block_size', majors: ALL, base: variant({ vartype: 'integer', min: 8192, max: 8192, bootVal: '8192', context: 'internal', category: 'Preset Options' }) },
  { name: 'trace_notify', majors: ALL, base: variant({ vartype: 'bool', bootVal: 'off', context: 'user', category: 'Developer Options', notInSample: true }) },
];

export function fixtureCatalog(): Catalog {
  return createCatalog({ generatedFrom: {}, parameters: FIXTURE_RECORDS }, { shared_buffers: 'Memory the server uses for its shared page cache.' });
}

/** A feature input over real parser output; `|` in the text marks the cursor (removed). */
export function featureInput(textWithCursor: string, major: Major = 17, catalog: Catalog = fixtureCatalog()) {
  const offset = textWithCursor.indexOf('|');
  const text = offset >= 0 ? textWithCursor.slice(0, offset) + textWithCursor.slice(offset + 1) : textWithCursor;
  const doc = TextDocument.create('file:///test/postgresql.conf', 'pgconf', 1, text);
  const input: PgconfFeatureInput = { doc, parsed: parseConf(text), catalog, major };
  return { input, position: doc.positionAt(Math.max(offset, 0)) };
}

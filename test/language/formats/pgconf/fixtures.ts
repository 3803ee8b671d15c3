import { createCatalog, type CatalogFile } from '../../../../language/catalog/catalog';
import type { Catalog } from '../../../../language/catalog/types';

/** A small hand-made catalog, so the validator tests do not depend on the generated one. */
export function tinyCatalog(): Catalog {
  const all = [13, 14, 15, 16, 17, 18] as const;
  const file: CatalogFile = {
    generatedFrom: {},
    parameters: [
      { name: 'shared_buffers', majors: [...all], base: { vartype: 'integer', unit: '8kB', min: 16, max: 1073741823, bootVal: '16384', context: 'postmaster', category: 'Resource Usage / Memory', notInSample: false } },
      { name: 'work_mem', majors: [...all], base: { vartype: 'integer', unit: 'kB', min: 64, max: 2147483647, bootVal: '4096', context: 'user', category: 'Resource Usage / Memory', notInSample: false } },
      { name: 'statement_timeout', majors: [...all], base: { vartype: 'integer', unit: 'ms', min: 0, max: 2147483647, bootVal: '0', context: 'user', category: 'Client', notInSample: false } },
      { name: 'checkpoint_completion_target', majors: [...all], base: { vartype: 'real', min: 0, max: 1, bootVal: '0.9', context: 'sighup', category: 'WAL', notInSample: false } },
      { name: 'vacuum_cost_delay', majors: [...all], base: { vartype: 'real', unit: 'ms', min: 0, max: 100, bootVal: '0', context: 'user', category: 'Vacuum', notInSample: false } },
      { name: 'hot_standby', majors: [...all], base: { vartype: 'bool', bootVal: 'on', context: 'postmaster', category: 'Replication', notInSample: false } },
      { name: 'wal_level', majors: [...all], base: { vartype: 'enum', enumvals: ['minimal', 'replica', 'logical'], hiddenEnumvals: ['archive', 'hot_standby'], bootVal: 'replica', context: 'postmaster', category: 'WAL', notInSample: false } },
      { name: 'synchronous_commit', majors: [...all], base: { vartype: 'enum', enumvals: ['local', 'remote_write', 'remote_apply', 'on', 'off'], hiddenEnumvals: ['true', 'false', 'yes', 'no', '1', '0'], bootVal: 'on', context: 'user', category: 'WAL', notInSample: false } },
      { name: 'default_toast_compression', majors: [...all], base: { vartype: 'enum', enumvals: ['pglz'], buildEnumvals: ['lz4'], bootVal: 'pglz', context: 'user', category: 'Client', notInSample: false } },
      { name: 'max_wal_senders', majors: [...all], base: { vartype: 'integer', min: 0, max: 262143, bootVal: '10', context: 'postmaster', category: 'Replication', notInSample: false } },
      { name: 'max_replication_slots', majors: [...all], base: { vartype: 'integer', min: 0, max: 262143, bootVal: '10', context: 'postmaster', category: 'Replication', notInSample: false } },
      { name: 'archive_mode', majors: [...all], base: { vartype: 'enum', enumvals: ['always', 'on', 'off'], hiddenEnumvals: ['true', 'false', 'yes', 'no', '1', '0'], bootVal: 'off', context: 'postmaster', category: 'WAL', notInSample: false } },
      { name: 'archive_command', majors: [...all], base: { vartype: 'string', bootVal: '', context: 'sighup', category: 'WAL', notInSample: false } },
      { name: 'archive_library', majors: [15, 16, 17, 18], base: { vartype: 'string', bootVal: '', context: 'sighup', category: 'WAL', notInSample: false } },
      { name: 'primary_conninfo', majors: [...all], base: { vartype: 'string', bootVal: '', context: 'sighup', category: 'Replication', notInSample: false } },
      { name: 'primary_slot_name', majors: [...all], base: { vartype: 'string', bootVal: '', context: 'sighup', category: 'Replication', notInSample: false } },
      { name: 'restore_command', majors: [...all], base: { vartype: 'string', bootVal: '', context: 'sighup', category: 'WAL', notInSample: false } },
      { name: 'synchronous_standby_names', majors: [...all], base: { vartype: 'string', bootVal: '', context: 'sighup', category: 'Replication', notInSample: false } },
      { name: 'wal_keep_size', majors: [...all], base: { vartype: 'integer', unit: 'MB', min: 0, max: 2147483647, bootVal: '0', context: 'sighup', category: 'Replication', notInSample: false } },
      { name: 'vacuum_defer_cleanup_age', majors: [13, 14, 15], base: { vartype: 'integer', min: 0, max: 1000000, bootVal: '0', context: 'sighup', category: 'Replication', notInSample: false } },
      { name: 'summarize_wal', majors: [17, 18], base: { vartype: 'bool', bootVal: 'off', context: 'sighup', category: 'WAL', notInSample: false } },
      { name: 'block_size', majors: [...all], base: { vartype: 'integer', min: 8192, max: 8192, bootVal: '8192', context: 'internal', category: 'Preset', notInSample: true } },
      { name: 'max_connections', majors: [...all], base: { vartype: 'integer', min: 1, max: 262143, bootVal: '100', context: 'postmaster', category: 'Connections', notInSample: false } },
    ],
  };
  return createCatalog(file, {});
}

import type { Catalog, Major } from '../../../catalog/types';

export interface HaSnippet {
  label: string;
  detail: string;
  /** LSP snippet syntax. */
  body: string;
  /** Plain text shown in the completion documentation. */
  preview: string;
}

/** [name, snippet value, plain value]; the blocks follow the primary/replica setup of the seed document. */
type Line = [name: string, snippetValue: string, plainValue: string];

const BLOCKS: { label: string; detail: string; lines: Line[] }[] = [
  {
    label: 'ha-primary',
    detail: 'streaming replication: primary settings',
    lines: [
      ['wal_level', '${1|replica,logical|}', 'replica'],
      ['max_wal_senders', '${2:10}', '10'],
      ['max_replication_slots', '${3:10}', '10'],
      ['wal_keep_size', "'${4:1GB}'", "'1GB'"],
      ['hot_standby', 'on', 'on'],
      ['hot_standby_feedback', '${5|on,off|}', 'on'],
    ],
  },
  {
    label: 'ha-standby',
    detail: 'streaming replication: standby settings (with standby.signal)',
    lines: [
      ['primary_conninfo', "'host=${1:postgres_primary} port=${2:5432} user=${3:replicator} application_name=${4:replica1}'", "'host=postgres_primary port=5432 user=replicator application_name=replica1'"],
      ['primary_slot_name', "'${5:replication_slot}'", "'replication_slot'"],
      ['hot_standby', 'on', 'on'],
      ['hot_standby_feedback', '${6|on,off|}', 'on'],
    ],
  },
  {
    label: 'ha-archive',
    detail: 'WAL archiving',
    lines: [
      ['archive_mode', '${1|on,always|}', 'on'],
      ['archive_command', "'${2:cp %p /path/to/archive/%f}'", "'cp %p /path/to/archive/%f'"],
    ],
  },
];

/** The HA blocks, keeping only the settings the target major has. */
export function haSnippets(catalog: Catalog, major: Major): HaSnippet[] {
  const snippets: HaSnippet[] = [];
  for (const block of BLOCKS) {
    const lines = block.lines.filter(([name]) => catalog.get(name, major));
    if (lines.length === 0) continue;
    snippets.push({
      label: block.label,
      detail: `${block.detail} (PostgreSQL ${major})`,
      body: lines.map(([name, value]) => `${name} = ${value}`).join('\n') + '\n$0',
      preview: lines.map(([name, , plain]) => `${name} = ${plain}`).join('\n'),
    });
  }
  return snippets;
}

import type { Major } from '../../../catalog/types';

/** Top-level pg_settings category → the runtime-config page that documents it. */
const PAGES: [prefix: string, page: string][] = [
  ['File Locations', 'runtime-config-file-locations'],
  ['Connections and Authentication', 'runtime-config-connection'],
  ['Resource Usage', 'runtime-config-resource'],
  ['Write-Ahead Log', 'runtime-config-wal'],
  ['Replication', 'runtime-config-replication'],
  ['Query Tuning', 'runtime-config-query'],
  ['Reporting and Logging', 'runtime-config-logging'],
  ['Process Title', 'runtime-config-logging'],
  ['Statistics', 'runtime-config-statistics'],
  ['Autovacuum', 'runtime-config-autovacuum'],
  ['Vacuuming', 'runtime-config-vacuum'],
  ['Client Connection Defaults', 'runtime-config-client'],
  ['Lock Management', 'runtime-config-locks'],
  ['Version and Platform Compatibility', 'runtime-config-compatible'],
  ['Error Handling', 'runtime-config-error-handling'],
  ['Preset Options', 'runtime-config-preset'],
  ['Customized Options', 'runtime-config-custom'],
  ['Developer Options', 'runtime-config-developer'],
];

/** The documentation page for a parameter in one major, anchored at its entry; a docs search when the category is unknown. */
export function docsUrl(name: string, category: string | undefined, major: Major): string {
  const page = category ? PAGES.find(([prefix]) => category.startsWith(prefix))?.[1] : undefined;
  if (!page) return `https://www.postgresql.org/search/?u=%2Fdocs%2F${major}%2F&q=${encodeURIComponent(name)}`;
  return `https://www.postgresql.org/docs/${major}/${page}.html#GUC-${name.toUpperCase().replace(/_/g, '-')}`;
}

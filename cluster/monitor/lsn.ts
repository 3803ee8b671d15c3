/** PostgreSQL LSNs ("16/B374D848") as numbers, and human-readable byte sizes. */

/** Parses an LSN into its byte position; undefined for null/garbage. Safe as a double up to 2^53 bytes of WAL. */
export function parseLsn(lsn: string | null | undefined): number | undefined {
  if (!lsn) return undefined;
  const match = /^([0-9A-Fa-f]{1,8})\/([0-9A-Fa-f]{1,8})$/.exec(lsn.trim());
  if (!match) return undefined;
  return parseInt(match[1], 16) * 0x1_0000_0000 + parseInt(match[2], 16);
}

/** Bytes from `behind` to `ahead`, never negative; null when either is unknown. */
export function lsnDistance(ahead: string | null | undefined, behind: string | null | undefined): number | null {
  const a = parseLsn(ahead);
  const b = parseLsn(behind);
  if (a === undefined || b === undefined) return null;
  return Math.max(0, a - b);
}

/** Compares two LSNs: negative, zero or positive; unknown sorts first. */
export function compareLsn(left: string | null | undefined, right: string | null | undefined): number {
  return (parseLsn(left) ?? -1) - (parseLsn(right) ?? -1);
}

const UNITS = ['B', 'kB', 'MB', 'GB', 'TB'];

export function formatBytes(bytes: number | null | undefined): string {
  if (bytes === null || bytes === undefined) return '–';
  let value = bytes;
  let unit = 0;
  while (Math.abs(value) >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  return unit === 0 ? `${value} B` : `${value.toFixed(value < 10 ? 1 : 0)} ${UNITS[unit]}`;
}

export function formatSeconds(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined) return '–';
  if (seconds < 1) return `${Math.round(seconds * 1000)} ms`;
  if (seconds < 120) return `${seconds.toFixed(1)} s`;
  if (seconds < 7200) return `${Math.round(seconds / 60)} min`;
  return `${(seconds / 3600).toFixed(1)} h`;
}

/**
 * Unit arithmetic for display: pg_settings units ('8kB', 'ms', …) and PostgreSQL's case-sensitive
 * suffixes. Validation (rounding, ranges) is the validator's job; this only explains values to people.
 */

export const MEMORY_UNITS = ['B', 'kB', 'MB', 'GB', 'TB'] as const;
export const TIME_UNITS = ['us', 'ms', 's', 'min', 'h', 'd'] as const;

const MEMORY_FACTORS: Record<string, number> = { B: 1, kB: 1024, MB: 1024 ** 2, GB: 1024 ** 3, TB: 1024 ** 4 };
const TIME_FACTORS: Record<string, number> = { us: 0.001, ms: 1, s: 1000, min: 60_000, h: 3_600_000, d: 86_400_000 };

export type UnitFamily = 'memory' | 'time';

export interface BaseUnit {
  family: UnitFamily;
  /** How many of `unit` one base step is: 8 for '8kB'. */
  multiplier: number;
  unit: string;
}

/** Reads a pg_settings unit such as '8kB', 'kB', 'ms' or 's'; undefined for unitless parameters. */
export function parseBaseUnit(unit: string | undefined): BaseUnit | undefined {
  const match = unit ? /^(\d+)?\s*(B|kB|MB|GB|TB|us|ms|s|min|h|d)$/.exec(unit) : null;
  if (!match) return undefined;
  const family: UnitFamily = match[2] in MEMORY_FACTORS ? 'memory' : 'time';
  return { family, multiplier: match[1] ? Number(match[1]) : 1, unit: match[2] };
}

/** The suffixes PostgreSQL accepts for a parameter with this pg_settings unit. */
export function suffixesFor(unit: string | undefined): readonly string[] {
  const base = parseBaseUnit(unit);
  if (!base) return [];
  return base.family === 'memory' ? MEMORY_UNITS : TIME_UNITS;
}

const factors = (family: UnitFamily) => (family === 'memory' ? MEMORY_FACTORS : TIME_FACTORS);
const ladder = (family: UnitFamily): readonly string[] => (family === 'memory' ? MEMORY_UNITS : TIME_UNITS);

/** The amount in the family's smallest sensible measure (bytes or milliseconds). */
function absolute(value: number, base: BaseUnit): number {
  return value * base.multiplier * factors(base.family)[base.unit];
}

/** Largest unit in which the amount is a whole number, as PostgreSQL's SHOW prints it (`128MB`, `5min`). */
export function exactHuman(amount: number, family: UnitFamily): string {
  const units = ladder(family);
  const table = factors(family);
  for (let i = units.length - 1; i >= 0; i--) {
    const inUnit = amount / table[units[i]];
    if (Number.isInteger(inUnit) || (i === 0 && amount !== 0)) return `${trim(inUnit)}${units[i]}`;
  }
  return `0${family === 'memory' ? 'B' : 'ms'}`;
}

/** Largest unit in which the amount is at least 1, rounded: for range ends such as `≈8TB`. */
function approximateHuman(amount: number, family: UnitFamily): string {
  const units = ladder(family);
  const table = factors(family);
  for (let i = units.length - 1; i >= 0; i--) {
    const inUnit = amount / table[units[i]];
    if (Math.abs(inUnit) >= 1) return `${Number.isInteger(inUnit) ? '' : '≈ '}${trim(Math.round(inUnit * 10) / 10)}${units[i]}`;
  }
  return exactHuman(amount, family);
}

const trim = (n: number) => String(Number(n.toPrecision(12)));

/**
 * A base-unit value the way people read it: `16384 × 8kB = 128MB`, `300s = 5min`, `4MB`.
 * Negative values are sentinels (disabled, use another setting) and stay as written.
 */
export function describeAmount(value: number, unit: string | undefined, approximate = false): string {
  const base = parseBaseUnit(unit);
  if (!base || value < 0 || !Number.isFinite(value)) return trim(value) + (base && value >= 0 ? unit : '');
  if (value === 0) return base.multiplier === 1 ? `0${base.unit}` : '0';
  const amount = absolute(value, base);
  const exact = exactHuman(amount, base.family);
  const human = approximate && /^\d{5,}/.test(exact) ? approximateHuman(amount, base.family) : exact;
  const written = base.multiplier === 1 ? `${trim(value)}${base.unit}` : `${trim(value)} × ${base.multiplier}${base.unit}`;
  if (written === human) return human;
  return `${written} ${human.startsWith('≈') ? '' : '= '}${human}`;
}

/** An integer with an attached suffix as written (`128MB`, `0x10`), converted to the parameter's base unit. */
export function toBaseUnits(text: string, unit: string | undefined): number | undefined {
  const match = /^([-+]?)(0[xX][0-9A-Fa-f]+|\d+(?:\.\d+)?)\s*([A-Za-z]*)$/.exec(text.trim());
  if (!match) return undefined;
  const number = Number(match[2].startsWith('0x') || match[2].startsWith('0X') ? parseInt(match[2], 16) : match[2]) * (match[1] === '-' ? -1 : 1);
  if (!match[3]) return number;
  const base = parseBaseUnit(unit);
  const table = base ? factors(base.family) : undefined;
  if (!base || !table || !(match[3] in table)) return undefined;
  return (number * table[match[3]]) / (base.multiplier * table[base.unit]);
}

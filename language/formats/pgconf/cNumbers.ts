/**
 * The C library number routines PostgreSQL's GUC code relies on (glibc strtol/strtod, rint, printf %g),
 * reproduced so that our verdicts and canonical values match the server's byte for byte.
 */

const C_SPACE = ' \t\n\v\f\r';
export const isCSpace = (c: string | undefined): boolean => c !== undefined && c !== '' && C_SPACE.includes(c);

export interface CNumber {
  value: number;
  /** Index of the first character not consumed; 0 when nothing was parsed. */
  end: number;
  /** errno == ERANGE */
  range: boolean;
}

const LONG_MAX = (1n << 63n) - 1n;

/** strtol(s, &end, 0) on a 64-bit long. */
export function strtol0(s: string): CNumber {
  let i = 0;
  while (isCSpace(s[i])) i++;
  let negative = false;
  if (s[i] === '+' || s[i] === '-') negative = s[i++] === '-';
  let base = 10;
  let digits: RegExp = /[0-9]/;
  if (s[i] === '0' && (s[i + 1] === 'x' || s[i + 1] === 'X') && /[0-9a-fA-F]/.test(s[i + 2] ?? '')) {
    base = 16;
    digits = /[0-9a-fA-F]/;
    i += 2;
  } else if (s[i] === '0') {
    base = 8;
    digits = /[0-7]/;
  }
  const start = i;
  while (i < s.length && digits.test(s[i])) i++;
  if (i === start) return { value: 0, end: 0, range: false };
  const text = s.slice(start, i);
  let magnitude = base === 16 ? BigInt(`0x${text}`) : base === 8 ? BigInt(`0o${text}`) : BigInt(text);
  let range = false;
  const limit = negative ? LONG_MAX + 1n : LONG_MAX;
  if (magnitude > limit) {
    magnitude = limit;
    range = true;
  }
  return { value: Number(negative ? -magnitude : magnitude), end: i, range };
}

const MIN_NORMAL = 2.2250738585072014e-308;

function hexFloat(mantissa: string, exponent: number): number {
  const [intPart, fracPart = ''] = mantissa.split('.');
  let value = 0;
  for (const digit of intPart + fracPart) value = value * 16 + parseInt(digit, 16);
  return value * Math.pow(2, exponent - 4 * fracPart.length);
}

/** strtod(s, &end): decimal and hex floats, inf/infinity, nan; ERANGE on overflow and underflow. */
export function strtod(s: string): CNumber {
  let i = 0;
  while (isCSpace(s[i])) i++;
  const rest = s.slice(i);
  const special = /^([+-]?)(infinity|inf|nan(\([0-9A-Za-z_]*\))?)/i.exec(rest);
  if (special) {
    const sign = special[1] === '-' ? -1 : 1;
    const value = special[2].toLowerCase().startsWith('nan') ? NaN : sign * Infinity;
    return { value, end: i + special[0].length, range: false };
  }
  const hex = /^([+-]?)0[xX]([0-9a-fA-F]+\.?[0-9a-fA-F]*|\.[0-9a-fA-F]+)([pP]([+-]?\d+))?/.exec(rest);
  if (hex) {
    const value = (hex[1] === '-' ? -1 : 1) * hexFloat(hex[2], hex[4] ? Number(hex[4]) : 0);
    return finish(value, /[1-9a-fA-F]/.test(hex[2]), i + hex[0].length);
  }
  const decimal = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?/.exec(rest);
  if (!decimal) return { value: 0, end: 0, range: false };
  return finish(Number(decimal[0]), /[1-9]/.test(decimal[1]), i + decimal[0].length);
}

function finish(value: number, nonZeroDigits: boolean, end: number): CNumber {
  const magnitude = Math.abs(value);
  const range = !Number.isFinite(value) || (nonZeroDigits && magnitude < MIN_NORMAL);
  return { value, end, range };
}

/** rint() in the default rounding mode: halves go to the even neighbour. */
export function rint(x: number): number {
  if (!Number.isFinite(x)) return x;
  const floor = Math.floor(x);
  const diff = x - floor;
  const rounded = diff < 0.5 ? floor : diff > 0.5 ? floor + 1 : floor % 2 === 0 ? floor : floor + 1;
  // Like C, a negative number that rounds to zero gives -0.
  return rounded === 0 && x < 0 ? -0 : rounded;
}

/**
 * printf("%g", x) as PostgreSQL prints it: 6 significant digits, exponent form below 1e-4 or from 1e6, trailing
 * zeros removed. PostgreSQL uses its own snprintf (src/port), which spells the specials NaN, Infinity, -Infinity.
 */
export function formatG(x: number): string {
  if (Number.isNaN(x)) return 'NaN';
  if (!Number.isFinite(x)) return x > 0 ? 'Infinity' : '-Infinity';
  if (x === 0) return Object.is(x, -0) ? '-0' : '0';
  const [mantissa, exponentText] = exactToExponential(x).split('e');
  const exponent = Number(exponentText);
  const strip = (digits: string) => (digits.includes('.') ? digits.replace(/0+$/, '').replace(/\.$/, '') : digits);
  if (exponent < -4 || exponent >= 6) {
    const sign = exponent < 0 ? '-' : '+';
    return `${strip(mantissa)}e${sign}${String(Math.abs(exponent)).padStart(2, '0')}`;
  }
  return strip(x.toFixed(5 - exponent));
}

/** toExponential(5), but with glibc's round-half-even where the double sits exactly on a tie (integers). */
function exactToExponential(x: number): string {
  const js = x.toExponential(5);
  if (!Number.isInteger(x) || Math.abs(x) < 1e6 || Math.abs(x) > Number.MAX_SAFE_INTEGER) return js;
  const digits = String(Math.abs(x));
  const keep = digits.slice(0, 6);
  const dropped = digits.slice(6);
  const half = '5' + '0'.repeat(dropped.length - 1);
  if (dropped !== half) return js;
  const last = Number(keep[5]);
  const rounded = last % 2 === 0 ? BigInt(keep) : BigInt(keep) + 1n;
  const text = String(rounded);
  const exponent = digits.length - 1 + (text.length - 6);
  return `${x < 0 ? '-' : ''}${text[0]}.${text.slice(1, 6)}e+${exponent}`;
}

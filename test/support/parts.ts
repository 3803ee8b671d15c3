/**
 * Real parts the tests need (PostgreSQL binaries, Docker, code-server…). Outside CI a test whose
 * part is missing is skipped with the reason; in strict mode (CI, PGHA_STRICT=1) it fails instead.
 */
export const strict = process.env.PGHA_STRICT === '1' || process.env.CI === 'true';

export class MissingPartError extends Error {}

/** Call in a mocha `before`/`it` with `this`: skips (or fails in strict mode) when `why` is not undefined. */
export function requirePart(ctx: Mocha.Context, part: string, why: string | undefined): void {
  if (why === undefined) return;
  const message = `${part} is not available: ${why}`;
  if (strict) throw new MissingPartError(`${message} (strict mode: a missing real part fails)`);
  console.warn(`  skipped: ${message}`);
  ctx.skip();
}

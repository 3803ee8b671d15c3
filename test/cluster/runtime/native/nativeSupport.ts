/** Shared by the native runtime tests: what real parts are missing. */
import type { Major } from '../../../../core/majors';
import { resolveServerAccount } from '../../../../cluster/runtime/native/account';
import { binariesMissing } from '../../../../cluster/runtime/native/binaries';

/** Why servers cannot run here (no unprivileged account while we are root), or undefined. */
export function nativeAccountWhy(): string | undefined {
  try {
    resolveServerAccount();
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
}

/** Why the native backend cannot run `major` here, or undefined. */
export function nativeWhy(major: Major): string | undefined {
  return binariesMissing(major) ?? nativeAccountWhy();
}

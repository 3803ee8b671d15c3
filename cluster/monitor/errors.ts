import type { NodeState } from './types';

/** SQLSTATEs and socket errors that mean a known connection state rather than a bug. */
const SQLSTATE_STATES: Record<string, NodeState> = {
  '28P01': 'authentication failed', // invalid_password
  '28000': 'authentication failed', // invalid_authorization_specification (pg_hba reject, no such role)
  '3D000': 'database missing',
  '53300': 'too many connections',
  '57P01': 'shutting down', // admin_shutdown: the server is stopping
  '57P02': 'shutting down', // crash_shutdown
};

const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN']);

/** Turns a connect/query failure into a node state plus a one-line detail (no password ever appears in pg errors). */
export function classifyConnectionError(error: unknown): { state: NodeState; detail: string } {
  const err = error as { code?: string; message?: string } | undefined;
  const message = err?.message ?? String(error);
  const code = err?.code;
  if (code === '57P03') {
    // cannot_connect_now: starting up, shutting down, or a standby without hot_standby.
    if (/starting up/i.test(message)) return { state: 'starting up', detail: message };
    if (/shutting down/i.test(message)) return { state: 'shutting down', detail: message };
    return { state: 'not accepting connections', detail: message };
  }
  if (code && SQLSTATE_STATES[code]) return { state: SQLSTATE_STATES[code], detail: message };
  if (code && NETWORK_CODES.has(code)) return { state: 'unreachable', detail: message };
  if (/timeout|terminated unexpectedly|Connection terminated|ECONNREFUSED|socket hang up/i.test(message)) {
    return { state: 'unreachable', detail: message };
  }
  if (/client password must be a string/i.test(message)) {
    // node-postgres says this when the server asks for a password and none is known.
    return { state: 'authentication failed', detail: 'no password known for this node: the compose file gives none that pgha can read (POSTGRES_PASSWORD, a *_FILE secret); set PGPASSWORD or enter it when asked' };
  }
  if (/password authentication failed|no password supplied|SASL/i.test(message)) {
    return { state: 'authentication failed', detail: message };
  }
  return { state: 'error', detail: message };
}

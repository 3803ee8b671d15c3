import type { Major } from '../../catalog/types';
import { CODES } from './codes';
import type { ValueVerdict } from './values';

/** Looks up the current integer value of another parameter (the file's value, else the default). */
export type OtherValue = (name: string) => number;

/**
 * Check hooks PostgreSQL runs on integer parameters after the range check. They may reject a value in range
 * or adjust it (wal_buffers, autovacuum_work_mem clamp small values up).
 */
type NumericHook = (name: string, value: number, major: Major, other: OtherValue) => ValueVerdict;

const MAX_BACKENDS = 0x3ffff;
const SLRU_BANK_SIZE = 16;

const accept = (value: number): ValueVerdict => ({ ok: true, canonical: String(value) });
const reject = (name: string, value: number, hint: string): ValueVerdict => ({
  ok: false,
  code: CODES.outOfRange,
  message: `invalid value for parameter "${name}": ${value}`,
  hint,
});

/** The parameters whose sum PostgreSQL keeps under MAX_BACKENDS (check_maxconnections and friends). */
const BACKEND_SLOTS = ['max_connections', 'autovacuum_max_workers', 'max_worker_processes', 'max_wal_senders'];

// Up to 17 the check hooks keep the sum under MAX_BACKENDS; 18 checks it only when the server starts.
const backendLimit: NumericHook = (name, value, major, other) => {
  const names = BACKEND_SLOTS;
  if (major >= 18) return accept(value);
  const extra = 1;
  const total = names.reduce((sum, n) => sum + (n === name ? value : other(n)), extra);
  return total > MAX_BACKENDS
    ? reject(name, value, `Together, ${names.join(', ')} must stay at or below ${MAX_BACKENDS - extra}.`)
    : accept(value);
};

const slruBuffers: NumericHook = (name, value) =>
  value % SLRU_BANK_SIZE === 0 ? accept(value) : reject(name, value, `"${name}" must be a multiple of ${SLRU_BANK_SIZE}`);

/**
 * check_max_stack_depth: the stack limit (ulimit -s) less 512kB of slack. We assume the common 8MB limit of
 * Linux hosts and containers; the real limit is the one of the host that starts the server.
 */
const STACK_LIMIT_KB = 8192;
const STACK_SLOP_KB = 512;
const maxStackDepth: NumericHook = (name, value) => {
  const most = STACK_LIMIT_KB - STACK_SLOP_KB;
  if (value <= most) return accept(value);
  const detail = `"max_stack_depth" must not exceed ${most}kB. Increase the platform's stack depth limit via "ulimit -s" or local equivalent.`;
  return reject(name, value, `${detail} (This assumes the common 8MB stack limit; the host that runs the server decides.)`);
};

const HOOKS: Record<string, { from?: Major; hook: NumericHook }> = {
  max_stack_depth: { hook: maxStackDepth },
  max_connections: { hook: backendLimit },
  autovacuum_max_workers: { hook: backendLimit },
  max_worker_processes: { hook: backendLimit },
  max_wal_senders: { hook: backendLimit },
  // Values below 4 blocks are raised to 4; -1 keeps the automatic size.
  wal_buffers: { hook: (_n, v) => accept(v >= 0 && v < 4 ? 4 : v) },
  // Manual values below 1MB (64kB from 17) are raised to it; -1 falls back to maintenance_work_mem.
  autovacuum_work_mem: {
    hook: (_n, v, major) => {
      const floor = major >= 17 ? 64 : 1024;
      return accept(v >= 0 && v < floor ? floor : v);
    },
  },
  vacuum_buffer_usage_limit: {
    from: 16,
    hook: (n, v) => (v === 0 || (v >= 128 && v <= 16777216) ? accept(v) : reject(n, v, `"${n}" must be 0 or between 128 kB and 16777216 kB`)),
  },
  commit_timestamp_buffers: { from: 17, hook: slruBuffers },
  multixact_member_buffers: { from: 17, hook: slruBuffers },
  multixact_offset_buffers: { from: 17, hook: slruBuffers },
  notify_buffers: { from: 17, hook: slruBuffers },
  serializable_buffers: { from: 17, hook: slruBuffers },
  subtransaction_buffers: { from: 17, hook: slruBuffers },
  transaction_buffers: { from: 17, hook: slruBuffers },
};

/** Runs the check hook of an integer parameter, if it has one, on a value that passed the range check. */
export function runNumericHook(name: string, value: number, major: Major, other: OtherValue): ValueVerdict {
  const entry = HOOKS[name];
  if (!entry || (entry.from !== undefined && major < entry.from)) return accept(value);
  return entry.hook(name, value, major, other);
}

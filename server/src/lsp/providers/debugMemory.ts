import * as v8 from 'node:v8';
import * as vm from 'node:vm';
import type { Provider } from '../providerContext';

/** The debug request's method: a full garbage collection, then the process's memory figures. */
export const DEBUG_MEMORY_METHOD = 'pgha/debug/memory';

/**
 * Tests only (PGHA_LSP_DEBUG=1 in the server's environment): `pgha/debug/memory` forces a full garbage collection
 * and answers process.memoryUsage(), so a test over the real process can check that closed documents are freed.
 * Without the variable the request does not exist.
 */
export const debugMemoryProvider: Provider = {
  capabilities: {},
  register({ connection }) {
    if (process.env.PGHA_LSP_DEBUG !== '1') return;
    v8.setFlagsFromString('--expose-gc');
    const gc = vm.runInNewContext('gc') as () => void;
    connection.onRequest(DEBUG_MEMORY_METHOD, () => {
      gc();
      gc(); // a second pass collects what the first one's finalizers released
      return process.memoryUsage();
    });
  },
};

import { setReplicationMode } from '../../cluster/failover/settings';
import type { CliCommand } from '../command';
import { usageError } from '../args';
import { runAction } from './promote';

const syncUsage = `Usage: pgha sync FILE on|off [--force]

Synchronous replication on the running primary of the compose cluster FILE, as the UI's switch does: on sets
synchronous_standby_names to FIRST 1 of the replicas that stream from it (by application_name, which the example's
replicas set to their service names) and reloads; off clears it (asynchronous). On refuses while none of them
streams (every commit would wait); --force sets it anyway.
Exit status: 0 done, 1 refused or failed, 2 bad usage.
`;

export const syncCommand: CliCommand = {
  name: 'sync',
  summary: 'switch synchronous replication on or off on the primary',
  usage: syncUsage,
  run: (args, io) => {
    const mode = args.filter((a) => !a.startsWith('--'))[1];
    if (mode !== undefined && mode !== 'on' && mode !== 'off') return Promise.resolve(usageError(io, 'sync', `the mode must be on or off, not '${mode}'`, syncUsage));
    return runAction('sync', syncUsage, (ctx) => setReplicationMode(ctx, mode === 'on' ? 'sync' : 'async'), args, io, false);
  },
};

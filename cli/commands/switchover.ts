import { switchover } from '../../cluster/failover/switchover';
import type { CliCommand } from '../command';
import { runAction } from './promote';

const switchoverUsage = `Usage: pgha switchover FILE SERVICE [--force]

Planned role change: stops the primary cleanly, promotes replica SERVICE once it has all of the primary's WAL,
brings the old primary back as its replica (pg_rewind, else a fresh base backup) and re-points the others.
Refuses when SERVICE does not stream from the primary; --force proceeds anyway.
Exit status: 0 done, 1 refused or failed, 2 bad usage.
`;

export const switchoverCommand: CliCommand = {
  name: 'switchover',
  summary: 'planned switchover: the replica becomes primary, the old primary its replica',
  usage: switchoverUsage,
  run: (args, io) => runAction('switchover', switchoverUsage, switchover, args, io),
};

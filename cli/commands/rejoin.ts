import { rejoin } from '../../cluster/failover/rejoin';
import type { CliCommand } from '../command';
import { actionCommand } from './promote';

const rejoinUsage = `Usage: pgha rejoin FILE SERVICE [--force]

Repairs a former primary (fenced after a failover, or started behind pgha's back: split brain): stops SERVICE
when it runs, rewinds it onto the current primary's timeline (pg_rewind, else a fresh base backup, which replaces
its data) and starts it as that primary's replica. Transactions only SERVICE had since it diverged are lost.
Refuses to demote the node pgha promoted last; --force does it anyway.
Exit status: 0 done, 1 refused or failed, 2 bad usage.
`;

export const rejoinCommand: CliCommand = actionCommand('rejoin', 'rejoin a former primary as a replica of the current primary (pg_rewind, else base backup)', rejoinUsage, rejoin);

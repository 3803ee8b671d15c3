import type { CliCommand } from '../command';
import { chaosCommand } from './chaos';
import { checkCommand } from './check';
import { downCommand } from './down';
import { promoteCommand } from './promote';
import { psCommand } from './ps';
import { rejoinCommand } from './rejoin';
import { replicaCommand } from './replica';
import { statusCommand } from './status';
import { subscriptionCommand } from './subscription';
import { switchoverCommand } from './switchover';
import { syncCommand } from './sync';
import { upCommand } from './up';

/** Every sub-command, in the order `pgha --help` lists them. Each issue adds its own file here. */
export const commands: CliCommand[] = [checkCommand, upCommand, downCommand, psCommand, statusCommand, promoteCommand, switchoverCommand, rejoinCommand, replicaCommand, syncCommand, subscriptionCommand, chaosCommand];

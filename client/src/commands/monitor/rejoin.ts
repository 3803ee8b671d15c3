/** "Rejoin as Replica": repairs a fenced former primary or one side of a split brain (cluster/failover/rejoin). */
import { rejoin } from '../../../../cluster/failover/rejoin';
import { confirmAction } from '../confirm';
import { REJOIN } from '../cluster/fencing';
import { resolveNode } from '../cluster/shared';
import type { CommandFactory } from '../index';
import { runAction } from './actions';

export const rejoinReplica: CommandFactory = (ctx) => async (arg?: unknown, options?: { confirmed?: boolean }) => {
  const ref = await resolveNode(ctx, arg, (n) => n.instance !== undefined, 'Choose the former primary to rejoin as a replica');
  if (!ref) return undefined;
  const service = ref.node.service;
  const pick = await confirmAction(
    `Rejoin ${service} as a replica?`,
    `${service} is stopped (when running), rewound onto the current primary's timeline with pg_rewind — or, when that cannot run, its data is replaced by a fresh base backup — and started as a streaming replica. Writes only ${service} received since the failover are lost.`,
    [REJOIN],
    options?.confirmed,
  );
  if (!pick) return undefined;
  return runAction(ctx, `Rejoin ${service} as a replica`, ref.cluster, (actx) => rejoin(actx, service));
};

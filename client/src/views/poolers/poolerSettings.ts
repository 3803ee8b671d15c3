/** The PgBouncer thresholds of the tree (pgha.monitor.pooler*), read fresh each time like the other monitor settings. */
import * as vscode from 'vscode';
import { DEFAULT_POOLER_THRESHOLDS, type PoolerThresholds } from '../../../../cluster/monitor/pooler';
import { positive } from '../settings';


export function readPoolerThresholds(): PoolerThresholds {
  const cfg = vscode.workspace.getConfiguration('pgha.monitor');
  const d = DEFAULT_POOLER_THRESHOLDS;
  return {
    waitingWarning: positive(cfg.get('poolerWaitingWarning'), d.waitingWarning),
    waitingCritical: positive(cfg.get('poolerWaitingCritical'), d.waitingCritical),
    maxWaitWarningSeconds: positive(cfg.get('poolerMaxWaitWarningSeconds'), d.maxWaitWarningSeconds),
    maxWaitCriticalSeconds: positive(cfg.get('poolerMaxWaitCriticalSeconds'), d.maxWaitCriticalSeconds),
  };
}

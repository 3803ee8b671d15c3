/**
 * The monitoring settings (pgha.monitor.*, pgha.attach.connections), read fresh each time. The runtime settings
 * (pgha.imageMap, pgha.backend) are read where a runtime is built or picked (runtimes.ts, Config).
 */
import * as vscode from 'vscode';
import { DEFAULT_THRESHOLDS, type MonitorThresholds } from '../../../cluster/monitor/types';

export interface ClusterSettings {
  intervalMs: number;
  thresholds: MonitorThresholds;
  attachConnections: string[];
}

export const positive = (value: unknown, fallback: number): number => (typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : fallback);

export function readClusterSettings(): ClusterSettings {
  const cfg = vscode.workspace.getConfiguration('pgha');
  return {
    intervalMs: Math.max(250, positive(cfg.get('monitor.intervalMs'), 2000)),
    thresholds: {
      lagBytesWarning: positive(cfg.get('monitor.lagWarningBytes'), DEFAULT_THRESHOLDS.lagBytesWarning),
      lagBytesCritical: positive(cfg.get('monitor.lagCriticalBytes'), DEFAULT_THRESHOLDS.lagBytesCritical),
      lagSecondsWarning: positive(cfg.get('monitor.lagWarningSeconds'), DEFAULT_THRESHOLDS.lagSecondsWarning),
      lagSecondsCritical: positive(cfg.get('monitor.lagCriticalSeconds'), DEFAULT_THRESHOLDS.lagSecondsCritical),
    },
    attachConnections: (cfg.get<string[]>('attach.connections') ?? []).filter((c) => typeof c === 'string'),
  };
}

export function affectsClusterSettings(event: vscode.ConfigurationChangeEvent): boolean {
  return ['pgha.monitor', 'pgha.attach'].some((key) => event.affectsConfiguration(key));
}

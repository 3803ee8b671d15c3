/** The cluster and monitoring settings (pgha.imageMap, pgha.monitor.*, pgha.attach.connections), read fresh each time. */
import * as vscode from 'vscode';
import { buildImageMap, type ImageMap } from '../../../cluster/runtime/docker/imageMap';
import { DEFAULT_THRESHOLDS, type MonitorThresholds } from '../../../cluster/monitor/types';

export interface ClusterSettings {
  imageMap: ImageMap;
  imageMapProblems: string[];
  intervalMs: number;
  thresholds: MonitorThresholds;
  attachConnections: string[];
}

const positive = (value: unknown, fallback: number): number => (typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : fallback);

export function readClusterSettings(): ClusterSettings {
  const cfg = vscode.workspace.getConfiguration('pgha');
  const setting = cfg.get<Record<string, string>>('imageMap') ?? {};
  const { map, problems } = buildImageMap(setting, process.env);
  return {
    imageMap: map,
    imageMapProblems: problems.map((p) => p.message),
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
  return ['pgha.imageMap', 'pgha.monitor', 'pgha.attach'].some((key) => event.affectsConfiguration(key));
}

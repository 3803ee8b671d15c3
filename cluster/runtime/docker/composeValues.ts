/** Compose values turned into what the Docker Engine API wants: durations, byte sizes, restart policies, healthchecks, env files. */
import type { ContainerCreateOptions } from 'dockerode';
import type { HealthcheckModel } from '../../../core/model/topology';
import { ClusterError } from '../errors';

export function restartPolicy(restart: string | undefined): { Name: string; MaximumRetryCount?: number } {
  if (!restart || restart === 'no') return { Name: 'no' };
  const onFailure = /^on-failure(?::(\d+))?$/.exec(restart);
  if (onFailure) return { Name: 'on-failure', MaximumRetryCount: Number(onFailure[1] ?? 0) };
  return { Name: restart };
}

/** Compose durations ("1m30s", "500ms", "10s") in nanoseconds, as the Engine API wants them. */
export function durationNs(text: string | undefined): number | undefined {
  if (!text) return undefined;
  const units: Record<string, number> = { h: 3600e9, m: 60e9, s: 1e9, ms: 1e6, us: 1e3, ns: 1 };
  let total = 0;
  let matched = '';
  for (const part of text.matchAll(/(\d+(?:\.\d+)?)(h|ms|m|s|us|ns)/g)) {
    total += Number(part[1]) * units[part[2]];
    matched += part[0];
  }
  return matched === text.replace(/\s+/g, '') && matched ? Math.round(total) : undefined;
}

/** Compose byte sizes ("256m", "1gb", "1024") in bytes. */
export function byteSize(text: string | undefined): number | undefined {
  const match = /^\s*(\d+(?:\.\d+)?)\s*([kmg]?)b?\s*$/i.exec(text ?? '');
  if (!match) return undefined;
  const unit = { '': 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3 }[match[2].toLowerCase() as '' | 'k' | 'm' | 'g'];
  return Math.round(Number(match[1]) * unit);
}

export function healthcheck(model: HealthcheckModel): NonNullable<ContainerCreateOptions['Healthcheck']> {
  if (model.disabled) return { Test: ['NONE'] };
  const test = typeof model.test === 'string' ? ['CMD-SHELL', model.test] : model.test;
  return {
    Test: test,
    Interval: durationNs(model.interval),
    Timeout: durationNs(model.timeout),
    Retries: model.retries,
    StartPeriod: durationNs(model.startPeriod),
  };
}

/** KEY=VALUE lines of env files (comments and blanks skipped; optional quotes removed). */
export function readEnvFiles(files: string[], readFile: (file: string) => string | undefined, service: string, fileName: string): Record<string, string> {
  const env: Record<string, string> = {};
  for (const file of files) {
    const text = readFile(file);
    if (text === undefined) {
      throw new ClusterError('invalid-topology', `env_file ${file} of service '${service}' (${fileName}) does not exist; create it or remove the env_file entry.`);
    }
    for (const line of text.split(/\r?\n/)) {
      const match = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_.-]*)\s*=\s*(.*)$/.exec(line);
      if (!match || line.trim().startsWith('#')) continue;
      env[match[1]] = match[2].replace(/^(['"])(.*)\1$/, '$2');
    }
  }
  return env;
}

import type { EffectiveSetting } from './includes';
import type { PriorSetting } from './recoveryTargetTime';

/**
 * What earlier lines set, as PostgreSQL has applied it by the time it reaches a given line: it applies the
 * lines in order and skips a line when the same spelling of the name comes again later. Looked up only by
 * the few checks that depend on other settings, so each lookup walks back from the line.
 */
export function priorSettings(settings: readonly EffectiveSetting[]): (index: number) => PriorSetting {
  const lastByName = new Map<string, number>();
  settings.forEach((entry, i) => lastByName.set(entry.setting.name, i));
  return (index) => (key) => {
    for (let j = index - 1; j >= 0; j--) {
      const setting = settings[j].setting;
      if (setting.key === key && lastByName.get(setting.name) === j) return setting.value;
    }
    return undefined;
  };
}

import * as fs from 'fs';
import { dataPath } from '../../util/packageRoot';

export interface Recommendation {
  value: string;
  note?: string;
}

/**
 * The recommended value the seed document gives for a parameter (data/recommendations.json).
 * Read on demand: hovers are rare and the file is small, so no cache to invalidate.
 */
export function readRecommendation(name: string, file: string = safeDataPath()): Recommendation | undefined {
  try {
    const all = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, Recommendation | undefined>;
    const found = all[name.toLowerCase()] ?? Object.entries(all).find(([key]) => key.toLowerCase() === name.toLowerCase())?.[1];
    return found && typeof found.value === 'string' ? found : undefined;
  } catch {
    return undefined; // missing or malformed file: hover simply omits the recommendation
  }
}

function safeDataPath(): string {
  try {
    return dataPath('recommendations.json');
  } catch {
    return '';
  }
}

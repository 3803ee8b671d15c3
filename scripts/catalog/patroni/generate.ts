/**
 * `npm run catalog:patroni` — regenerates data/patroni-catalog.json from the installed Patroni (Debian bookworm's
 * `patroni` package, 3.0.2; provisioned by .ci/provision/10-apt.sh): dump.py reads the validator schema behind
 * `patroni --validate-config`, the dynamic defaults, the PostgreSQL parameters Patroni passes on the command line
 * (accepted values probed through Patroni's own checks) and the PATRONI_* variables it reads (found by setting
 * each candidate and watching where it lands). Descriptions are ours: language/formats/patroni/descriptions.ts.
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Debian's interpreter: the one the patroni package installs its modules for (a pyenv python3 on PATH has none). */
export const PATRONI_PYTHON = '/usr/bin/python3';

const root = join(__dirname, '..', '..', '..');
const json = execFileSync(PATRONI_PYTHON, [join(__dirname, 'dump.py')], { encoding: 'utf8', maxBuffer: 16 << 20 });
const catalog = JSON.parse(json) as { version: string; environment: Record<string, unknown> };
const out = join(root, 'data', 'patroni-catalog.json');
writeFileSync(out, JSON.stringify(catalog) + '\n');
console.log(`patroni ${catalog.version}: ${Object.keys(catalog.environment).length} environment variables -> ${out}`);

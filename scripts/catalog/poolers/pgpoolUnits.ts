/**
 * `npm run catalog:pgpool-units` — adds to data/pgpool-catalog.json what `PGPOOL SHOW ALL` cannot tell, from the
 * real pgpool's verdicts (the pooler oracle) on probe files, per version line:
 * - the unit of each integer: `name = '-1min'` is refused as "outside the valid range" with the value in the
 *   setting's own unit (-60 → s, -60000 → ms, -1 → min) or as an invalid value (no time unit); `'-1kB'` the same
 *   for memory (-1024 → B, -1 → kB);
 * - the numbered watchdog families SHOW ALL lists only when a watchdog is configured (hostname<n>, wd_port<n>…):
 *   a family pgpool knows refuses `<name>3x` ("invalid index value"); an integer one refuses free text, and states
 *   its range for a negative number.
 * - the index bound of each numbered family: `<name>100000` is refused with the range pgpool checks, "(0 .. N)";
 *   N itself passes that check though it is one past pgpool's arrays: a string family crashes there (exit status
 *   139), an integer one writes past the end and loads.
 *   --version L (repeatable) limits the run to those lines.
 */
import { writeFileSync } from 'node:fs';
import { dataPath } from '../../../core/packageRoot';
import { loadPoolerCatalog, settingsOf, type SettingFacts } from '../../../language/catalog/poolerCatalog';
import { startJudge, type PoolerJudge } from '../../differential/poolers/oracle';
import { buildPoolerCatalog, serializePoolerCatalog, type VersionFacts } from './catalogFile';
import { complaintAbout, pgpoolFile } from './pgpoolProbe';

/** Numbered watchdog settings of one release line or another (pgpool 4.1 names and 4.2+ names). */
const FAMILY_CANDIDATES = [
  'hostname', 'wd_port', 'pgpool_port', 'heartbeat_hostname', 'heartbeat_port', 'heartbeat_device',
  'other_pgpool_hostname', 'other_pgpool_port', 'other_wd_port', 'heartbeat_destination', 'heartbeat_destination_port',
];

const UNIT_OF: Record<string, Record<string, string>> = { min: { '-60': 's', '-60000': 'ms', '-1': 'min' }, kB: { '-1024': 'B', '-1': 'kB' } };

async function judgeLines(judge: PoolerJudge, lines: string[]): Promise<string[][]> {
  return (await judge.judge(lines.map((line) => pgpoolFile([line])))).map((verdict) => verdict.lines);
}

async function units(judge: PoolerJudge, settings: Map<string, SettingFacts>): Promise<void> {
  // pgpool 4.1 reads integers with atoi: '-1min' is -1 to it, not a unit; only a version refusing '1x' has units.
  const [strict] = await judge.judge([pgpoolFile(["max_pool = '1x'"])]);
  if (strict.valid) {
    for (const [name, facts] of settings) if (facts.unit) settings.set(name, { ...facts, unit: undefined });
    return;
  }
  const ints = [...settings].filter(([name, facts]) => facts.type === 'int' && !['port', 'backend_port<n>'].includes(name));
  const probes = ['-1min', '-1kB'];
  const names = ints.map(([name]) => name.replace('<n>', '0'));
  const verdicts = await judgeLines(judge, names.flatMap((name) => probes.map((p) => `${name} = '${p}'`)));
  ints.forEach(([name, facts], i) => {
    probes.forEach((probe, p) => {
      const found = verdicts[i * probes.length + p].map((line) => /^FATAL:\s+(-?\d+) is outside the valid range/.exec(line)?.[1]).find(Boolean);
      const unit = found && UNIT_OF[probe.slice(2)][found];
      if (unit) settings.set(name, { ...facts, unit });
    });
  });
}

async function families(judge: PoolerJudge, settings: Map<string, SettingFacts>): Promise<void> {
  const missing = FAMILY_CANDIDATES.filter((name) => !settings.has(`${name}<n>`));
  const verdicts = await judge.judge(missing.flatMap((name) => [`${name}3x = '1'`, `${name}0 = 'pgha_probe'`, `${name}0 = '-2147483647'`].map((line) => pgpoolFile([line]))));
  missing.forEach((name, i) => {
    const [index, text, low] = verdicts.slice(i * 3, i * 3 + 3);
    if (!index.lines.some((line) => line.includes('invalid index value'))) return;
    const range = complaintAbout(low, `${name}0`);
    const refused = complaintAbout(text, `${name}0`).refused;
    const facts: SettingFacts = refused || range.min !== undefined ? { type: 'int', min: range.min, max: range.max, indexed: true } : { type: 'string', indexed: true };
    settings.set(`${name}<n>`, facts);
  });
}

/** A value the family takes, so that only the index decides the verdict. */
function validValue(name: string, facts: SettingFacts): string {
  if (facts.type === 'int' || facts.type === 'real') return String(facts.default && facts.default !== '' ? facts.default : (facts.min ?? 1));
  return name === 'backend_flag<n>' ? "'ALLOW_TO_FAILOVER'" : "'pgha_probe'";
}

async function indexBounds(judge: PoolerJudge, settings: Map<string, SettingFacts>): Promise<void> {
  const numbered = [...settings].filter(([name]) => name.endsWith('<n>'));
  const line = (name: string, facts: SettingFacts, index: number) => `${name.slice(0, -3)}${index} = ${validValue(name, facts)}`;
  const far = await judgeLines(judge, numbered.map(([name, facts]) => line(name, facts, 100000)));
  const bounds = far.map((lines) => Number(lines.map((l) => /index outside the valid range for parameter .* \(0 \.\. (\d+)\)/.exec(l)?.[1]).find(Boolean) ?? NaN));
  const atBound = await judge.judge(numbered.map(([name, facts], i) => pgpoolFile([line(name, facts, bounds[i])])));
  numbered.forEach(([name, facts], i) => {
    if (Number.isNaN(bounds[i])) return;
    settings.set(name, { ...facts, indexMax: bounds[i], crashAtIndexMax: atBound[i].exitStatus === 139 || undefined });
  });
}

async function main(): Promise<void> {
  const path = dataPath('pgpool-catalog.json');
  const file = loadPoolerCatalog('pgpool');
  const asked = process.argv.flatMap((arg, i) => (arg === '--version' ? [process.argv[i + 1]] : []));
  const data: Record<string, VersionFacts> = {};
  for (const [line, from] of Object.entries(file.generatedFrom)) {
    const settings = settingsOf(file, line);
    if (!asked.length || asked.includes(line)) {
      const judge = await startJudge('pgpool', line, { containers: 2, timeoutMs: 30_000 });
      try {
        await units(judge, settings);
        await families(judge, settings);
        await indexBounds(judge, settings);
      } finally {
        await judge.close();
      }
      console.log(`catalog:pgpool-units [${line}] ${[...settings.values()].filter((f) => f.unit).length} integers with units, ${[...settings.values()].filter((f) => f.indexed).length} numbered families`);
    }
    data[line] = { version: from.version, package: from.package, suite: from.suite, settings, extras: file.extras[line] };
  }
  const rebuilt = buildPoolerCatalog('pgpool', data, file.renames);
  // settingsCount stays what PGPOOL SHOW ALL listed.
  for (const line of Object.keys(rebuilt.generatedFrom)) rebuilt.generatedFrom[line].settingsCount = file.generatedFrom[line].settingsCount;
  writeFileSync(path, serializePoolerCatalog(rebuilt));
}

main().catch((error) => {
  console.error(error instanceof Error ? error.stack : String(error));
  process.exitCode = 1;
});

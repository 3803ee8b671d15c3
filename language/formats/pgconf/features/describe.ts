import type { GucContext, Major, ParameterInfo, ParameterRecord, ParameterVariant } from '../../../catalog/types';
import { docsUrl } from './docsLink';
import type { Recommendation } from './recommendations';
import { describeAmount } from './units';

const CONTEXT_TEXT: Record<GucContext, string> = {
  internal: 'read-only: fixed when PostgreSQL was built or initialized, cannot be set here',
  postmaster: 'needs a server restart',
  sighup: 'takes effect on reload (`pg_ctl reload` / `SELECT pg_reload_conf()`)',
  'superuser-backend': 'takes effect on reload, for new sessions only',
  backend: 'takes effect on reload, for new sessions only',
  superuser: 'takes effect on reload; superusers can also change it per session',
  user: 'takes effect on reload; any user can also change it per session',
};

/** Short form for completion details. */
export function contextShort(context: GucContext): string {
  if (context === 'postmaster') return 'restart';
  if (context === 'internal') return 'read-only';
  return 'reload';
}

export function contextText(context: GucContext): string {
  return CONTEXT_TEXT[context] ?? context;
}

/** 13,14,15,17 → "13–15, 17". */
export function majorsText(majors: readonly Major[]): string {
  const runs: string[] = [];
  let start = majors[0];
  for (let i = 1; i <= majors.length; i++) {
    if (majors[i] !== majors[i - 1] + 1) {
      const end = majors[i - 1];
      runs.push(start === end ? `${start}` : `${start}–${end}`);
      start = majors[i];
    }
  }
  return runs.join(', ');
}

/** The built-in default in human units: `16384 × 8kB = 128MB`, `on`, `'%m [%p] '`. */
export function defaultText(info: ParameterVariant): string {
  const boot = info.bootVal;
  if (info.vartype === 'integer' || info.vartype === 'real') {
    const n = Number(boot);
    return Number.isFinite(n) && boot.trim() !== '' ? describeAmount(n, info.unit) : boot;
  }
  if (info.vartype === 'string') return boot === '' ? "'' (empty)" : `'${boot.replace(/'/g, "''")}'`;
  return boot;
}

export function rangeText(info: ParameterInfo): string | undefined {
  if (info.min === undefined || info.max === undefined) return undefined;
  return `${describeAmount(info.min, info.unit, true)} … ${describeAmount(info.max, info.unit, true)}`;
}

export function typeText(info: ParameterVariant): string {
  return info.unit ? `${info.vartype} (${info.unit})` : info.vartype;
}

/** What a completion list shows first: type and when it applies (the default comes with resolve). */
export function parameterShortDetail(info: ParameterVariant): string {
  return `${typeText(info)} · ${contextShort(info.context)}`;
}

/** One-line completion detail: type, default and when it applies. */
export function parameterDetail(info: ParameterVariant): string {
  return `${typeText(info)} · default ${defaultText(info)} · ${contextShort(info.context)}`;
}

const code = (text: string) => '`' + text.replace(/`/g, "'") + '`';

/** Everything we know about a parameter, as hover/completion markdown. */
export function parameterMarkdown(info: ParameterInfo, recommendation?: Recommendation): string {
  const lines: string[] = [`**${info.name}** — ${typeText(info)} · PostgreSQL ${info.major}`, ''];
  if (info.description) lines.push(info.description, '');
  const rows: [string, string][] = [['Default', code(defaultText(info))]];
  const range = rangeText(info);
  if (range) rows.push(['Range', code(range)]);
  if (info.enumvals?.length) rows.push(['Allowed values', info.enumvals.map(code).join(', ')]);
  if (info.buildEnumvals?.length) rows.push(['Build-dependent values', `${info.buildEnumvals.map(code).join(', ')} (only when PostgreSQL was built with them)`]);
  if (info.hiddenEnumvals?.length) rows.push(['Also accepted', `${info.hiddenEnumvals.map(code).join(', ')} (legacy aliases)`]);
  rows.push(['Applies', contextText(info.context)]);
  rows.push(['Exists in', `PostgreSQL ${majorsText(info.majors)}`]);
  if (recommendation) rows.push(['Recommended', `${code(recommendation.value)}${recommendation.note ? ` — ${recommendation.note}` : ''}`]);
  lines.push('| | |', '|---|---|', ...rows.map(([k, v]) => `| ${k} | ${v.replace(/\|/g, '\\|')} |`), '');
  lines.push(`[PostgreSQL ${info.major} documentation](${docsUrl(info.name, info.category, info.major)})`);
  return lines.join('\n');
}

/** For a name the target major lacks but another major has. */
export function missingInMajorMarkdown(record: ParameterRecord, major: Major): string {
  const last = record.majors[record.majors.length - 1];
  const info = record.variants[last];
  const when = record.majors[0] > major ? `added in PostgreSQL ${record.majors[0]}` : `removed after PostgreSQL ${last}`;
  return [
    `**${record.name}** — not a parameter of PostgreSQL ${major} (${when}; exists in ${majorsText(record.majors)})`,
    '',
    `[PostgreSQL ${last} documentation](${docsUrl(record.name, info?.category, last)})`,
  ].join('\n');
}

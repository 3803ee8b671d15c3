import * as fs from 'fs';
import * as path from 'path';
import { REALWORLD_DIR, type Finding } from './corpus';

/** One judged warning or error: would an experienced DBA agree with this squiggle in this file? */
export interface Verdict {
  path: string;
  line: number;
  code: string;
  verdict: 'TRUE' | 'FALSE';
  reason: string;
}

export const VERDICTS_FILE = path.join(REALWORLD_DIR, 'verdicts.json');

export function loadVerdicts(file = VERDICTS_FILE): Verdict[] {
  return JSON.parse(fs.readFileSync(file, 'utf8')) as Verdict[];
}

const keyOf = (x: { path: string; line: number; code: string }) => `${x.path}:${x.line} ${x.code}`;

export interface CodePrecision {
  code: string;
  right: number;
  wrong: number;
}

export interface Comparison {
  /** Warnings and errors judged FALSE that the checker still reports. */
  falseReported: Array<Finding & { reason: string }>;
  /** Findings judged TRUE that are no longer reported as a warning or error. */
  trueLost: Verdict[];
  /** Warnings and errors nobody judged yet. */
  unjudged: Finding[];
  /** Per code, over the warnings and errors reported now. */
  perCode: CodePrecision[];
  right: number;
  wrong: number;
}

/** Compares the warnings and errors of a run with the verdicts; information and hints are not judged. */
export function compare(findings: Finding[], verdicts: Verdict[]): Comparison {
  const byKey = new Map(verdicts.map((v) => [keyOf(v), v]));
  const judged = findings.filter((f) => f.severity === 'error' || f.severity === 'warning');
  const reported = new Set(judged.map(keyOf));
  const result: Comparison = { falseReported: [], trueLost: [], unjudged: [], perCode: [], right: 0, wrong: 0 };
  const perCode = new Map<string, CodePrecision>();
  for (const finding of judged) {
    const verdict = byKey.get(keyOf(finding));
    if (!verdict) {
      result.unjudged.push(finding);
      continue;
    }
    const entry = perCode.get(finding.code) ?? { code: finding.code, right: 0, wrong: 0 };
    perCode.set(finding.code, entry);
    if (verdict.verdict === 'TRUE') entry.right++;
    else {
      entry.wrong++;
      result.falseReported.push({ ...finding, reason: verdict.reason });
    }
  }
  result.trueLost = verdicts.filter((v) => v.verdict === 'TRUE' && !reported.has(keyOf(v)));
  result.perCode = [...perCode.values()].sort((a, b) => b.right + b.wrong - (a.right + a.wrong) || a.code.localeCompare(b.code));
  result.right = result.perCode.reduce((n, c) => n + c.right, 0);
  result.wrong = result.perCode.reduce((n, c) => n + c.wrong, 0);
  return result;
}

const percent = (right: number, wrong: number) => (right + wrong ? `${Math.round((100 * right) / (right + wrong))} %` : '—');

/** The report `npm run test:realworld` prints. */
export function formatReport(c: Comparison, files: number): string {
  const lines = [`real-world corpus: ${files} files checked; warnings and errors judged: ${c.right + c.wrong} (${c.right} right, ${c.wrong} wrong), unjudged: ${c.unjudged.length}`, ''];
  lines.push(`${'code'.padEnd(42)}${'TRUE'.padStart(6)}${'FALSE'.padStart(7)}${'precision'.padStart(11)}`);
  for (const p of c.perCode) lines.push(`${p.code.padEnd(42)}${String(p.right).padStart(6)}${String(p.wrong).padStart(7)}${percent(p.right, p.wrong).padStart(11)}`);
  lines.push(`${'all warnings and errors'.padEnd(42)}${String(c.right).padStart(6)}${String(c.wrong).padStart(7)}${percent(c.right, c.wrong).padStart(11)}`, '');
  for (const f of c.falseReported) lines.push(`FALSE still reported: ${f.path}:${f.line} ${f.code} — ${f.reason}`);
  for (const v of c.trueLost) lines.push(`TRUE lost: ${v.path}:${v.line} ${v.code} — ${v.reason}`);
  for (const f of c.unjudged) lines.push(`unjudged: ${f.path}:${f.line} ${f.code} (${f.severity}) ${f.message}`);
  return lines.join('\n');
}

export function passed(c: Comparison): boolean {
  return c.falseReported.length === 0 && c.trueLost.length === 0 && c.unjudged.length === 0;
}

import { FoldingRangeKind, type FoldingRange } from 'vscode-languageserver-types';
import type { CommentNode } from '../ast';
import type { PgconfFeatureInput } from './input';
import { categoryOf } from './symbols';

const RULE = /^#\s*-{8,}\s*$/;
const SUBSECTION = /^#\s*-\s+\S.*\s-\s*$/;

/**
 * Comment blocks, the sample file's section headers (`#---` / `# TITLE` / `#---` and `# - Sub -`),
 * and runs of settings of one catalog category.
 */
export function pgconfFolding(input: PgconfFeatureInput): FoldingRange[] {
  const ranges = new Map<number, FoldingRange>();
  const add = (range: FoldingRange) => {
    if (range.endLine > range.startLine && !ranges.has(range.startLine)) ranges.set(range.startLine, range);
  };
  const comments = input.parsed.nodes.filter((n): n is CommentNode => n.kind === 'comment');
  const lastContent = lastContentLineBefore(input);

  // Sections: from the header's first rule to the last content line before the next header.
  const sections = comments.filter((c, i) => RULE.test(c.text.trim()) && comments[i + 2]?.line === c.line + 2 && RULE.test(comments[i + 2].text.trim()));
  sections.forEach((header, i) => {
    const next = sections[i + 1]?.line ?? input.parsed.lineCount;
    add({ startLine: header.line, endLine: lastContent(next), kind: FoldingRangeKind.Region });
  });
  const subsections = comments.filter((c) => SUBSECTION.test(c.text.trim()));
  subsections.forEach((sub, i) => {
    const nextSection = sections.find((s) => s.line > sub.line)?.line ?? input.parsed.lineCount;
    const next = Math.min(subsections[i + 1]?.line ?? input.parsed.lineCount, nextSection);
    add({ startLine: sub.line, endLine: lastContent(next), kind: FoldingRangeKind.Region });
  });

  // Comment blocks of two or more consecutive lines.
  for (let i = 0; i < comments.length; ) {
    let j = i;
    while (j + 1 < comments.length && comments[j + 1].line === comments[j].line + 1) j++;
    add({ startLine: comments[i].line, endLine: comments[j].line, kind: FoldingRangeKind.Comment });
    i = j + 1;
  }

  // Category groups: consecutive settings (comments and blank lines between allowed) sharing a category.
  const settings = input.parsed.settings;
  for (let i = 0; i < settings.length; ) {
    const category = categoryOf(input, settings[i]);
    let j = i;
    while (j + 1 < settings.length && categoryOf(input, settings[j + 1]) === category) j++;
    add({ startLine: settings[i].line, endLine: settings[j].range.end.line });
    i = j + 1;
  }
  return [...ranges.values()].sort((a, b) => a.startLine - b.startLine);
}

/** For "fold up to the next header": the last line before `limit` that is not blank. */
function lastContentLineBefore(input: PgconfFeatureInput): (limit: number) => number {
  return (limit) => {
    let line = Math.min(limit, input.parsed.lineCount) - 1;
    while (line > 0 && input.doc.getText({ start: { line, character: 0 }, end: { line: line + 1, character: 0 } }).trim() === '') line--;
    return line;
  };
}

import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import { makeDiagnostic } from '../diagnostics';

/** Diagnostics an editor is sent per document at most: a huge file of bad lines cannot flood the server or the editor. */
export const MAX_DIAGNOSTICS_PER_DOCUMENT = 1000;

/** The first `max` diagnostics (most severe first), then one information saying how many more there are. */
export function capDiagnostics(diagnostics: Diagnostic[], max = MAX_DIAGNOSTICS_PER_DOCUMENT): Diagnostic[] {
  if (diagnostics.length <= max) return diagnostics;
  const rank = (d: Diagnostic) => d.severity ?? DiagnosticSeverity.Error;
  const kept = diagnostics
    .map((d, index) => ({ d, index }))
    .sort((a, b) => rank(a.d) - rank(b.d) || a.index - b.index)
    .slice(0, max)
    .sort((a, b) => a.index - b.index)
    .map(({ d }) => d);
  const more = diagnostics.length - max;
  const last = kept[kept.length - 1].range;
  kept.push(
    makeDiagnostic({
      range: { start: last.start, end: last.start },
      severity: 'information',
      code: 'pgha/too-many-diagnostics',
      message: `and ${more} more finding${more === 1 ? '' : 's'} not shown (${max} per file are shown; run \`pgha check\` on the file to see them all)`,
    }),
  );
  return kept;
}

import * as assert from 'node:assert/strict';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import { capDiagnostics } from '../../../language/service/capDiagnostics';

const at = (line: number, severity: DiagnosticSeverity): Diagnostic => ({
  range: { start: { line, character: 0 }, end: { line, character: 1 } },
  severity,
  message: `line ${line}`,
});

describe('capDiagnostics', () => {
  it('leaves a list within the cap as it is', () => {
    const list = [at(0, DiagnosticSeverity.Error)];
    assert.deepEqual(capDiagnostics(list, 1), [at(0, DiagnosticSeverity.Error)]);
  });

  it('keeps the most severe first, in document order, then says how many more there are', () => {
    const list = [at(0, DiagnosticSeverity.Warning), at(1, DiagnosticSeverity.Error), at(2, DiagnosticSeverity.Warning), at(3, DiagnosticSeverity.Error)];
    const capped = capDiagnostics(list, 3);
    assert.deepEqual(capped.slice(0, 3).map((d) => d.message), ['line 0', 'line 1', 'line 3']);
    assert.equal(capped.length, 4);
    assert.equal(capped[3].severity, DiagnosticSeverity.Information);
    assert.match(capped[3].message, /^and 1 more finding not shown/);
  });

  it('caps 100,000 findings at 1,000 plus one', () => {
    const list = Array.from({ length: 100_000 }, (_, i) => at(i, DiagnosticSeverity.Error));
    const capped = capDiagnostics(list);
    assert.equal(capped.length, 1001);
    assert.match(capped[1000].message, /^and 99000 more findings/);
  });
});

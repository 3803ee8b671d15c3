import * as assert from 'assert';
import type { ComposeDiagnosticData } from '../../../../../language/formats/compose/codes';
import { reservedConnectionsProblem } from '../../../../../language/formats/pgconf/crossChecks';
import { fixtureDoc, service } from '../helpers';

describe('compose/rules/limits: reserved connections on the command line', () => {
  const ls = service();
  const doc = fixtureDoc('rules/reserved-connections.yaml');
  const diagnostics = ls.getDiagnostics(doc).filter((d) => d.code === 'compose/reserved-connections');

  it('quotes the values like the postgresql.conf rule and offers the smallest max_connections that starts', () => {
    assert.deepStrictEqual(diagnostics.map((d) => (d.data as ComposeDiagnosticData).service), ['tiny', 'reserved16', 'old_major']);
    assert.match(diagnostics[0].message, /^superuser_reserved_connections \(3\) plus reserved_connections \(0\) must be less than max_connections \(2\) on "tiny"/);
    assert.match(diagnostics[2].message, /^superuser_reserved_connections \(9\) must be less than max_connections \(9\) on "old_major"/);
    const fixes = diagnostics.map((d) => ls.getCodeActions(doc, d.range, { diagnostics: [d] })[0]?.edit?.changes?.[doc.uri]?.[0].newText);
    assert.deepStrictEqual(fixes, ['4', '9', '10']);
  });

  it('shares its thresholds with pgconf/reserved-connections (reserved_connections counts from 16 on)', () => {
    const values = (v: Record<string, string>) => (name: string) => v[name] ?? '';
    const settings = values({ max_connections: '5', superuser_reserved_connections: '3', reserved_connections: '2' });
    assert.strictEqual(reservedConnectionsProblem(settings, 15), undefined);
    assert.strictEqual(reservedConnectionsProblem(settings, 16)?.minMaxConnections, 6);
    assert.strictEqual(reservedConnectionsProblem(values({ max_connections: '2x', superuser_reserved_connections: '3' }), 15), undefined, 'non-integers are left to the value checks');
  });
});

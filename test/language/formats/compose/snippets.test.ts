import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { service, textDoc } from './helpers';

/** Snippet bodies with every placeholder at its default, as VS Code inserts them. */
function expand(body: string[], indent = ''): string {
  return body
    .map((line) => indent + line)
    .join('\n')
    .replace(/\$\{\d+:([^}]*)\}/g, '$1')
    .replace(/\$\{\d+\|([^,|]*)[^}]*\}/g, '$1')
    .replace(/\$0/g, '')
    .replace(/\\\$/g, '$');
}

describe('compose snippets', () => {
  const snippets = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../../../snippets/compose.json'), 'utf8')) as Record<string, { prefix: string[]; body: string[] }>;
  const ls = service();
  const stack = expand(snippets['PostgreSQL primary + replica (hardened)'].body);

  it('the hardened stack (the seed, fixed) has no findings at all', () => {
    const doc = textDoc(stack);
    assert.deepStrictEqual(ls.getDiagnostics(doc).map((d) => `${d.range.start.line + 1} ${d.code}: ${d.message}`), []);
    const topology = ls.getTopology(doc)!;
    assert.deepStrictEqual(topology.edges, [{ from: 'postgres_primary', to: 'postgres_replica', slot: 'replica_1_slot' }]);
  });

  it('an extra replica and a PgBouncer service fit into the stack', () => {
    const extra = expand(snippets['PostgreSQL streaming replica'].body, '  ') + '\n' + expand(snippets['PgBouncer pooler'].body, '  ');
    const doc = textDoc(stack.replace('\nconfigs:', `\n${extra}\nconfigs:`).replace('volumes:\n  primary_data:', 'volumes:\n  postgres_replica_2_data:\n  primary_data:'));
    const codes = ls.getDiagnostics(doc).map((d) => String(d.code));
    // The replica snippet says so in its comment: its slot still has to be created on the primary.
    assert.deepStrictEqual(codes, ['compose/slot-not-created']);
    const roles = ls.getTopology(doc)!.services.map((s) => [s.name, s.role]);
    assert.deepStrictEqual(roles, [
      ['postgres_primary', 'primary'],
      ['postgres_replica', 'replica'],
      ['postgres_replica_2', 'replica'],
      ['pgbouncer', 'pooler'],
    ]);
  });
});

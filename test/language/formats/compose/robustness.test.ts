import * as assert from 'assert';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { generateComposeFile } from '../../../../scripts/bench/composeFixture';
import { fixtureDoc, service } from './helpers';

/** A small deterministic PRNG so failures reproduce. */
function random(seed: number) {
  let s = seed >>> 0;
  return (n: number) => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s % n;
  };
}

describe('compose robustness', () => {
  const sources = ['seed/docker-compose.yml', 'rules/replication.yaml', 'rules/yaml.yaml', 'rules/settings.yaml'].map((f) => fixtureDoc(f));

  it('survives half-typed and broken YAML in every feature (never throws)', () => {
    const ls = service();
    const next = random(42);
    const junk = ['', ':', '"', "'", '[', '{', '- ', '\t', '&', '*', '<<: *', '|', '>', '\n', '  ', '#', '-c ', '=', '%'];
    let checked = 0;
    for (let round = 0; round < 300; round++) {
      const base = sources[round % sources.length].getText();
      const cut = next(base.length);
      const text = round % 3 === 0 ? base.slice(0, cut) : base.slice(0, cut) + junk[next(junk.length)] + base.slice(cut + next(4));
      const doc = TextDocument.create(`file:///fuzz/${round}/compose.yaml`, 'dockercompose', 1, text);
      const position = doc.positionAt(next(text.length + 1));
      const diagnostics = ls.getDiagnostics(doc);
      ls.getCompletions(doc, position);
      ls.getHover(doc, position);
      ls.getDocumentSymbols(doc);
      ls.getCodeLenses(doc);
      ls.getTopology(doc);
      ls.getCodeActions(doc, { start: position, end: position }, { diagnostics });
      checked++;
    }
    assert.strictEqual(checked, 300);
  });

  it('gives the same results after edits as a fresh parse (incremental model re-use)', () => {
    const incremental = service();
    const next = random(7);
    let doc = TextDocument.create('file:///bench/compose.yaml', 'dockercompose', 1, generateComposeFile(40));
    for (let round = 0; round < 60; round++) {
      const text = doc.getText();
      const at = next(text.length);
      const insert = ['x', '\n', '', '  bench.extra: "1"\n', '#'][next(5)];
      const start = doc.positionAt(at);
      const end = doc.positionAt(at + (insert === '' ? 1 + next(3) : 0));
      doc = TextDocument.update(doc, [{ range: { start, end }, text: insert }], doc.version + 1);
      const fresh = service();
      const strip = (d: unknown) => JSON.stringify(d);
      assert.strictEqual(strip(incremental.getDiagnostics(doc)), strip(fresh.getDiagnostics(doc)), `round ${round}`);
      assert.strictEqual(strip(incremental.getTopology(doc)), strip(fresh.getTopology(doc)), `round ${round}`);
    }
  });
});

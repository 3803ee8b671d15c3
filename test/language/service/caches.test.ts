import * as assert from 'assert';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { BoundedCache } from '../../../language/service/boundedCache';
import { DocumentCache } from '../../../language/service/documentCache';
import { runSteps, type Steps } from '../../../language/service/steps';

describe('language service caches', () => {
  describe('BoundedCache', () => {
    it('evicts the least recently used entries past the entry count', () => {
      const cache = new BoundedCache<string, number>({ entries: 2, weight: 1_000 });
      cache.set('a', 1, 1);
      cache.set('b', 2, 1);
      assert.strictEqual(cache.get('a'), 1); // a is now the most recently used
      cache.set('c', 3, 1);
      assert.deepStrictEqual([cache.get('a'), cache.get('b'), cache.get('c')], [1, undefined, 3]);
    });

    it('evicts by weight, but never the entry just set however heavy', () => {
      const cache = new BoundedCache<string, string>({ entries: 10, weight: 100 });
      cache.set('small1', 's', 40);
      cache.set('small2', 's', 40);
      cache.set('huge', 'h', 500);
      assert.deepStrictEqual([cache.size, cache.weight, cache.get('huge')], [1, 500, 'h']);
      cache.set('small3', 's', 40);
      assert.deepStrictEqual([cache.size, cache.weight, cache.get('huge')], [1, 40, undefined]);
    });

    it('frees an entry and its weight on delete, and replaces an entry set again', () => {
      const cache = new BoundedCache<string, number>({ entries: 10, weight: 1_000 });
      cache.set('a', 1, 30);
      cache.set('a', 2, 50);
      assert.deepStrictEqual([cache.size, cache.weight, cache.get('a')], [1, 50, 2]);
      cache.delete('a');
      cache.delete('never-set');
      assert.deepStrictEqual([cache.size, cache.weight, cache.get('a')], [0, 0, undefined]);
    });
  });

  describe('DocumentCache', () => {
    const doc = (uri: string, version: number, text: string) => TextDocument.create(uri, 'plaintext', version, text);

    it('parses once per version, handing the parse the previous version of the same document', () => {
      const calls: [string, string | undefined][] = [];
      const cache = new DocumentCache<string>((d, previous) => (calls.push([d.getText(), previous]), `parsed ${d.getText()}`));
      const v1 = doc('file:///a', 1, 'one');
      assert.strictEqual(cache.get(v1), 'parsed one');
      assert.strictEqual(cache.get(v1), 'parsed one');
      assert.strictEqual(cache.get(doc('file:///a', 2, 'two')), 'parsed two');
      // Same version, other text (tests and the CLI re-create documents at version 0): parsed again.
      assert.strictEqual(cache.get(doc('file:///a', 2, 'three')), 'parsed three');
      assert.deepStrictEqual(calls, [
        ['one', undefined],
        ['two', 'parsed one'],
        ['three', 'parsed two'],
      ]);
    });

    it('forgets a deleted document: its next parse starts from nothing', () => {
      const previous: (string | undefined)[] = [];
      const cache = new DocumentCache<string>((d, p) => (previous.push(p), d.getText()));
      cache.get(doc('file:///a', 1, 'one'));
      cache.get(doc('file:///b', 1, 'other'));
      cache.delete('file:///a');
      assert.strictEqual(cache.size, 1);
      cache.get(doc('file:///a', 2, 'two'));
      assert.deepStrictEqual(previous, [undefined, undefined, undefined]);
    });

    it('is bounded by the bytes of text behind its entries', () => {
      const cache = new DocumentCache<number>((d) => d.getText().length, { entries: 64, weight: 10_000 });
      for (let i = 0; i < 20; i++) cache.get(doc(`file:///big${i}`, 1, 'x'.repeat(2_000)));
      // 2,000 characters weigh 4,000 bytes: two fit, the newest always stays.
      assert.strictEqual(cache.size, 2);
    });

    it('builds in steps, stored only after the last one; a get meanwhile wins and the steps hand its value back', () => {
      const cache = new DocumentCache<{ text: string }>((d) => ({ text: `at once ${d.getText()}` }));
      const inSteps = function* (d: TextDocument, previous: { text: string } | undefined): Steps<{ text: string }> {
        yield;
        yield;
        return { text: `in steps ${d.getText()} after ${previous?.text}` };
      };
      const v1 = doc('file:///a', 1, 'one');
      const steps = cache.getInSteps(v1, inSteps);
      steps.next();
      assert.strictEqual(cache.size, 0, 'nothing stored halfway');
      assert.strictEqual(runSteps(steps).text, 'in steps one after undefined');
      assert.strictEqual(cache.get(v1).text, 'in steps one after undefined', 'stored by the last step');
      const v2 = doc('file:///a', 2, 'two');
      const second = cache.getInSteps(v2, inSteps);
      second.next();
      const meanwhile = cache.get(v2);
      assert.strictEqual(runSteps(second), meanwhile, 'the value features already saw');
      assert.strictEqual(runSteps(cache.getInSteps(v2, inSteps)), meanwhile, 'a current entry takes no steps');
    });
  });
});

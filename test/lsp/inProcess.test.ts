import * as assert from 'assert';
import { CancellationTokenSource, LSPErrorCodes, ResponseError, type Connection, type PublishDiagnosticsParams } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { sharedRangeList } from '../../language/service/completionList';
import { DiagnosticsScheduler } from '../../server/src/lsp/diagnosticsScheduler';
import { forClient, LeanLists } from '../../server/src/lsp/providers/completion';
import { safe } from '../../server/src/lsp/safe';

/** Server pieces whose behaviour does not need a process: scheduling, cancellation, completion defaults. */
describe('lsp server pieces (in process)', () => {
  describe('DiagnosticsScheduler', () => {
    /** A host whose idle() the test releases by hand, and a document store it edits. */
    function harness() {
      const docs = new Map<string, TextDocument>();
      const prepared: string[] = [];
      const computed: string[] = [];
      const published: PublishDiagnosticsParams[] = [];
      let release: (() => void)[] = [];
      const scheduler = new DiagnosticsScheduler({
        get: (uri) => docs.get(uri),
        steps: function* (doc) {
          prepared.push(`${doc.uri}@${doc.version}`);
          yield;
          computed.push(`${doc.uri}@${doc.version}`);
          return [];
        },
        publish: (p) => published.push(p),
        idle: () => new Promise<void>((resolve) => release.push(resolve)),
        error: (uri, error) => assert.fail(`${uri}: ${String(error)}`),
      });
      const edit = (uri: string, version: number) => {
        docs.set(uri, TextDocument.create(uri, 'plaintext', version, `v${version}`));
        scheduler.schedule(uri);
      };
      /** Lets the scheduler run until it waits again (one document per idle). */
      const idle = async () => {
        const waiting = release;
        release = [];
        waiting.forEach((resolve) => resolve());
        await new Promise((resolve) => setImmediate(resolve));
      };
      return { docs, prepared, computed, published, scheduler, edit, idle };
    }

    it('checks only the newest version of a burst, once', async () => {
      const h = harness();
      for (let v = 1; v <= 5; v++) h.edit('file:///a', v);
      await h.idle();
      assert.deepStrictEqual(h.prepared, ['file:///a@5']);
      assert.deepStrictEqual(h.computed, [], 'requests waiting after the model was built are answered first');
      await h.idle();
      assert.deepStrictEqual(h.computed, ['file:///a@5']);
      assert.deepStrictEqual(h.published.map((p) => p.version), [5]);
    });

    it('does not check a version that an edit made stale while requests were answered', async () => {
      const h = harness();
      h.edit('file:///a', 1);
      await h.idle();
      h.edit('file:///a', 2); // while requests are answered between building v1 and checking it
      await h.idle(); // v1 is stale: not checked
      await h.idle(); // v2 built
      await h.idle(); // v2 checked
      assert.deepStrictEqual(h.prepared, ['file:///a@1', 'file:///a@2']);
      assert.deepStrictEqual(h.computed, ['file:///a@2']);
    });

    it('checks one document at a time, the one edited last first', async () => {
      const h = harness();
      h.edit('file:///a', 1);
      h.edit('file:///b', 1);
      await h.idle();
      await h.idle();
      assert.deepStrictEqual(h.computed, ['file:///b@1']);
      await h.idle();
      await h.idle();
      assert.deepStrictEqual(h.computed, ['file:///b@1', 'file:///a@1']);
    });

    it('drops a document closed while it waited', async () => {
      const h = harness();
      h.edit('file:///a', 1);
      h.docs.delete('file:///a');
      h.scheduler.forget('file:///a');
      await h.idle();
      assert.deepStrictEqual(h.computed, []);
    });
  });

  describe('safe request handlers', () => {
    const connection = { console: { error: () => undefined } } as unknown as Connection;

    it('answers RequestCancelled without running the work when the client cancelled', () => {
      const source = new CancellationTokenSource();
      source.cancel();
      let ran = false;
      const answer = safe(connection, 'hover', () => (ran = true), null)({}, source.token);
      assert.ok(answer instanceof ResponseError);
      assert.strictEqual(answer.code, LSPErrorCodes.RequestCancelled);
      assert.strictEqual(ran, false);
    });

    it('answers the fallback when the work throws, and the result otherwise', () => {
      const source = new CancellationTokenSource();
      assert.strictEqual(safe(connection, 'hover', () => { throw new Error('bug'); }, null)({}, source.token), null);
      assert.strictEqual(safe(connection, 'hover', () => 42, null)({}, source.token), 42);
    });
  });

  describe('completion lists for the client', () => {
    const range = { start: { line: 0, character: 0 }, end: { line: 0, character: 2 } };
    const list = sharedRangeList([{ label: 'wal_level', textEditText: 'wal_level = ' }], range, { kind: 'pgconf', major: 17 });

    it('keeps itemDefaults for a client that reads them (as VS Code does)', () => {
      const vscode = { textDocument: { completion: { completionList: { itemDefaults: ['commitCharacters', 'editRange', 'insertTextFormat', 'insertTextMode', 'data'] } } } };
      const sent = forClient(list, vscode);
      assert.deepStrictEqual(sent.itemDefaults, { editRange: range, data: { kind: 'pgconf', major: 17 } });
      assert.deepStrictEqual(sent.items, [{ label: 'wal_level', textEditText: 'wal_level = ' }]);
    });

    it('writes them into each item for a client that does not', () => {
      const old = forClient(list, { textDocument: { completion: { completionList: { itemDefaults: ['editRange'] } } } });
      assert.deepStrictEqual(old.items, [{ label: 'wal_level', textEdit: { range, newText: 'wal_level = ' }, data: { kind: 'pgconf', major: 17 } }]);
    });

    it('leaves detail and documentation to resolve for a client that resolves them, once per shared list', () => {
      const items = [{ label: 'wal_level', detail: 'enum · restart', documentation: 'long', sortText: 'a', textEditText: 'wal_level = ' }];
      const shared = sharedRangeList(items, range, { kind: 'pgconf', major: 17 });
      const vscode = {
        textDocument: {
          completion: {
            completionItem: { resolveSupport: { properties: ['documentation', 'detail', 'additionalTextEdits'] } },
            completionList: { itemDefaults: ['editRange', 'data'] },
          },
        },
      };
      const lean = new LeanLists();
      const sent = forClient(shared, vscode, lean);
      assert.deepStrictEqual(sent.items, [{ label: 'wal_level', sortText: 'a', textEditText: 'wal_level = ' }]);
      assert.strictEqual(forClient(sharedRangeList(items, range, { kind: 'pgconf', major: 17 }), vscode, lean).items, sent.items, 'the lean copy is made once per list');
      const noResolve = { textDocument: { completion: { completionList: { itemDefaults: ['editRange', 'data'] } } } };
      assert.strictEqual(forClient(shared, noResolve, lean).items[0].detail, 'enum · restart', 'kept for a client that does not resolve detail');
      const unresolvable = { isIncomplete: false, items };
      assert.strictEqual(forClient(unresolvable, vscode, lean).items[0].detail, 'enum · restart', 'kept in lists without resolve data');
    });
  });
});

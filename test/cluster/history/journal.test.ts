/** The operation journal (atomic, bounded, knows a killed writer) and the failover log's safe points. */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ActionCancelledError, ActionLog, type ActionContext } from '../../../cluster/failover/context';
import { describeLeftover, journalPath, OperationJournal } from '../../../cluster/history/journal';

describe('operation journal', () => {
  let dir = '';
  beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pgha-journal-'))));
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('lives beside the history and is gone once the operation ends', () => {
    const file = path.join(dir, 'compose.yaml');
    const journal = OperationJournal.forProject('demo', file);
    assert.equal(journal.location, path.join(dir, '.pgha', 'demo.journal.json'));
    journal.begin('up', 'pgha up compose.yaml');
    journal.step('Creating container demo-primary-1');
    assert.deepEqual(journal.read()?.steps, ['Creating container demo-primary-1']);
    assert.equal(journal.leftover(), undefined, 'our own journal is not a leftover');
    journal.finish();
    assert.equal(fs.existsSync(journalPath('demo', file)), false);
    assert.equal(fs.existsSync(path.join(dir, '.pgha')), false, 'no temporary file, no empty folder is left');
  });

  it("reports a dead writer's journal as a leftover and a live one as running", () => {
    const location = path.join(dir, 'demo.journal.json');
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']).stdout.toString();
    const entry = { operation: 'promote', command: 'pgha promote c.yaml replica1', pid: Number(dead), startedAt: '2026-01-01T00:00:00.000Z', steps: ['stopping primary cleanly'], committed: true };
    fs.writeFileSync(location, JSON.stringify(entry));
    const journal = new OperationJournal(location);
    assert.deepEqual(journal.leftover(), entry);
    assert.equal(journal.running(), undefined);
    assert.equal(
      describeLeftover(entry),
      `The last \`pgha promote c.yaml replica1\` (pid ${dead}, started 2026-01-01T00:00:00.000Z) was interrupted at: stopping primary cleanly. ` +
        'It had passed its point of no return. Check the cluster with pgha status, then run the command again to finish it, or pgha rejoin for a former primary left stopped.',
    );
    fs.writeFileSync(location, JSON.stringify({ ...entry, pid: process.ppid }));
    assert.equal(journal.running()?.pid, process.ppid);
  });

  it('ignores broken, oversized and non-regular journals', () => {
    const location = path.join(dir, 'demo.journal.json');
    fs.writeFileSync(location, '{"operation": "up", "pi');
    assert.equal(new OperationJournal(location).read(), undefined);
    fs.writeFileSync(location, JSON.stringify({ operation: 'up', command: 'x', pid: 1, startedAt: 'now', steps: ['x'.repeat(70_000)] }));
    assert.equal(new OperationJournal(location).read(), undefined);
    fs.rmSync(location);
    fs.mkdirSync(location);
    assert.equal(new OperationJournal(location).read(), undefined);
  });
});

describe('failover log: safe points for a cancel', () => {
  const context = (signal: AbortSignal, journal: string[]): ActionContext => ({
    targets: [],
    control: {} as ActionContext['control'],
    signal,
    journal: { step: (m) => journal.push(m), commit: () => journal.push('(commit)') },
  });

  it('stops at the next step before the point of no return, and finishes after it', () => {
    const controller = new AbortController();
    const journal: string[] = [];
    const before = new ActionLog('promote replica1', context(controller.signal, journal));
    before.step('checked: replica1 is a replica');
    controller.abort();
    assert.throws(() => before.step('promoting replica1'), (error: Error) => error instanceof ActionCancelledError && /cancelled before it changed anything \(checks done: checked: replica1 is a replica\); the cluster is as it was/.test(error.message));
    assert.throws(() => before.commit(), ActionCancelledError);

    const fresh = new AbortController();
    const after = new ActionLog('promote replica1', context(fresh.signal, journal));
    after.commit();
    fresh.abort();
    after.step('promoting replica1');
    assert.deepEqual(after.steps, ['promoting replica1']);
    assert.deepEqual(journal, ['checked: replica1 is a replica', '(commit)', 'promoting replica1']);
  });

  it('keeps what the next command needs to settle a replica operation, and puts a leftover back', () => {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'pgha-journal-'));
    const location = path.join(folder, 'replica.journal.json');
    const journal = new OperationJournal(location);
    journal.begin('replica remove', 'pgha replica remove c.yaml replica3', { service: 'replica3', volumes: 'true' });
    journal.commit();
    const written = journal.read();
    assert.deepEqual([written?.detail, written?.committed], [{ service: 'replica3', volumes: 'true' }, true]);
    assert.match(describeLeftover(written!), /finishes the removal if it had begun/);
    const other = new OperationJournal(location);
    other.begin('sync', 'pgha sync c.yaml off');
    other.restore(written!);
    assert.deepEqual(new OperationJournal(location).read(), written);
    fs.rmSync(folder, { recursive: true, force: true });
  });
});

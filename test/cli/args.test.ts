import * as assert from 'node:assert/strict';
import { parseArgs, positiveNumber, type ParsedArgs } from '../../cli/args';

const spec = {
  options: { '--wait': {}, '--volumes': { aliases: ['-v'] }, '--timeout': { value: true }, '--connect': { value: true } },
  positional: { min: 1, max: 2 },
};
const parsed = (args: string[]): ParsedArgs => {
  const result = parseArgs(args, spec);
  assert.ok(typeof result !== 'string', String(result));
  return result;
};

describe('cli argument parser', () => {
  it('splits positional words, flags, aliases and valued options (both spellings, repeatable)', () => {
    const args = parsed(['a.yaml', '--wait', '-v', '--timeout', '30', '--connect=x', '--connect', 'y', 'b']);
    assert.deepEqual(args.positional, ['a.yaml', 'b']);
    assert.ok(args.has('--wait') && args.has('--volumes'));
    assert.equal(args.value('--timeout'), '30');
    assert.deepEqual(args.values('--connect'), ['x', 'y']);
    assert.ok(!args.has('--force'));
  });

  it('takes the next word as a value even when it starts with a dash, and -- ends the options', () => {
    assert.equal(parsed(['f', '--timeout', '-5']).value('--timeout'), '-5');
    assert.deepEqual(parsed(['--', '--wait']).positional, ['--wait']);
  });

  it('reports usage problems as messages', () => {
    assert.equal(parseArgs(['f', '--bogus'], spec), 'unknown option --bogus');
    assert.equal(parseArgs(['f', '--wait=yes'], spec), '--wait takes no value');
    assert.equal(parseArgs(['f', '--timeout'], spec), '--timeout needs a value');
    assert.equal(parseArgs([], spec), 'expected 1 to 2 arguments, got 0');
    assert.equal(parseArgs(['a', 'b', 'c'], { ...spec, positionalMessage: 'give one or two files' }), 'give one or two files');
  });

  it('checks positive numbers', () => {
    assert.equal(positiveNumber('30', '--timeout'), 30);
    assert.equal(positiveNumber('0.5', '--timeout', true), 0.5);
    assert.equal(positiveNumber('0.5', '--count'), '--count needs a positive whole number');
    assert.equal(positiveNumber('-1', '--timeout', true), '--timeout needs a positive number');
  });
});

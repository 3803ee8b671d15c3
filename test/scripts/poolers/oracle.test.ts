/** Smoke test of the pooler oracle: the real PgBouncer / pgpool-II in a judge container say yes and no. */
import * as assert from 'node:assert/strict';
import { judgeWhy, startJudge, type PoolerJudge, type PoolerProgram } from '../../../scripts/differential/poolers/oracle';
import { pgbouncerFile } from '../../../scripts/catalog/poolers/pgbouncerProbe';
import { pgpoolFile } from '../../../scripts/catalog/poolers/pgpoolProbe';
import { requirePart } from '../../support/parts';

describe('pooler oracle (real programs in Docker)', function () {
  this.timeout(180_000);
  const judges: PoolerJudge[] = [];
  after(async () => {
    for (const judge of judges) await judge.close();
  });

  async function judgeOf(ctx: Mocha.Context, program: PoolerProgram, version: string, files: string[]) {
    requirePart(ctx, `${program} ${version} test image`, await judgeWhy(program, version));
    const judge = await startJudge(program, version, { containers: 1 });
    judges.push(judge);
    return judge.judge(files);
  }

  it('PgBouncer 1.24 starts on a good file and names the line of a bad one', async function () {
    const [good, unknown, badEnum] = await judgeOf(this, 'pgbouncer', '1.24', [
      pgbouncerFile(['pool_mode = transaction']),
      pgbouncerFile(['no_such_setting = 1']),
      pgbouncerFile(['pool_mode = sometimes']),
    ]);
    assert.equal(good.valid, true, good.message);
    assert.equal(good.outcome, 'up');
    assert.equal(unknown.valid, false);
    assert.equal(unknown.outcome, 'exit');
    assert.deepEqual(unknown.message.split('\n'), [
      'ERROR unknown parameter: pgbouncer/no_such_setting',
      'ERROR invalid value "1" for parameter no_such_setting in configuration (<file>:8)',
      'FATAL cannot load config file',
    ]);
    assert.match(badEnum.message, /^ERROR invalid value "sometimes" for parameter pool_mode in configuration \(<file>:8\)$/m);
  });

  it('pgpool-II 4.6 loads a good file, refuses a bad enum with the values, and takes an unknown name silently', async function () {
    const [good, badEnum, unknown] = await judgeOf(this, 'pgpool', '4.6', [
      pgpoolFile(['load_balance_mode = on']),
      pgpoolFile(["disable_load_balance_on_write = 'nope'"]),
      pgpoolFile(['no_such_setting = 1']),
    ]);
    assert.equal(good.valid, true, good.message);
    assert.equal(badEnum.valid, false);
    assert.equal(badEnum.exitStatus, 3);
    assert.deepEqual(badEnum.message.split('\n'), [
      'FATAL:  invalid value for parameter "disable_load_balance_on_write": "nope"',
      'HINT:  Available values: off, transaction, trans_transaction, always, dml_adaptive.',
    ]);
    assert.equal(unknown.valid, true, unknown.message);
  });
});

// Mocha reporter: the usual spec output, plus the counts appended to $PGHA_TEST_COUNTS for the final summary line.
const fs = require('fs');
const Mocha = require('mocha');

class CountingReporter extends Mocha.reporters.Spec {
  constructor(runner, options) {
    super(runner, options);
    runner.once(Mocha.Runner.constants.EVENT_RUN_END, () => {
      const file = process.env.PGHA_TEST_COUNTS;
      if (!file) return;
      const { passes, failures, pending } = runner.stats;
      fs.appendFileSync(file, JSON.stringify({ suite: process.env.PGHA_SUITE ?? 'mocha', passes, failures, pending }) + '\n');
    });
  }
}
module.exports = CountingReporter;

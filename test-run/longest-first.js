// Jest's test sequencer for this repository: the files expected to take longest start first, so the
// workers finish together instead of one of them starting a two-minute end-to-end file near the end.
// Jest's own order needs timings in its cache, which a fresh clone (CI) does not have: it then orders
// by file size, which puts large unit-test files before end-to-end ones. Here a file's expected time
// is, in this order: its time in jest's cache, its time in durations.json (committed), or an
// estimate (a new end-to-end file: the median of the committed ones; other files: by their size).
const path = require('node:path');
const Sequencer = require('@jest/test-sequencer').default;
const committed = require('./durations.json');

const ROOT = path.resolve(__dirname, '..');
const E2E = /\.e2e\.test\.ts$/;

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length ? sorted[Math.floor(sorted.length / 2)] : 60;
}

const e2eMedianSeconds = median(
  Object.entries(committed)
    .filter(([file]) => E2E.test(file))
    .map(([, seconds]) => seconds),
);

class LongestFirst extends Sequencer {
  /** Seconds this file is expected to take. */
  expectedSeconds(test) {
    const cached = this.time(test);
    if (cached != null) return cached / 1000;
    const relative = path.relative(ROOT, test.path).split(path.sep).join('/');
    if (committed[relative] != null) return committed[relative];
    if (E2E.test(relative)) return e2eMedianSeconds;
    // a unit test file: about a second per 10 kB of source, always less than any end-to-end file
    return (test.context.hasteFS.getSize(test.path) ?? 0) / 10_000;
  }

  sort(tests) {
    const expected = new Map(tests.map((t) => [t, this.expectedSeconds(t)]));
    // files that failed last time still come first (quick feedback), as in jest's own order
    return [...tests].sort((a, b) => Number(this.hasFailed(b)) - Number(this.hasFailed(a)) || expected.get(b) - expected.get(a));
  }
}

module.exports = LongestFirst;

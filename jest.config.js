/** Tests sit beside the code (or in a folder's test/), named *.test.ts. */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>'],
  testMatch: ['**/*.test.ts'],
  testPathIgnorePatterns: ['/node_modules/', '<rootDir>/dist/', '/cdktf.out/'],
  modulePathIgnorePatterns: ['<rootDir>/dist/'],
  transform: { '^.+\\.ts$': ['ts-jest', { diagnostics: false }] },
  testTimeout: 60000,
  // Three workers on two cores: the end-to-end suites mostly wait on child processes (cdktf synth,
  // node daemons, terraform), so the third overlaps their waits (two workers: 15m08s for the whole
  // npm test, with 1.5 cores busy on average).
  maxWorkers: 3,
  // longest files first, from jest's cache or the committed test-run/durations.json (see test-run/README.md)
  testSequencer: '<rootDir>/test-run/longest-first.js',
};

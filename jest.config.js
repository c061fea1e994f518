/** Tests sit beside the code (or in a folder's test/), named *.test.ts. */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>'],
  testMatch: ['**/*.test.ts'],
  testPathIgnorePatterns: ['/node_modules/', '<rootDir>/dist/', '/cdktf.out/'],
  modulePathIgnorePatterns: ['<rootDir>/dist/'],
  transform: { '^.+\\.ts$': ['ts-jest', { diagnostics: false }] },
  testTimeout: 60000,
  // Two workers on two cores: the end-to-end suites mostly wait on child processes (cdktf synth, node
  // daemons), so a second worker overlaps them (the whole suite: 11m48s with two workers).
  maxWorkers: 2,
};

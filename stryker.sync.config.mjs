// Mutation testing of the sync's scoring and loading (npm run test:mutation): StrykerJS with its
// jest runner over the run (sync.ts) and the join by deal (join.ts), killed by the hand-built
// org's tests and the stream and field-check tests. Kept to what a 2-core machine runs in about
// twenty minutes: the crash, fault and CLI tests (a process per run) are left out. Incremental:
// the results kept in reports/ are reused for code and tests that did not change.

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'jest',
  jest: {
    projectType: 'custom',
    configFile: 'tests/mutation/jest.config.js',
    config: {
      testMatch: ['<rootDir>/tests/sync/{fixture,stream,fields}.test.ts']
    },
    enableFindRelatedTests: false
  },
  mutate: process.env.MUTATE
    ? process.env.MUTATE.split(',')
    : ['scripts/sync/sync.ts', 'scripts/sync/join.ts'],
  coverageAnalysis: 'perTest',
  ignoreStatic: true,
  concurrency: 1,
  incremental: true,
  incrementalFile: 'reports/stryker-incremental-sync.json',
  reporters: ['clear-text', 'progress', 'json'],
  jsonReporter: { fileName: 'reports/mutation-sync.json' },
  clearTextReporter: { allowColor: false, logTests: false, reportMutants: true },
  thresholds: { high: 80, low: 70, break: 70 },
  timeoutMS: 60000,
  tempDirName: '.stryker-tmp-sync'
};

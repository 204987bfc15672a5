// Mutation testing of the coaching engine (npm run test:mutation): StrykerJS with its jest runner
// over every module of scripts/engine, killed by the engine's tests. Left out: index.ts (exports
// only) and the files that hold only types (they give no mutant). Incremental: the results kept
// in reports/ are reused for code and tests that did not change.
// MUTATE (comma-separated globs) narrows the files, e.g. MUTATE='scripts/engine/dates.ts';
// STRYKER_TESTS (comma-separated globs) narrows the tests to a module's own while working on it
// (a mutant runs every test file that covers it, and every engine test covers the dates);
// STRYKER_INCREMENTAL_FILE keeps a narrowed run's results apart (a run writes only the files it
// mutated); STRYKER_CONCURRENCY sets the number of test processes (2 by default).

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'jest',
  jest: {
    projectType: 'custom',
    configFile: 'tests/mutation/jest.config.js',
    config: {
      // The engine's tests, without bundle.test.ts: it checks the committed bundle against a
      // build of the sources, which every instrumented source fails.
      testMatch: process.env.STRYKER_TESTS
        ? process.env.STRYKER_TESTS.split(',').map((t) => `<rootDir>/${t}`)
        : ['<rootDir>/tests/engine/*.test.ts', '!**/bundle.test.ts']
    },
    enableFindRelatedTests: true
  },
  mutate: process.env.MUTATE
    ? process.env.MUTATE.split(',')
    : [
        'scripts/engine/**/*.ts',
        '!scripts/engine/index.ts',
        '!scripts/engine/types.ts',
        '!scripts/engine/config-types.ts'
      ],
  coverageAnalysis: 'perTest',
  // Mutants in module-level code (constants, tables) need every test re-run with fresh modules:
  // too slow for a 2-core machine, and left out of the score (Stryker's ignoreStatic).
  ignoreStatic: true,
  concurrency: Number(process.env.STRYKER_CONCURRENCY ?? 2),
  incremental: true,
  incrementalFile:
    process.env.STRYKER_INCREMENTAL_FILE ?? 'reports/stryker-incremental-engine.json',
  reporters: ['clear-text', 'progress', 'json'],
  jsonReporter: { fileName: 'reports/mutation-engine.json' },
  clearTextReporter: { allowColor: false, logTests: false, reportMutants: true },
  thresholds: { high: 90, low: 85, break: 85 },
  timeoutMS: 20000,
  tempDirName: '.stryker-tmp'
};

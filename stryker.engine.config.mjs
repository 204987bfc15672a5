// Mutation testing of the coaching engine (npm run test:mutation): StrykerJS with its jest runner
// over every module of scripts/engine, killed by the engine's tests. Left out: index.ts (exports
// only) and the files that hold only types (they give no mutant). Incremental: the results kept
// in reports/ are reused for code and tests that did not change.
// MUTATE (comma-separated globs) narrows the files, e.g. MUTATE='scripts/engine/dates.ts';
// STRYKER_TESTS (comma-separated globs) narrows the tests to a module's own while working on it
// (a mutant runs every test file that covers it, and every engine test covers the dates);
// STRYKER_INCREMENTAL_FILE keeps a narrowed run's results apart (a run writes only the files it
// mutated); STRYKER_CONCURRENCY sets the number of test processes (2 by default).

import { mutationRun } from './tests/mutation/stryker-options.mjs';

export default mutationRun({
  name: 'engine',
  // The engine's tests, without bundle.test.ts: it checks the committed bundle against a build
  // of the sources, which every instrumented source fails.
  testMatch: process.env.STRYKER_TESTS
    ? process.env.STRYKER_TESTS.split(',').map((t) => `<rootDir>/${t}`)
    : ['<rootDir>/tests/engine/*.test.ts', '!**/bundle.test.ts'],
  enableFindRelatedTests: true,
  mutate: [
    'scripts/engine/**/*.ts',
    '!scripts/engine/index.ts',
    '!scripts/engine/types.ts',
    '!scripts/engine/config-types.ts'
  ],
  concurrency: Number(process.env.STRYKER_CONCURRENCY ?? 2),
  incrementalFile:
    process.env.STRYKER_INCREMENTAL_FILE ?? 'reports/stryker-incremental-engine.json',
  thresholds: { high: 90, low: 85, break: 85 },
  timeoutMS: 20000,
  tempDirName: '.stryker-tmp'
});

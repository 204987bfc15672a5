// Mutation testing of the coaching engine: StrykerJS with its jest runner over the modules of
// scripts/engine (index.ts and the files that hold only types give no mutant). `npm run
// test:mutation` (tests/mutation/run.ts) runs it once per group of tests/mutation/groups.ts,
// narrowed with MUTATE (comma-separated globs: the files) and STRYKER_TESTS (the test files);
// without them it mutates every module against every engine test, which takes hours on 2 cores.
// Incremental: the results kept in reports/ are reused for code and tests that did not change;
// STRYKER_INCREMENTAL_FILE keeps a run's results apart; STRYKER_CONCURRENCY sets the number of
// test processes (2 by default).

import { mutationRun } from './tests/mutation/stryker-options.mjs';

export default mutationRun({
  name: 'engine',
  // The engine's tests, without bundle.test.ts: it checks the committed bundle against a build
  // of the sources, which every instrumented source fails.
  tests: ['<rootDir>/tests/engine/*.test.ts', '!**/bundle.test.ts'],
  mutate: [
    'scripts/engine/**/*.ts',
    '!scripts/engine/index.ts',
    '!scripts/engine/types.ts',
    '!scripts/engine/config-types.ts'
  ],
  thresholds: { high: 90, low: 85, break: 85 },
  timeoutMS: 20000,
  tempDirName: '.stryker-tmp'
});

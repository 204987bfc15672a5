// Mutation testing of the sync's join and scoring (npm run test:mutation): StrykerJS with its jest
// runner over the join by deal (join.ts), the score stage (score.ts: the change comparison, the
// join loop that scores each deal, the rollups and the ranking of the riskiest deals) and the
// stored rollup rows (rollups.ts); killed by the hand-built org's tests and the stream tests. Kept to what a shared 2-core
// machine runs in about twenty minutes: the extract, the load and the crash, fault and CLI tests
// (a process per run) are left out. Incremental: results kept in reports/ are reused for code and
// tests that did not change.

import { mutationRun } from './tests/mutation/stryker-options.mjs';

export default mutationRun({
  name: 'sync',
  testMatch: ['<rootDir>/tests/sync/{fixture,stream,trend}.test.ts'],
  enableFindRelatedTests: false,
  mutate: ['scripts/sync/join.ts', 'scripts/sync/score.ts', 'scripts/sync/rollups.ts'],
  concurrency: 2,
  incrementalFile: 'reports/stryker-incremental-sync.json',
  thresholds: { high: 80, low: 70, break: 70 },
  timeoutMS: 60000,
  tempDirName: '.stryker-tmp-sync'
});

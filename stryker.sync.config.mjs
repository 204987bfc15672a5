// Mutation testing of the sync: StrykerJS with its jest runner over the modules of scripts/sync.
// `npm run test:mutation` (tests/mutation/run.ts) runs it once per group of
// tests/mutation/groups.ts, narrowed with MUTATE and STRYKER_TESTS as for the engine
// (stryker.engine.config.mjs). Without them it runs the sync tests that run in the test's own
// process; the crash, incremental, digest CLI and CLI output tests start a sync process per run,
// whose coverage Stryker cannot see, and are left out. Incremental: results kept in reports/ are
// reused for code and tests that did not change.

import { mutationRun } from './tests/mutation/stryker-options.mjs';

export default {
  ...mutationRun({
    name: 'sync',
    tests: [
      '<rootDir>/tests/sync/{busy-org,changed,command,digest,faults,fields,fixture,backfill,governance,governance-parts,join,ladder,load-log,maven,message-evidence,plan,progress,quick-wins,record-shapes,replica,report,report-render,rollups,sharing,spool,stream,texts,org-rest,trend,write,api}.test.ts'
    ],
    mutate: ['scripts/sync/**/*.ts'],
    thresholds: { high: 80, low: 70, break: 70 },
    timeoutMS: 60000,
    tempDirName: '.stryker-tmp-sync'
  }),
  // The initial run of every sync test with coverage takes longer than Stryker's 5 minutes on a
  // shared 2-core machine.
  dryRunTimeoutMinutes: 45
};

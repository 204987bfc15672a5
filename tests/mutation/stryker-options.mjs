// What the engine's and the sync's mutation runs share (stryker.engine.config.mjs,
// stryker.sync.config.mjs): StrykerJS with its jest runner on tests/mutation/jest.config.js,
// per-test coverage, incremental results and the JSON report in reports/.

/**
 * The options of one mutation run: `name` names its report (reports/mutation-<name>.json) and
 * the default incremental file; `testMatch` the jest tests that kill its mutants.
 * @param {{ name: string, testMatch: string[], enableFindRelatedTests: boolean, mutate: string[],
 *   concurrency: number, incrementalFile: string, thresholds: { high: number, low: number, break: number },
 *   timeoutMS: number, tempDirName: string }} run
 * @returns {import('@stryker-mutator/api/core').PartialStrykerOptions}
 */
export function mutationRun(run) {
  return {
    testRunner: 'jest',
    jest: {
      projectType: 'custom',
      configFile: 'tests/mutation/jest.config.js',
      config: { testMatch: run.testMatch },
      enableFindRelatedTests: run.enableFindRelatedTests
    },
    mutate: process.env.MUTATE ? process.env.MUTATE.split(',') : run.mutate,
    coverageAnalysis: 'perTest',
    // Mutants in module-level code (constants, tables) need every test re-run with fresh modules:
    // too slow for a 2-core machine, and left out of the score (Stryker's ignoreStatic).
    ignoreStatic: true,
    concurrency: run.concurrency,
    incremental: true,
    incrementalFile: run.incrementalFile,
    reporters: ['clear-text', 'progress', 'json'],
    jsonReporter: { fileName: `reports/mutation-${run.name}.json` },
    clearTextReporter: { allowColor: false, logTests: false, reportMutants: true },
    // tests/mutation/run.ts checks the threshold over every module, not each group's run.
    thresholds: process.env.STRYKER_NO_BREAK ? { ...run.thresholds, break: null } : run.thresholds,
    timeoutMS: run.timeoutMS,
    tempDirName: run.tempDirName
  };
}

// What the engine's and the sync's mutation runs share (stryker.engine.config.mjs,
// stryker.sync.config.mjs): StrykerJS with its jest runner on tests/mutation/jest.config.js,
// per-test coverage, incremental results and the JSON report in reports/.

/**
 * The options of one mutation run: `name` names its report (reports/mutation-<name>.json) and
 * the default incremental file (reports/stryker-incremental-<name>.json; STRYKER_INCREMENTAL_FILE
 * keeps a run's results apart); `tests` the jest tests that kill its mutants unless STRYKER_TESTS
 * names them (comma-separated test files). STRYKER_CONCURRENCY sets the number of test processes
 * (2 by default). Jest's findRelatedTests narrows each mutant's tests.
 * @param {{ name: string, tests: string[], mutate: string[],
 *   thresholds: { high: number, low: number, break: number }, timeoutMS: number,
 *   tempDirName: string }} run
 * @returns {import('@stryker-mutator/api/core').PartialStrykerOptions}
 */
export function mutationRun(run) {
  return {
    testRunner: 'jest',
    jest: {
      projectType: 'custom',
      configFile: 'tests/mutation/jest.config.js',
      config: {
        testMatch: process.env.STRYKER_TESTS
          ? process.env.STRYKER_TESTS.split(',').map((t) => `<rootDir>/${t}`)
          : run.tests
      },
      enableFindRelatedTests: true
    },
    mutate: process.env.MUTATE ? process.env.MUTATE.split(',') : run.mutate,
    coverageAnalysis: 'perTest',
    // Mutants in module-level code (constants, tables) need every test re-run with fresh modules:
    // too slow for a 2-core machine, and left out of the score (Stryker's ignoreStatic).
    ignoreStatic: true,
    concurrency: Number(process.env.STRYKER_CONCURRENCY ?? 2),
    incremental: true,
    incrementalFile:
      process.env.STRYKER_INCREMENTAL_FILE ?? `reports/stryker-incremental-${run.name}.json`,
    reporters: ['clear-text', 'progress', 'json'],
    jsonReporter: { fileName: `reports/mutation-${run.name}.json` },
    clearTextReporter: { allowColor: false, logTests: false, reportMutants: true },
    // tests/mutation/run.ts checks the threshold over every module, not each group's run.
    thresholds: process.env.STRYKER_NO_BREAK ? { ...run.thresholds, break: null } : run.thresholds,
    timeoutMS: run.timeoutMS,
    tempDirName: run.tempDirName
  };
}

// Mutation testing of the coaching engine's rules (npm run test:mutation): StrykerJS with its jest
// runner over the deal-risk, completeness, ladder and rollup modules, killed by their own tests.
// Incremental: the results kept in reports/ are reused for code and tests that did not change.
// MUTATE (comma-separated globs) narrows or widens the files, e.g. MUTATE='scripts/engine/**/*.ts'.

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'jest',
  jest: {
    projectType: 'custom',
    configFile: 'tests/mutation/jest.config.js',
    config: {
      // The modules' own tests (every engine test imports the whole engine, so jest's related
      // tests would be all of them).
      testMatch: [
        '<rootDir>/tests/engine/{risk,insight,evidence,checks,completeness,stage,rollup}.test.ts'
      ]
    },
    enableFindRelatedTests: true
  },
  mutate: process.env.MUTATE
    ? process.env.MUTATE.split(',')
    : [
        'scripts/engine/risk.ts',
        'scripts/engine/completeness.ts',
        'scripts/engine/stage.ts',
        'scripts/engine/rollup.ts'
      ],
  coverageAnalysis: 'perTest',
  // Mutants in module-level code (constants, tables) need every test re-run with fresh modules:
  // too slow for a 2-core machine, and left out of the score (Stryker's ignoreStatic).
  ignoreStatic: true,
  concurrency: 2,
  incremental: true,
  incrementalFile: 'reports/stryker-incremental-engine.json',
  reporters: ['clear-text', 'progress', 'json'],
  jsonReporter: { fileName: 'reports/mutation-engine.json' },
  clearTextReporter: { allowColor: false, logTests: false, reportMutants: true },
  thresholds: { high: 90, low: 85, break: 85 },
  timeoutMS: 20000,
  tempDirName: '.stryker-tmp'
};

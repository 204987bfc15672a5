// Tests of the browser preview: `node scripts/build/run-jest.mjs --config tests/e2e/jest.config.js`.
// (The node project of jest.config.js leaves tests/e2e/ to this configuration.)
// jest and its Lightning preset are the test tool's (tools/test, installed by run-jest.mjs).
const { jestConfig } = require('../../tools/test/node_modules/@salesforce/sfdx-lwc-jest/config');

module.exports = {
  ...jestConfig,
  rootDir: '../..',
  testEnvironment: 'node',
  moduleFileExtensions: ['ts', 'js', 'html', 'json'],
  testMatch: ['<rootDir>/tests/e2e/**/*.test.ts'],
  testPathIgnorePatterns: ['<rootDir>/node_modules/'],
  // playwright-core and axe-core are the browser tool's (tools/browser), installed by run-jest.mjs.
  modulePaths: ['<rootDir>/tools/browser/node_modules'],
  modulePathIgnorePatterns: ['<rootDir>/.local-org/'],
  setupFilesAfterEnv: [],
  testTimeout: 120000
};

// jest and its Lightning preset are the test tool's (tools/test, installed by run-jest.mjs).
const { jestConfig } = require('./tools/test/node_modules/@salesforce/sfdx-lwc-jest/config');
const { labelModuleNameMapper } = require('./scripts/build/jest-labels');

// One jest for everything, in two projects: the Lightning components (jsdom, tests beside each
// bundle in __tests__/) and the TypeScript engine, sync, local org and metadata checks (node,
// under tests/). Browser tests in Chromium run apart: see tests/e2e/jest.config.js.
const shared = {
  ...jestConfig,
  rootDir: __dirname,
  moduleFileExtensions: ['ts', 'js', 'html', 'json'],
  // The setup's sa11y matchers come from the test tool too.
  modulePaths: ['<rootDir>/tools/test/node_modules'],
  // sfdx-lwc-jest's preset also ignores <rootDir>/test/specs/, a folder this project does not have.
  testPathIgnorePatterns: ['<rootDir>/node_modules/'],
  modulePathIgnorePatterns: ['<rootDir>/.local-org/', '<rootDir>/node_modules/.cache/']
};

module.exports = {
  testTimeout: 120000,
  projects: [
    {
      ...shared,
      displayName: 'lwc',
      testMatch: ['<rootDir>/force-app/**/__tests__/**/*.test.js'],
      // Custom labels hold the text of CustomLabels.labels-meta.xml (see scripts/build/jest-labels.js).
      moduleNameMapper: labelModuleNameMapper(),
      setupFilesAfterEnv: [...(jestConfig.setupFilesAfterEnv || []), '<rootDir>/jest.setup.js']
    },
    {
      ...shared,
      displayName: 'node',
      testEnvironment: 'node',
      testMatch: ['<rootDir>/tests/**/*.test.ts'],
      testPathIgnorePatterns: ['/node_modules/', '<rootDir>/tests/e2e/'],
      setupFilesAfterEnv: []
    }
  ]
};

const base = require('./jest.config.js');

// Browser tests: the preview served against the local org, driven in Debian's Chromium.
const node = base.projects.find((p) => p.displayName === 'node');

module.exports = {
  ...node,
  displayName: 'e2e',
  testTimeout: 300000,
  testMatch: ['<rootDir>/tests/e2e/**/*.test.ts'],
  testPathIgnorePatterns: ['/node_modules/']
};

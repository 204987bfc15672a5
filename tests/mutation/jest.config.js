// The jest configuration of the mutation runs (stryker.*.config.mjs): the node tests only, one
// project (Stryker's jest runner cannot pick a project out of jest.config.js), and esbuild in
// place of the LWC Babel transform.
module.exports = {
  rootDir: '../..',
  roots: ['<rootDir>/scripts', '<rootDir>/tests', '<rootDir>/config'],
  testEnvironment: 'node',
  moduleFileExtensions: ['ts', 'js', 'json'],
  transform: { '\\.(ts|js)$': '<rootDir>/tests/mutation/esbuild-transform.js' },
  testPathIgnorePatterns: ['/node_modules/'],
  modulePathIgnorePatterns: ['<rootDir>/.local-org/'],
  testTimeout: 120000
};

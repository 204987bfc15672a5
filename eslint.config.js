const { createRequire } = require('node:module');
const { join } = require('node:path');

// ESLint and its configurations are a tool of their own (tools/lint, installed on first use by
// `npm run lint`: node scripts/build/tools.mjs lint), so they resolve from there.
const toolRequire = createRequire(join(__dirname, 'tools', 'lint', 'package.json'));
const js = toolRequire('@eslint/js');
const tseslint = toolRequire('typescript-eslint');
const globals = toolRequire('globals');
const lwcConfig = toolRequire('@salesforce/eslint-config-lwc');
const jestPlugin = toolRequire('eslint-plugin-jest');

// Components follow Salesforce's LWC rules; the TypeScript engine, sync, local org and tests
// follow typescript-eslint's. The generated engine bundle is not linted (its source is).
module.exports = [
  {
    ignores: [
      'node_modules/**',
      'coverage/**',
      '.local-org/**',
      '.stryker-tmp*/**',
      'reports/**',
      '.adoption-coach/**',
      '.preview/**',
      '.sf/**',
      '.sfdx/**',
      'force-app/main/default/lwc/coachEngine/coachEngine.js',
      'force-app/main/default/staticresources/**'
    ]
  },
  ...lwcConfig.configs.recommended.map((c) => ({
    ...c,
    files: ['force-app/**/*.js', 'scripts/preview/client/**/*.js']
  })),
  {
    // The preview's page shell (not a component) owns the document.
    files: ['scripts/preview/client/main.js', 'scripts/preview/client/session.js'],
    rules: { '@lwc/lwc/no-document-query': 'off', '@lwc/lwc/no-async-operation': 'off' }
  },
  {
    files: ['force-app/**/__tests__/**/*.js'],
    rules: { '@lwc/lwc/no-unexpected-wire-adapter-usages': 'off' }
  },
  ...tseslint.configs.recommended.map((c) => ({
    ...c,
    files: ['scripts/**/*.ts', 'tests/**/*.ts']
  })),
  {
    files: ['scripts/**/*.ts', 'tests/**/*.ts'],
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }
      ],
      'no-empty': ['error', { allowEmptyCatch: false }]
    }
  },
  {
    // eslint-plugin-jest's recommended rules over every test file; a focused or disabled test,
    // a test without an assertion and an assertion that may not run are errors.
    files: ['force-app/**/__tests__/**/*.js', 'tests/**/*.ts'],
    ...jestPlugin.configs['flat/recommended'],
    languageOptions: { globals: { ...globals.node, ...globals.jest } },
    // jest is the test tool's (tools/test), where the plugin cannot find it to read its version.
    settings: { jest: { version: 29 } },
    rules: {
      ...jestPlugin.configs['flat/recommended'].rules,
      'jest/no-focused-tests': 'error',
      'jest/no-disabled-tests': 'error',
      'jest/expect-expect': 'error',
      'jest/no-conditional-expect': 'error'
    }
  },
  {
    files: ['*.js', '*.mjs', 'scripts/**/*.mjs', 'scripts/**/*.js'],
    ignores: ['scripts/preview/client/**'],
    ...js.configs.recommended,
    languageOptions: { globals: { ...globals.node }, sourceType: 'module' }
  },
  {
    files: ['*.js'],
    languageOptions: { sourceType: 'commonjs', globals: { ...globals.node } }
  }
];

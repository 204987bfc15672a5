const js = require('@eslint/js');
const tseslint = require('typescript-eslint');
const globals = require('globals');
const lwcConfig = require('@salesforce/eslint-config-lwc');
const jestPlugin = require('eslint-plugin-jest');

// Components follow Salesforce's LWC rules; the TypeScript engine, sync, local org and tests
// follow typescript-eslint's. The generated engine bundle is not linted (its source is).
module.exports = [
  {
    ignores: [
      'node_modules/**',
      'coverage/**',
      '.local-org/**',
      '.sf/**',
      '.sfdx/**',
      'force-app/main/default/lwc/coachEngine/coachEngine.js',
      'force-app/main/default/staticresources/**'
    ]
  },
  ...lwcConfig.configs.recommended.map((c) => ({ ...c, files: ['force-app/**/*.js'] })),
  {
    files: ['force-app/**/__tests__/**/*.js'],
    plugins: { jest: jestPlugin },
    languageOptions: { globals: { ...globals.node, ...globals.jest } },
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
    files: ['tests/**/*.ts'],
    languageOptions: { globals: { ...globals.jest } }
  },
  {
    files: ['*.js', '*.mjs', 'scripts/**/*.mjs', 'scripts/**/*.js'],
    ...js.configs.recommended,
    languageOptions: { globals: { ...globals.node }, sourceType: 'module' }
  },
  {
    files: ['*.js'],
    languageOptions: { sourceType: 'commonjs', globals: { ...globals.node } }
  }
];

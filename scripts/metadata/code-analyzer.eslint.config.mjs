/**
 * What Code Analyzer's ESLint engine adds to its own base configurations (scripts/metadata/
 * analyze.ts): the project's convention that a name starting with `_` is unused on purpose (a key
 * left out of a rest object, a loop that only counts), as eslint.config.js sets it for `npm run
 * lint`. Without it, the engine's @typescript-eslint/no-unused-vars reports those names.
 */
export default [
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }
      ]
    }
  }
];

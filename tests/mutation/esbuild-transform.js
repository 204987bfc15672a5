// A jest transform for the mutation runs only: esbuild strips the TypeScript of the instrumented
// sources and tests in well under a millisecond a file, where the LWC Babel transform of the
// unit runs takes seconds for each of the thousands of test runs a mutation run makes.
const { transformSync } = require('esbuild');

module.exports = {
  process(source, filename) {
    const { code, map } = transformSync(source, {
      loader: filename.endsWith('.ts') ? 'ts' : 'js',
      format: 'cjs',
      target: 'node20',
      sourcemap: 'external',
      sourcefile: filename
    });
    return { code, map };
  }
};

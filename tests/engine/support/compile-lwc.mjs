// Compiles one LWC module with the platform compiler and prints { success, diagnostics } as
// JSON. Run in its own process: the compiler ships ES modules that jest's runtime cannot load.
// Usage: node tests/engine/support/compile-lwc.mjs <namespace> <name> <file.js>
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { lwcCompiler } from '../../../scripts/metadata/lwc-compiler.mjs';

const { compile } = await lwcCompiler();

const [namespace, name, file] = process.argv.slice(2);
const report = await compile({
  bundle: {
    namespace,
    name,
    type: 'platform',
    files: { [basename(file)]: readFileSync(file, 'utf8') }
  }
});
process.stdout.write(
  JSON.stringify({
    success: report.success,
    diagnostics: report.diagnostics.map((d) => ({ level: d.level, message: d.message }))
  })
);

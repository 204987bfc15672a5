// Compiles every LWC bundle of force-app with the platform compiler, as a deploy would, and
// prints [{ name, success, errors, jsBytes }] as JSON. Run in its own process: the compiler
// ships ES modules that jest's runtime cannot load.
// Usage: node tests/metadata/support/compile-bundles.mjs <lwc dir>
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { compile } from '@lwc/sfdc-lwc-compiler';

const dir = process.argv[2];
const results = [];
for (const name of readdirSync(dir).sort()) {
  const bundle = join(dir, name);
  if (!statSync(bundle).isDirectory()) continue;
  const files = {};
  let jsBytes = 0;
  for (const file of readdirSync(bundle)) {
    if (!/\.(js|html|css)$/.test(file)) continue;
    files[file] = readFileSync(join(bundle, file), 'utf8');
    if (file.endsWith('.js')) jsBytes += Buffer.byteLength(files[file]);
  }
  const report = await compile({ bundle: { namespace: 'c', name, type: 'platform', files } });
  results.push({
    name,
    success: report.success,
    errors: report.diagnostics.filter((d) => d.level <= 1).map((d) => d.message),
    jsBytes
  });
}
process.stdout.write(JSON.stringify(results));

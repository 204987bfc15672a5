// Compiles every LWC bundle of a directory with the platform compiler, as a deploy would, and
// prints [{ name, success, errors, jsBytes, references }] as JSON, references being the
// modules and components each bundle uses ({ type, id, file }). Run in its own process: the
// compiler ships ES modules that jest's runtime cannot load.
// Usage: node scripts/metadata/compile-bundles.mjs <lwc dir> [bundle name …]  (default: all)
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { lwcCompiler } from './lwc-compiler.mjs';

const { compile } = await lwcCompiler();

const [dir, ...only] = process.argv.slice(2);
const results = [];
for (const name of readdirSync(dir).sort()) {
  const bundle = join(dir, name);
  if (!statSync(bundle).isDirectory() || (only.length && !only.includes(name))) continue;
  const files = {};
  let jsBytes = 0;
  for (const file of readdirSync(bundle)) {
    if (!/\.(js|html|css)$/.test(file)) continue;
    files[file] = readFileSync(join(bundle, file), 'utf8');
    if (file.endsWith('.js')) jsBytes += Buffer.byteLength(files[file]);
  }
  const report = await compile({ bundle: { namespace: 'c', name, type: 'platform', files } });
  const seen = new Set();
  const references = [];
  for (const r of report.metadata?.references ?? []) {
    const key = `${r.type} ${r.id} ${r.file}`;
    if (seen.has(key)) continue;
    seen.add(key);
    references.push({ type: r.type, id: r.id, file: r.file });
  }
  results.push({
    name,
    success: report.success,
    errors: report.diagnostics.filter((d) => d.level <= 1).map((d) => d.message),
    jsBytes,
    references
  });
}
process.stdout.write(JSON.stringify(results));

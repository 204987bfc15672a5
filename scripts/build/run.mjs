#!/usr/bin/env node
// Runs a TypeScript entry point as one esbuild bundle, in this process:
//   node scripts/build/run.mjs <entry.ts> [args...]
//
// The sync, the local org and the benches run this way rather than through tsx: tsx compiles
// file by file with keepNames, so every closure the engine creates per deal gets a naming
// wrapper and every call into another module goes through a CommonJS export getter. Bundled,
// the engine is the same code esbuild builds for the components, and bench:engine scores 1.3 to
// 3 times as many deals per CPU-second.
//
// Each source file keeps its own __dirname and __filename, so paths to project files resolve
// as they do from source; process.argv[1] is the bundle, so a script can fork itself. The
// bundle is written under a temporary name and renamed, so parallel runs never read half a file.
import { build } from 'esbuild';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const [entryArg, ...args] = process.argv.slice(2);
if (!entryArg) {
  process.stderr.write('usage: node scripts/build/run.mjs <entry.ts> [args...]\n');
  process.exit(2);
}
const entry = resolve(entryArg);

/** Declares the source file's own __dirname and __filename on its first line (lines unchanged). */
const sourcePaths = {
  name: 'source-paths',
  setup(b) {
    b.onLoad({ filter: /\.ts$/ }, (file) => {
      if (file.path.includes(`${sep}node_modules${sep}`)) return undefined;
      const source = readFileSync(file.path, 'utf8');
      const head =
        `var __dirname = ${JSON.stringify(dirname(file.path))}, ` +
        `__filename = ${JSON.stringify(file.path)};`;
      return { contents: head + source, loader: 'ts' };
    });
  }
};

const outDir = join(ROOT, 'node_modules', '.cache', 'adoption-coach');
const outfile = join(outDir, `${relative(ROOT, entry).replace(/[\\/]/g, '_')}.cjs`);
const result = await build({
  entryPoints: [entry],
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  packages: 'external',
  sourcemap: 'inline',
  outfile,
  write: false,
  logLevel: 'error',
  plugins: [sourcePaths]
});
mkdirSync(outDir, { recursive: true });
const partial = `${outfile}.${process.pid}`;
writeFileSync(partial, result.outputFiles[0].contents);
renameSync(partial, outfile);

process.setSourceMapsEnabled(true);
process.argv = [process.argv[0], outfile, ...args];
createRequire(outfile)(outfile);

/**
 * The LWC bundles as the platform compiler sees them: each compiles, and references only
 * modules, components, client features and static resources that exist.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DEFAULT } from './schema';
import type { Problem } from './validate';

/** Modules a component may import from the platform (plus lightning/* and c/* of this project). */
const PLATFORM_MODULES = new Set(['lwc']);
const ALLOWED_REFERENCE_TYPES = new Set([
  'module',
  'component',
  'label',
  'schema',
  'user',
  'i18n',
  'client',
  'resourceUrl'
]);

function bundleName(tag: string): string {
  // c-error-panel → errorPanel
  return tag.replace(/^c-/, '').replace(/-([a-z0-9])/g, (_, ch: string) => ch.toUpperCase());
}

export interface BundleReport {
  name: string;
  success: boolean;
  errors: string[];
  jsBytes: number;
  references: { type: string; id: string; file: string }[];
}

/** Compiles every bundle with the platform compiler (in a child process: it is ESM). */
export function compileBundles(lwcDir: string, only: string[] = []): BundleReport[] {
  const run = spawnSync(
    process.execPath,
    [join(__dirname, 'compile-bundles.mjs'), lwcDir, ...only],
    {
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024
    }
  );
  if (run.status !== 0)
    throw new Error(
      `the LWC compiler did not run: ${run.stderr.trim().split('\n').slice(-3).join(' ')}`
    );
  return JSON.parse(run.stdout) as BundleReport[];
}

/**
 * Each bundle compiles and references only modules and components that exist. `only` limits
 * the compilation to some bundles (references are still checked against all of lwc/).
 */
export function checkBundles(rootArg: string, only: string[] = []): Problem[] {
  const lwc = join(resolve(rootArg), DEFAULT, 'lwc');
  return existsSync(lwc) ? bundleProblems(rootArg, compileBundles(lwc, only)) : [];
}

/** The problems of compiled bundles (see checkBundles). */
export function bundleProblems(rootArg: string, results: BundleReport[]): Problem[] {
  const root = resolve(rootArg);
  const lwc = join(root, DEFAULT, 'lwc');
  const problems: Problem[] = [];
  const bundles = new Set(readdirSync(lwc).filter((n) => statSync(join(lwc, n)).isDirectory()));
  const staticResources = join(root, DEFAULT, 'staticresources');
  for (const b of results) {
    const fileOf = (f?: string) => `force-app/main/default/lwc/${b.name}/${f ?? ''}`;
    if (!b.success || b.errors.length)
      for (const e of b.errors.length ? b.errors : ['compilation failed'])
        problems.push({ file: fileOf(), message: `does not compile: ${e}` });
    for (const ref of b.references) {
      const where = fileOf(ref.file);
      if (!ALLOWED_REFERENCE_TYPES.has(ref.type)) {
        problems.push({ file: where, message: `references ${ref.type} ${ref.id}: not allowed` });
      } else if (ref.type === 'module') {
        const local = /^c\/(\w+)$/.exec(ref.id);
        if (local && !bundles.has(local[1]))
          problems.push({ file: where, message: `imports ${ref.id}: no such bundle in lwc/` });
        else if (!local && !ref.id.startsWith('lightning/') && !PLATFORM_MODULES.has(ref.id))
          problems.push({ file: where, message: `imports ${ref.id}: not a platform module` });
      } else if (ref.type === 'component') {
        if (ref.id.startsWith('c-') && !bundles.has(bundleName(ref.id)))
          problems.push({ file: where, message: `uses <${ref.id}>: no such bundle in lwc/` });
        else if (!ref.id.startsWith('c-') && !ref.id.startsWith('lightning-'))
          problems.push({ file: where, message: `uses <${ref.id}>: not a known component` });
      } else if (ref.type === 'client' && ref.id !== 'formFactor') {
        problems.push({
          file: where,
          message: `imports @salesforce/client/${ref.id}: not allowed`
        });
      } else if (ref.type === 'resourceUrl') {
        const name = ref.id.replace(/^.*\//, '');
        if (!existsSync(join(staticResources, `${name}.resource-meta.xml`)))
          problems.push({
            file: where,
            message: `imports static resource ${ref.id}: not in staticresources/`
          });
      }
    }
  }
  return problems;
}

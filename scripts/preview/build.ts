/**
 * Builds the browser preview: the components of force-app, compiled by @lwc/rollup-plugin with
 * lightning-base-components, into ES modules (`.preview/app.js` and a chunk per page).
 *
 * Only the platform is replaced: `lightning/graphql`, `lightning/uiRecordApi`,
 * `lightning/navigation`, the LDS-bound base components (record edit form, input field, record
 * picker) and toasts come from scripts/preview/client, which talks to the preview server; custom
 * labels are read from the CustomLabels file; `@salesforce/schema` references become the
 * `{ objectApiName, fieldApiName }` objects the platform hands out.
 */
import { mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import lwc from '@lwc/rollup-plugin';
import { transform } from 'esbuild';
import { rollup, type Plugin } from 'rollup';
import { DEFAULT_LABELS_FILE as LABELS_FILE, readLabels } from '../build/load-config';
import { iconKeys, iconSubset } from './icons';
import { PREVIEW_DIR } from './paths';

const ROOT = resolve(__dirname, '../..');
const LWC_DIR = join(ROOT, 'force-app/main/default/lwc');
const CLIENT_DIR = join(__dirname, 'client');

/** The platform modules the preview provides itself, by specifier. */
const PLATFORM = [
  'lightning/graphql',
  'lightning/uiRecordApi',
  'lightning/navigation',
  'lightning/platformShowToastEvent',
  'lightning/pageReferenceUtils',
  'lightning/recordEditForm',
  'lightning/inputField',
  'lightning/recordPicker'
];

const LBC = join(ROOT, 'node_modules/lightning-base-components');
const LBC_SCOPED = join(LBC, 'scopedImports');
const LBC_MODULES = join(LBC, 'src/lightning');

/**
 * `@salesforce/label/c.*`, `@salesforce/schema/*`, `@salesforce/user/Id`,
 * `@salesforce/client/formFactor` and `@salesforce/i18n/*` (the en_US values shipped with
 * lightning-base-components) as modules.
 */
function salesforceScopedModules(): Plugin {
  const labels = readLabels(LABELS_FILE);
  const PREFIX = '\0sf:';
  return {
    name: 'adoption-coach-scoped-modules',
    resolveId(source) {
      if (/^@salesforce\/(label\/c\.|schema\/|user\/Id$|client\/formFactor$)/.test(source))
        return PREFIX + source;
      if (source.startsWith('@salesforce/i18n/'))
        return join(LBC_SCOPED, `${source.replace(/\//g, '-')}.js`);
      return null;
    },
    load(id) {
      if (!id.startsWith(PREFIX)) return null;
      const source = id.slice(PREFIX.length);
      if (source.startsWith('@salesforce/label/c.')) {
        const name = source.slice('@salesforce/label/c.'.length);
        const value = labels.get(name);
        if (value === undefined) this.error(`Custom label '${name}' is not in ${LABELS_FILE}`);
        return `export default ${JSON.stringify(value)};`;
      }
      if (source.startsWith('@salesforce/schema/')) {
        const [objectApiName, ...field] = source.slice('@salesforce/schema/'.length).split('.');
        const ref = field.length
          ? { objectApiName, fieldApiName: field.join('.') }
          : { objectApiName };
        return `export default ${JSON.stringify(ref)};`;
      }
      const session = JSON.stringify(join(CLIENT_DIR, 'session.js'));
      if (source === '@salesforce/client/formFactor')
        return `export { formFactor as default } from ${session};`;
      return `export { userId as default } from ${session};`;
    }
  };
}

/**
 * The LWC engine reads `process.env.NODE_ENV` and the base components `import.meta.env.SSR`,
 * which a browser has neither of: a production build for the browser.
 */
function productionMode(): Plugin {
  const BUILD_FLAGS = /process\.env\.NODE_ENV|import\.meta\.env\.SSR/g;
  return {
    name: 'adoption-coach-production-mode',
    transform(code) {
      if (code.search(BUILD_FLAGS) === -1) return null;
      const replaced = code.replace(BUILD_FLAGS, (flag) =>
        flag === 'import.meta.env.SSR' ? 'false' : '"production"'
      );
      return { code: replaced, map: null };
    }
  };
}

function componentAliases() {
  const own = readdirSync(LWC_DIR)
    .filter((name) => statSync(join(LWC_DIR, name)).isDirectory())
    .map((name) => ({ name: `c/${name}`, path: join(LWC_DIR, name, `${name}.js`) }));
  const platform = PLATFORM.map((specifier) => {
    const name = specifier.split('/')[1];
    return { name: specifier, path: join(CLIENT_DIR, 'lightning', name, `${name}.js`) };
  });
  return [...platform, ...own];
}

/**
 * Minifies each chunk as the platform serves components in production: white space and local
 * names only. esbuild's syntax minification is left out: it rewrites the synthetic shadow's
 * block-scoped function declarations into clashing `var`s.
 */
function minified(): Plugin {
  return {
    name: 'adoption-coach-minified',
    async renderChunk(code) {
      const out = await transform(code, {
        format: 'esm',
        target: 'es2020',
        minifyWhitespace: true,
        minifyIdentifiers: true,
        minifySyntax: false,
        legalComments: 'none'
      });
      return { code: out.code, map: null };
    }
  };
}

/**
 * lightning-base-components' stylesheets for native shadow DOM: each component's
 * `*.lbc.native.css` and the SLDS rules only those import (`*.slds.css`, `lightning/sldsCommon`,
 * `lightning/sldsUtils*`…; not `lightning/sldsGenAiUtils`, which components' own stylesheets
 * import too). The platform compiles its own components' native-only CSS with
 * `disableSyntheticShadowSupport`, which marks it so that the engine renders none of it under
 * synthetic shadow, where the page's SLDS stylesheet styles them (salesforce/lwc#4709,
 * "Automatically ignore native-shadow-only CSS files in synthetic shadow", and #4780: "On
 * platform, nobody is doing [this] except for our own first-party components"). Compiled like the
 * rest, each base component would insert a scoped copy of those SLDS rules (30 KB for a form
 * element) into the page when it first renders.
 */
export const NATIVE_ONLY_CSS = [
  /[\\/]lightning-base-components[\\/].+\.native\.css$/,
  /[\\/]lightning-base-components[\\/].+\.slds\.css$/,
  /[\\/]lightning-base-components[\\/]src[\\/]lightning[\\/]slds(?!GenAiUtils)\w+[\\/]\w+\.css$/
];

/** Builds `.preview/` (app.js and its chunks); returns their size in bytes and the build time. */
export async function buildPreview(): Promise<{ file: string; bytes: number; ms: number }> {
  const started = Date.now();
  const lwcOptions = {
    rootDir: CLIENT_DIR,
    enableDynamicComponents: true,
    // Form-associated base components (combobox) call attachInternals under synthetic shadow.
    enableSyntheticElementInternals: true,
    modules: [...componentAliases(), { npm: 'lightning-base-components' }]
  };
  const bundle = await rollup({
    input: join(CLIENT_DIR, 'main.js'),
    // A single build: keeping every module's AST for a next one costs memory, and so time.
    cache: false,
    plugins: [
      // Only the icons the preview's sources name (see icons.ts).
      iconSubset(LBC_MODULES, iconKeys([LWC_DIR, CLIENT_DIR], LBC_MODULES)),
      salesforceScopedModules(),
      productionMode(),
      // The base components' native-shadow stylesheets first, then everything else.
      lwc({ ...lwcOptions, include: NATIVE_ONLY_CSS, disableSyntheticShadowSupport: true }),
      lwc({ ...lwcOptions, exclude: NATIVE_ONLY_CSS })
    ],
    onwarn(warning, warn) {
      // lightning-base-components' own templates draw compiler warnings (stray `key`s) and have
      // circular imports; neither is ours to fix, and both are harmless.
      if (warning.code === 'CIRCULAR_DEPENDENCY' || warning.code === 'THIS_IS_UNDEFINED') return;
      if (warning.id?.includes('node_modules/lightning-base-components/')) return;
      warn(warning);
    }
  });
  // Each page loads its own component's chunk; shared code (the engine, base components) is
  // split out once.
  rmSync(PREVIEW_DIR, { recursive: true, force: true });
  mkdirSync(PREVIEW_DIR, { recursive: true });
  const { output } = await bundle.write({
    dir: PREVIEW_DIR,
    format: 'esm',
    entryFileNames: 'app.js',
    chunkFileNames: 'chunks/[name]-[hash].js',
    plugins: [minified()]
  });
  await bundle.close();
  const file = join(PREVIEW_DIR, 'app.js');
  const bytes = output.reduce(
    (n, o) => n + (o.type === 'chunk' ? Buffer.byteLength(o.code) : 0),
    0
  );
  return { file, bytes, ms: Date.now() - started };
}

if (require.main === module) {
  buildPreview()
    .then((r) =>
      process.stdout.write(
        `preview built: ${r.file} (${(r.bytes / 1024).toFixed(0)} KB) in ${r.ms} ms\n`
      )
    )
    .catch((e: unknown) => {
      process.stderr.write(`preview build failed: ${(e as Error).message}\n`);
      process.exit(1);
    });
}

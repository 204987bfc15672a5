/**
 * Offline checks of what `sf project deploy start` would deploy. Each problem names the file
 * and the wrong reference.
 *
 * - every XML file is well formed;
 * - every field referenced exists in objects/ or on the list of known standard fields:
 *   `@salesforce/schema` imports, GraphQL queries of components, the sync's SOQL, permission
 *   sets, layouts, list views, compact layouts, report types and reports;
 * - permission sets grant no field that is required or master-detail (the platform refuses
 *   them), and name only existing objects, apps and tabs; apps, tabs, flexipages and dashboards
 *   name only existing tabs, pages, components and reports;
 * - every `@salesforce/label` of components and every label of config/coaching.config.json
 *   exists in labels/;
 * - each LWC bundle compiles with the platform compiler and imports only modules that exist
 *   (`checkBundles`);
 * - source-deploy-retrieve resolves every component of force-app and converts it to a
 *   package.xml listing them, with no test or TypeScript file (`checkConversion`);
 * - every tab's motif is on Salesforce's list of tab motifs (`tabMotifs`), and every component
 *   declares only the form factors its page types support (`FORM_FACTORS`);
 * - every field a component queries is readable by each role shown that component, and every
 *   field the sync reads by the sync's user (`accessProblems` in access.ts).
 *
 * Usage: tsx scripts/metadata/validate.ts [project root]   (exit 1 when a problem is found)
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve, sep } from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { referencedLabels } from '../engine/config-schema';
import type { CoachingConfig } from '../engine/config-types';
import { loadConfigFile } from '../build/load-config';
import { syncNeeds } from '../sync/fields';
import { accessProblems, type SyncNeeds } from './access';
import { gqlTemplates, graphqlReferences } from './graphql';
import { DEFAULT, loadSchema, parser, text, type Schema } from './schema';
import { soqlQueries } from './soql';

export interface Problem {
  file: string;
  message: string;
}

function walk(dir: string, out: string[] = []): string[] {
  if (!existsSync(dir)) return out;
  for (const name of readdirSync(dir).sort()) {
    if (name === 'node_modules' || name.startsWith('.')) continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walk(path, out);
    else out.push(path);
  }
  return out;
}

const list = <T>(v: T | T[] | undefined): T[] =>
  v === undefined ? [] : Array.isArray(v) ? v : [v];

export function labelNames(root: string): Set<string> {
  const file = join(root, DEFAULT, 'labels', 'CustomLabels.labels-meta.xml');
  if (!existsSync(file)) return new Set();
  return new Set(
    [...readFileSync(file, 'utf8').matchAll(/<fullName>([^<]+)<\/fullName>/g)].map((m) => m[1])
  );
}

/**
 * Resolves a reference path from `object` (relationships then a field; '[]' after a child
 * relationship). Returns the problem as text, or null when it resolves.
 */
export function resolvePath(schema: Schema, object: string, path: string[]): string | null {
  let current = object;
  for (let i = 0; i < path.length; i++) {
    const info = schema.get(current);
    if (!info) return `unknown object ${current}`;
    const name = path[i];
    const last = i === path.length - 1;
    if (path[i + 1] === '[]') {
      const child = info.children.get(name);
      if (!child) return `unknown child relationship ${current}.${name}`;
      current = child;
      i++;
      continue;
    }
    if (last) {
      if (info.fields.has(name)) return null;
      // A relationship selected as a whole (GraphQL `Owner { Id }` reaches here only via path).
      return `unknown field ${current}.${name}`;
    }
    const target = info.parents.get(name);
    if (!target) return `unknown relationship ${current}.${name}`;
    current = target;
  }
  return null;
}

const STANDARD_TAB = /^standard-/;
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

/**
 * The tab generator of the Salesforce CLI (`sf schema generate tab`, package
 * @salesforce/plugin-sobject, installed with @salesforce/cli) holds Salesforce's list of custom tab
 * motifs ('Custom15: People', ...) in lib/commands/schema/generate/tab.js. It is read from the
 * installed package at check time rather than copied here.
 */
const TAB_GENERATOR = join(
  '@salesforce',
  'plugin-sobject',
  'lib',
  'commands',
  'schema',
  'generate',
  'tab.js'
);

/** The motifs of the installed tab generator, or why they cannot be read. */
export function tabMotifs(root: string): Set<string> | string {
  const candidates = [root, resolve(__dirname, '..', '..')].flatMap((dir) => [
    join(dir, 'node_modules', TAB_GENERATOR),
    join(dir, 'node_modules', '@salesforce', 'cli', 'node_modules', TAB_GENERATOR)
  ]);
  const file = candidates.find((f) => existsSync(f));
  if (!file) return `${TAB_GENERATOR} is not installed (npm ci installs it with @salesforce/cli)`;
  const src = readFileSync(file, 'utf8');
  const at = src.indexOf('tabDefs = [');
  const body = at < 0 ? '' : src.slice(at, src.indexOf(']', at));
  const motifs = new Set([...body.matchAll(/['"](Custom\d+: [^'"]+)['"]/g)].map((m) => m[1]));
  return motifs.size ? motifs : `no motif list (tabDefs) found in ${file}`;
}

/**
 * Form factors each page type supports: "App and record pages support the Large and Small form
 * factors. Home pages support only the Large form factor." (LWC Developer Guide, "Configure Your
 * Component for Different Form Factors",
 * https://developer.salesforce.com/docs/platform/lwc/guide/use-config-form-factors.html).
 */
export const FORM_FACTORS: Record<string, string[]> = {
  lightning__AppPage: ['Large', 'Small'],
  lightning__RecordPage: ['Large', 'Small'],
  lightning__HomePage: ['Large']
};

const attrParser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  parseTagValue: false
});

/** A component's targetConfigs: form factors against the page types that allow them. */
function formFactorProblems(body: string): string[] {
  const bundle = (attrParser.parse(body).LightningComponentBundle ?? {}) as Record<string, unknown>;
  const targets = new Set(list((bundle.targets as Record<string, unknown>)?.target).map(text));
  const configs = (bundle.targetConfigs as Record<string, unknown> | undefined)?.targetConfig;
  const out: string[] = [];
  for (const config of list(configs) as Record<string, unknown>[]) {
    const names = text(config['@targets'])
      .split(',')
      .map((t) => t.trim())
      .filter(Boolean);
    for (const t of names)
      if (!targets.has(t)) out.push(`targetConfig names ${t}, which is not in <targets>`);
    const declared = (
      list(
        (config.supportedFormFactors as Record<string, unknown> | undefined)?.supportedFormFactor
      ) as Record<string, unknown>[]
    ).map((f) => text(f['@type']));
    if (!declared.length) continue;
    for (const t of names) {
      const allowed = FORM_FACTORS[t];
      if (!allowed) {
        out.push(`declares form factors for ${t}, whose supported form factors are not known here`);
        continue;
      }
      for (const f of declared)
        if (!allowed.includes(f))
          out.push(
            `declares the ${f} form factor for ${t}, which supports only ${allowed.join(' and ')}`
          );
    }
  }
  return out;
}

export interface ValidateOptions {
  /** What the sync reads (default: scripts/sync/fields.ts `syncNeeds` of the product's config); null skips the sync's check. */
  syncNeeds?: SyncNeeds | null;
  /** false leaves the access check out (default true). */
  access?: boolean;
}

/** Static checks (XML, fields, labels, cross-references). Fast: no compiler, no conversion. */
export function validate(rootArg: string, options: ValidateOptions = {}): Problem[] {
  const root = resolve(rootArg);
  const problems: Problem[] = [];
  const rel = (f: string) => relative(root, f).split(sep).join('/');
  const add = (file: string, message: string) => problems.push({ file: rel(file), message });
  const schema = loadSchema(root);
  const labels = labelNames(root);
  const base = join(root, DEFAULT);
  const check = (file: string, object: string, path: string[], where: string) => {
    const wrong = resolvePath(schema, object, path);
    if (wrong) add(file, `${where}: ${wrong}`);
  };
  const exists = (dir: string, name: string, suffix: string) =>
    existsSync(join(base, dir, `${name}${suffix}`));
  const bundles = new Set(
    existsSync(join(base, 'lwc'))
      ? readdirSync(join(base, 'lwc')).filter((n) => statSync(join(base, 'lwc', n)).isDirectory())
      : []
  );
  const tabExists = (t: string) =>
    STANDARD_TAB.test(t) ||
    exists('tabs', t, '.tab-meta.xml') ||
    exists('flexipages', t, '.flexipage-meta.xml');

  const motifs = tabMotifs(root);
  const docs = new Map<string, Record<string, unknown>>();
  for (const file of walk(join(root, 'force-app'))) {
    if (!file.endsWith('.xml')) continue;
    const body = readFileSync(file, 'utf8');
    const ok = XMLValidator.validate(body);
    if (ok !== true) {
      add(file, `malformed XML at line ${ok.err.line}: ${ok.err.msg}`);
      continue;
    }
    docs.set(file, parser.parse(body) as Record<string, unknown>);
  }

  for (const [file, doc] of docs) {
    const r = rel(file);
    if (r.endsWith('.permissionset-meta.xml')) {
      const ps = (doc.PermissionSet ?? {}) as Record<string, unknown>;
      for (const fp of list(ps.fieldPermissions) as Record<string, unknown>[]) {
        const name = text(fp.field);
        const [o, f] = name.split('.');
        const wrong = resolvePath(schema, o, [f ?? '']);
        if (wrong) add(file, `permission set grants: ${wrong}`);
        else {
          const info = schema.get(o)!.fields.get(f)!;
          if (info.required || info.type === 'MasterDetail')
            add(
              file,
              `permission set grants: ${name} is ${info.type === 'MasterDetail' ? 'master-detail' : 'required'}; its access cannot be set in a permission set`
            );
        }
      }
      for (const op of list(ps.objectPermissions) as Record<string, unknown>[]) {
        if (!schema.has(text(op.object)))
          add(file, `permission set grants: unknown object ${text(op.object)}`);
      }
      for (const av of list(ps.applicationVisibilities) as Record<string, unknown>[]) {
        const app = text(av.application);
        if (!app.startsWith('standard__') && !exists('applications', app, '.app-meta.xml'))
          add(file, `permission set: unknown application ${app}`);
      }
      for (const ts of list(ps.tabSettings) as Record<string, unknown>[]) {
        if (!tabExists(text(ts.tab))) add(file, `permission set: unknown tab ${text(ts.tab)}`);
      }
    }
    const objectPart = /objects\/([^/]+)\/(listViews|compactLayouts)\//.exec(r);
    if (objectPart) {
      const o = objectPart[1];
      if (objectPart[2] === 'listViews') {
        for (const c of list((doc.ListView as Record<string, unknown>)?.columns).map(text)) {
          if (/^[A-Z_]+$/.test(c)) continue; // standard column tokens (NAME, CREATED_DATE)
          check(file, o, [c], 'list view column');
        }
      } else {
        for (const c of list((doc.CompactLayout as Record<string, unknown>)?.fields).map(text))
          check(file, o, [c], 'compact layout field');
      }
    }
    if (r.endsWith('.layout-meta.xml')) {
      const o = /layouts\/([^-/]+)-/.exec(r)?.[1] ?? '';
      if (!schema.has(o)) add(file, `layout: unknown object ${o}`);
      else {
        const layout = (doc.Layout ?? {}) as Record<string, unknown>;
        for (const s of list(layout.layoutSections) as Record<string, unknown>[])
          for (const c of list(s.layoutColumns) as Record<string, unknown>[])
            for (const item of list(c.layoutItems) as Record<string, unknown>[])
              if (item.field) check(file, o, [text(item.field)], 'layout field');
      }
    }
    if (r.endsWith('.reportType-meta.xml')) {
      const rt = (doc.ReportType ?? {}) as Record<string, unknown>;
      const baseObject = text(rt.baseObject);
      if (!schema.has(baseObject)) add(file, `report type: unknown object ${baseObject}`);
      for (const s of list(rt.sections) as Record<string, unknown>[])
        for (const c of list(s.columns) as Record<string, unknown>[])
          check(file, text(c.table), text(c.field).split('.'), 'report type column');
    }
    if (r.endsWith('.report-meta.xml')) {
      const rep = (doc.Report ?? {}) as Record<string, unknown>;
      const type = text(rep.reportType);
      const custom = /^(\w+)__c$/.exec(type);
      if (custom && !exists('reportTypes', custom[1], '.reportType-meta.xml'))
        add(file, `report: unknown report type ${type}`);
      const columns = [
        ...(list(rep.columns) as Record<string, unknown>[]).map((c) => text(c.field)),
        ...(list(rep.groupingsDown) as Record<string, unknown>[]).map((g) => text(g.field)),
        ...(list(rep.groupingsAcross) as Record<string, unknown>[]).map((g) => text(g.field)),
        text((rep.timeFrameFilter as Record<string, unknown> | undefined)?.dateColumn)
      ].filter(Boolean);
      const filter = rep.filter as Record<string, unknown> | undefined;
      for (const ci of list(filter?.criteriaItems) as Record<string, unknown>[])
        columns.push(text(ci.column));
      for (const col of columns) {
        // Custom report types name columns Object$Field (or Object$Lookup__c.Field).
        const m = /^(\w+)\$(.+)$/.exec(col);
        if (m) check(file, m[1], m[2].split('.'), 'report column');
      }
    }
    if (r.endsWith('.dashboard-meta.xml')) {
      const d = (doc.Dashboard ?? {}) as Record<string, unknown>;
      const grid = d.dashboardGridLayout as Record<string, unknown> | undefined;
      const components = (list(grid?.dashboardGridComponents) as Record<string, unknown>[]).map(
        (g) => g.dashboardComponent as Record<string, unknown>
      );
      for (const c of components) {
        const report = text(c?.report);
        if (report && !exists('reports', report, '.report-meta.xml'))
          add(file, `dashboard: unknown report ${report}`);
      }
    }
    if (r.endsWith('.flexipage-meta.xml')) {
      const fp = (doc.FlexiPage ?? {}) as Record<string, unknown>;
      for (const region of list(fp.flexiPageRegions) as Record<string, unknown>[])
        for (const item of list(region.itemInstances) as Record<string, unknown>[]) {
          const ci = item.componentInstance as Record<string, unknown> | undefined;
          const name = text(ci?.componentName);
          const m = /^c:(\w+)$/.exec(name);
          if (m && !bundles.has(m[1]))
            add(file, `flexipage: component ${name} does not exist in lwc/`);
          else if (m) {
            const meta = readFileSync(join(base, 'lwc', m[1], `${m[1]}.js-meta.xml`), 'utf8');
            const target = `lightning__${text(fp.type)}`;
            if (
              !/<isExposed>true<\/isExposed>/.test(meta) ||
              !meta.includes(`<target>${target}</target>`)
            )
              add(file, `flexipage: component ${name} is not exposed to ${target}`);
          }
        }
    }
    if (r.endsWith('.tab-meta.xml')) {
      const t = (doc.CustomTab ?? {}) as Record<string, unknown>;
      const name = /([^/]+)\.tab-meta\.xml$/.exec(r)![1];
      if (t.flexiPage && !exists('flexipages', text(t.flexiPage), '.flexipage-meta.xml'))
        add(file, `tab: unknown flexipage ${text(t.flexiPage)}`);
      if (text(t.customObject) === 'true' && !schema.get(name)?.custom)
        add(file, `tab: unknown custom object ${name}`);
      const motif = text(t.motif);
      if (typeof motifs === 'string') add(file, `tab: cannot check the motif: ${motifs}`);
      else if (!motifs.has(motif)) {
        const number = /^(Custom\d+):/.exec(motif)?.[1];
        const listed = number && [...motifs].find((m) => m.startsWith(`${number}:`));
        add(
          file,
          `tab: motif '${motif}' is not on Salesforce's list of tab motifs${listed ? ` (${number} is '${listed}')` : ''}`
        );
      }
    }
    if (r.endsWith('.js-meta.xml')) {
      for (const m of formFactorProblems(readFileSync(file, 'utf8'))) add(file, m);
    }
    if (r.endsWith('.app-meta.xml')) {
      const app = (doc.CustomApplication ?? {}) as Record<string, unknown>;
      for (const t of list(app.tabs).map(text))
        if (!tabExists(t)) add(file, `application: unknown tab ${t}`);
    }
  }

  // Components: schema imports, labels, GraphQL, no Apex.
  for (const file of walk(join(base, 'lwc'))) {
    if (!file.endsWith('.js') || file.includes(`${sep}__tests__${sep}`)) continue;
    const src = readFileSync(file, 'utf8');
    for (const m of src.matchAll(/@salesforce\/schema\/([A-Za-z0-9_]+)(?:\.([A-Za-z0-9_.]+))?/g)) {
      if (!m[2]) {
        if (!schema.has(m[1])) add(file, `schema import: unknown object ${m[1]}`);
      } else check(file, m[1], m[2].split('.'), 'schema import');
    }
    for (const m of src.matchAll(/@salesforce\/label\/c\.([A-Za-z0-9_]+)/g)) {
      if (!labels.has(m[1])) add(file, `label c.${m[1]} is not in labels/`);
    }
    if (/@salesforce\/apex/.test(src)) add(file, 'imports Apex (@salesforce/apex): not allowed');
    for (const t of gqlTemplates(src)) {
      try {
        for (const ref of graphqlReferences(t.text)) {
          const wrong = resolvePath(schema, ref.object, ref.path);
          if (wrong) add(file, `GraphQL query (line ${t.line}) ${ref.where}: ${wrong}`);
        }
      } catch (e) {
        add(file, `GraphQL query (line ${t.line}) cannot be read: ${(e as Error).message}`);
      }
    }
  }

  const configFile = join(root, 'config', 'coaching.config.json');
  if (existsSync(configFile)) {
    let config: CoachingConfig | null = null;
    try {
      config = JSON.parse(readFileSync(configFile, 'utf8')) as CoachingConfig;
    } catch (e) {
      add(configFile, `not valid JSON: ${(e as Error).message}`);
    }
    if (config) {
      for (const name of referencedLabels(config)) {
        if (!labels.has(name)) add(configFile, `label ${name} is not in labels/`);
      }
    }
  }

  // The sync's SOQL.
  for (const file of walk(join(root, 'scripts', 'sync')).filter((f) => f.endsWith('.ts'))) {
    for (const q of soqlQueries(readFileSync(file, 'utf8'))) {
      if (q.error) add(file, `SOQL (line ${q.line}) does not parse: ${q.error}`);
      for (const ref of q.references) {
        const wrong = resolvePath(schema, ref.object, ref.path);
        if (wrong) add(file, `SOQL (line ${q.line}): ${wrong}`);
      }
    }
  }
  if (options.access !== false) {
    // What the sync reads under the product's config.
    const needs = options.syncNeeds === undefined ? syncNeeds(loadConfigFile()) : options.syncNeeds;
    problems.push(...accessProblems(root, schema, needs ?? undefined));
  }
  return problems;
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

/**
 * source-deploy-retrieve resolves force-app and converts it to Metadata API format: every
 * source component is listed in the package.xml; no test or TypeScript file is converted.
 */
export async function checkConversion(rootArg: string): Promise<Problem[]> {
  const root = resolve(rootArg);
  const { ComponentSet, MetadataConverter } = await import('@salesforce/source-deploy-retrieve');
  const problems: Problem[] = [];
  const out = mkdtempSync(join(tmpdir(), 'adoption-coach-mdapi-'));
  try {
    const set = ComponentSet.fromSource(join(root, 'force-app'));
    const components = set.getSourceComponents().toArray();
    const result = await new MetadataConverter().convert(set, 'metadata', {
      type: 'directory',
      outputDirectory: out,
      genUniqueDir: false
    });
    const dir = result.packagePath ?? out;
    const pkg = readFileSync(join(dir, 'package.xml'), 'utf8');
    const members = new Set<string>();
    const types = list(parser.parse(pkg).Package?.types) as Record<string, unknown>[];
    for (const t of types)
      for (const m of list(t.members)) members.add(`${text(t.name)}:${text(m)}`);
    for (const c of components) {
      // Folders are listed under the type they hold (ReportFolder → Report).
      const listedAs = [c.type.name, c.type.name.replace(/Folder$/, '')];
      if (
        !listedAs.some(
          (t) => members.has(`${t}:${c.fullName}`) || members.has(`${t}:${c.fullName}/`)
        )
      )
        problems.push({
          file: rel(root, c.xml ?? c.content ?? ''),
          message: `${c.type.name} ${c.fullName} is missing from the converted package.xml`
        });
    }
    for (const f of walk(dir)) {
      if (f.includes(`${sep}__tests__${sep}`) || f.endsWith('.ts'))
        problems.push({
          file: relative(dir, f).split(sep).join('/'),
          message:
            'converted into the deployment although tests and TypeScript stay out (.forceignore)'
        });
    }
  } catch (e) {
    problems.push({
      file: 'force-app',
      message: `source-deploy-retrieve: ${(e as Error).message}`
    });
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
  return problems;
}

function rel(root: string, f: string): string {
  return relative(root, f).split(sep).join('/');
}

/** Every check: static, compiler, conversion. */
export async function validateAll(root: string): Promise<Problem[]> {
  return [...validate(root), ...checkBundles(root), ...(await checkConversion(root))];
}

if (require.main === module) {
  const root = process.argv[2] ?? resolve(__dirname, '..', '..');
  validateAll(root).then(
    (problems) => {
      for (const p of problems) process.stderr.write(`${p.file}: ${p.message}\n`);
      process.stderr.write(problems.length ? `${problems.length} problem(s)\n` : 'metadata OK\n');
      process.exit(problems.length ? 1 : 0);
    },
    (e: Error) => {
      process.stderr.write(`metadata validation failed: ${e.message}\n`);
      process.exit(1);
    }
  );
}

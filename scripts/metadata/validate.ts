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
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve, sep } from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { referencedLabels } from '../engine/config-labels';
import type { CoachingConfig } from '../engine/config-types';
import { loadConfigFile } from '../build/load-config';
import { syncNeeds } from '../sync/fields';
import { accessProblems, type SyncNeeds } from './access';
import { InterpolationError, gqlTemplates, graphqlReferences } from './graphql';
import { checkBundles } from './bundles';
import { ensureTool } from '../common/tools';
import { checkConversion } from './conversion';
import { DEFAULT, list, loadSchema, parser, relPath, text, walk, type Schema } from './schema';
import { soqlQueries } from './soql';

export interface Problem {
  file: string;
  message: string;
}

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

/**
 * The motifs of the tab generator of the Salesforce CLI tool (tools/sf-cli, installed on first
 * use), or why they cannot be read.
 */
export function tabMotifs(): Set<string> | string {
  const cli = ensureTool('sf-cli');
  const candidates = [
    join(cli, 'node_modules', TAB_GENERATOR),
    join(cli, 'node_modules', '@salesforce', 'cli', 'node_modules', TAB_GENERATOR)
  ];
  const file = candidates.find((f) => existsSync(f));
  if (!file)
    return `${TAB_GENERATOR} is not installed (node scripts/build/tools.mjs sf-cli installs it with @salesforce/cli)`;
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

type Doc = Record<string, unknown>;

/** What every check reads of the project, and where it reports. */
interface Checker {
  root: string;
  /** force-app/main/default */
  base: string;
  schema: Schema;
  labels: Set<string>;
  motifs: Set<string> | string;
  /** The LWC bundles' folder names. */
  bundles: Set<string>;
  add(file: string, message: string): void;
  /** Reports `path` from `object` when it does not resolve. */
  check(file: string, object: string, path: string[], where: string): void;
  /** Whether force-app/main/default/<dir>/<name><suffix> exists. */
  exists(dir: string, name: string, suffix: string): boolean;
  tabExists(tab: string): boolean;
}

function checker(root: string, problems: Problem[]): Checker {
  const base = join(root, DEFAULT);
  const schema = loadSchema(root);
  const add = (file: string, message: string) =>
    problems.push({ file: relPath(root, file), message });
  const exists = (dir: string, name: string, suffix: string) =>
    existsSync(join(base, dir, `${name}${suffix}`));
  return {
    root,
    base,
    schema,
    labels: labelNames(root),
    motifs: tabMotifs(),
    bundles: new Set(
      existsSync(join(base, 'lwc'))
        ? readdirSync(join(base, 'lwc')).filter((n) => statSync(join(base, 'lwc', n)).isDirectory())
        : []
    ),
    add,
    check: (file, object, path, where) => {
      const wrong = resolvePath(schema, object, path);
      if (wrong) add(file, `${where}: ${wrong}`);
    },
    exists,
    tabExists: (t) =>
      STANDARD_TAB.test(t) ||
      exists('tabs', t, '.tab-meta.xml') ||
      exists('flexipages', t, '.flexipage-meta.xml')
  };
}

/** Every XML file of force-app, parsed; malformed ones are reported and left out. */
function parsedXml(c: Checker): Map<string, Doc> {
  const docs = new Map<string, Doc>();
  for (const file of walk(join(c.root, 'force-app'))) {
    if (!file.endsWith('.xml')) continue;
    const body = readFileSync(file, 'utf8');
    const ok = XMLValidator.validate(body);
    if (ok !== true) {
      c.add(file, `malformed XML at line ${ok.err.line}: ${ok.err.msg}`);
      continue;
    }
    docs.set(file, parser.parse(body) as Doc);
  }
  return docs;
}

function checkPermissionSet(c: Checker, file: string, doc: Doc): void {
  const ps = (doc.PermissionSet ?? {}) as Doc;
  for (const fp of list(ps.fieldPermissions) as Doc[]) {
    const name = text(fp.field);
    const [o, f] = name.split('.');
    const wrong = resolvePath(c.schema, o, [f ?? '']);
    if (wrong) c.add(file, `permission set grants: ${wrong}`);
    else {
      const info = c.schema.get(o)!.fields.get(f)!;
      if (info.required || info.type === 'MasterDetail')
        c.add(
          file,
          `permission set grants: ${name} is ${info.type === 'MasterDetail' ? 'master-detail' : 'required'}; its access cannot be set in a permission set`
        );
    }
  }
  for (const op of list(ps.objectPermissions) as Doc[]) {
    if (!c.schema.has(text(op.object)))
      c.add(file, `permission set grants: unknown object ${text(op.object)}`);
  }
  for (const av of list(ps.applicationVisibilities) as Doc[]) {
    const app = text(av.application);
    if (!app.startsWith('standard__') && !c.exists('applications', app, '.app-meta.xml'))
      c.add(file, `permission set: unknown application ${app}`);
  }
  for (const ts of list(ps.tabSettings) as Doc[]) {
    if (!c.tabExists(text(ts.tab))) c.add(file, `permission set: unknown tab ${text(ts.tab)}`);
  }
}

/** A list view's columns or a compact layout's fields, on the object whose folder holds it. */
function checkObjectPart(c: Checker, file: string, doc: Doc, object: string, part: string): void {
  if (part === 'listViews') {
    for (const col of list((doc.ListView as Doc)?.columns).map(text)) {
      if (/^[A-Z_]+$/.test(col)) continue; // standard column tokens (NAME, CREATED_DATE)
      c.check(file, object, [col], 'list view column');
    }
  } else {
    for (const f of list((doc.CompactLayout as Doc)?.fields).map(text))
      c.check(file, object, [f], 'compact layout field');
  }
}

function checkLayout(c: Checker, file: string, doc: Doc): void {
  const o = /layouts\/([^-/]+)-/.exec(relPath(c.root, file))?.[1] ?? '';
  if (!c.schema.has(o)) {
    c.add(file, `layout: unknown object ${o}`);
    return;
  }
  const layout = (doc.Layout ?? {}) as Doc;
  for (const s of list(layout.layoutSections) as Doc[])
    for (const col of list(s.layoutColumns) as Doc[])
      for (const item of list(col.layoutItems) as Doc[])
        if (item.field) c.check(file, o, [text(item.field)], 'layout field');
}

function checkReportType(c: Checker, file: string, doc: Doc): void {
  const rt = (doc.ReportType ?? {}) as Doc;
  const baseObject = text(rt.baseObject);
  if (!c.schema.has(baseObject)) c.add(file, `report type: unknown object ${baseObject}`);
  for (const s of list(rt.sections) as Doc[])
    for (const col of list(s.columns) as Doc[])
      c.check(file, text(col.table), text(col.field).split('.'), 'report type column');
}

function checkReport(c: Checker, file: string, doc: Doc): void {
  const rep = (doc.Report ?? {}) as Doc;
  const type = text(rep.reportType);
  const custom = /^(\w+)__c$/.exec(type);
  if (custom && !c.exists('reportTypes', custom[1], '.reportType-meta.xml'))
    c.add(file, `report: unknown report type ${type}`);
  const columns = [
    ...(list(rep.columns) as Doc[]).map((col) => text(col.field)),
    ...(list(rep.groupingsDown) as Doc[]).map((g) => text(g.field)),
    ...(list(rep.groupingsAcross) as Doc[]).map((g) => text(g.field)),
    text((rep.timeFrameFilter as Doc | undefined)?.dateColumn)
  ].filter(Boolean);
  const filter = rep.filter as Doc | undefined;
  for (const ci of list(filter?.criteriaItems) as Doc[]) columns.push(text(ci.column));
  for (const col of columns) {
    // Custom report types name columns Object$Field (or Object$Lookup__c.Field).
    const m = /^(\w+)\$(.+)$/.exec(col);
    if (m) c.check(file, m[1], m[2].split('.'), 'report column');
  }
}

function checkDashboard(c: Checker, file: string, doc: Doc): void {
  const grid = (doc.Dashboard as Doc | undefined)?.dashboardGridLayout as Doc | undefined;
  for (const g of list(grid?.dashboardGridComponents) as Doc[]) {
    const report = text((g.dashboardComponent as Doc | undefined)?.report);
    if (report && !c.exists('reports', report, '.report-meta.xml'))
      c.add(file, `dashboard: unknown report ${report}`);
  }
}

function checkFlexipage(c: Checker, file: string, doc: Doc): void {
  const fp = (doc.FlexiPage ?? {}) as Doc;
  for (const region of list(fp.flexiPageRegions) as Doc[])
    for (const item of list(region.itemInstances) as Doc[]) {
      const name = text((item.componentInstance as Doc | undefined)?.componentName);
      const m = /^c:(\w+)$/.exec(name);
      if (!m) continue;
      if (!c.bundles.has(m[1])) {
        c.add(file, `flexipage: component ${name} does not exist in lwc/`);
        continue;
      }
      const meta = readFileSync(join(c.base, 'lwc', m[1], `${m[1]}.js-meta.xml`), 'utf8');
      const target = `lightning__${text(fp.type)}`;
      if (
        !/<isExposed>true<\/isExposed>/.test(meta) ||
        !meta.includes(`<target>${target}</target>`)
      )
        c.add(file, `flexipage: component ${name} is not exposed to ${target}`);
    }
}

function checkTab(c: Checker, file: string, doc: Doc): void {
  const t = (doc.CustomTab ?? {}) as Doc;
  const name = /([^/]+)\.tab-meta\.xml$/.exec(relPath(c.root, file))![1];
  if (t.flexiPage && !c.exists('flexipages', text(t.flexiPage), '.flexipage-meta.xml'))
    c.add(file, `tab: unknown flexipage ${text(t.flexiPage)}`);
  if (text(t.customObject) === 'true' && !c.schema.get(name)?.custom)
    c.add(file, `tab: unknown custom object ${name}`);
  const motif = text(t.motif);
  if (typeof c.motifs === 'string') c.add(file, `tab: cannot check the motif: ${c.motifs}`);
  else if (!c.motifs.has(motif)) {
    const number = /^(Custom\d+):/.exec(motif)?.[1];
    const listed = number && [...c.motifs].find((m) => m.startsWith(`${number}:`));
    c.add(
      file,
      `tab: motif '${motif}' is not on Salesforce's list of tab motifs${listed ? ` (${number} is '${listed}')` : ''}`
    );
  }
}

function checkApplication(c: Checker, file: string, doc: Doc): void {
  const app = (doc.CustomApplication ?? {}) as Doc;
  for (const t of list(app.tabs).map(text))
    if (!c.tabExists(t)) c.add(file, `application: unknown tab ${t}`);
}

/** The check of each kind of metadata file, by the end of its name. */
const FILE_CHECKS: [suffix: string, check: (c: Checker, file: string, doc: Doc) => void][] = [
  ['.permissionset-meta.xml', checkPermissionSet],
  ['.layout-meta.xml', checkLayout],
  ['.reportType-meta.xml', checkReportType],
  ['.report-meta.xml', checkReport],
  ['.dashboard-meta.xml', checkDashboard],
  ['.flexipage-meta.xml', checkFlexipage],
  ['.tab-meta.xml', checkTab],
  [
    '.js-meta.xml',
    (c, file) => formFactorProblems(readFileSync(file, 'utf8')).forEach((m) => c.add(file, m))
  ],
  ['.app-meta.xml', checkApplication]
];

function checkMetadataFile(c: Checker, file: string, doc: Doc): void {
  const r = relPath(c.root, file);
  const objectPart = /objects\/([^/]+)\/(listViews|compactLayouts)\//.exec(r);
  if (objectPart) checkObjectPart(c, file, doc, objectPart[1], objectPart[2]);
  for (const [suffix, check] of FILE_CHECKS) if (r.endsWith(suffix)) check(c, file, doc);
}

/** Components: schema imports, labels, GraphQL, no Apex. */
function checkComponentSource(c: Checker, file: string): void {
  const src = readFileSync(file, 'utf8');
  for (const m of src.matchAll(/@salesforce\/schema\/([A-Za-z0-9_]+)(?:\.([A-Za-z0-9_.]+))?/g)) {
    if (!m[2]) {
      if (!c.schema.has(m[1])) c.add(file, `schema import: unknown object ${m[1]}`);
    } else c.check(file, m[1], m[2].split('.'), 'schema import');
  }
  for (const m of src.matchAll(/@salesforce\/label\/c\.([A-Za-z0-9_]+)/g)) {
    if (!c.labels.has(m[1])) c.add(file, `label c.${m[1]} is not in labels/`);
  }
  if (/@salesforce\/apex/.test(src)) c.add(file, 'imports Apex (@salesforce/apex): not allowed');
  let templates: ReturnType<typeof gqlTemplates> = [];
  try {
    templates = gqlTemplates(src);
  } catch (e) {
    const line = e instanceof InterpolationError ? ` (line ${e.line})` : '';
    c.add(file, `GraphQL query${line} cannot be read: ${(e as Error).message}`);
  }
  for (const t of templates) {
    try {
      for (const ref of graphqlReferences(t.text)) {
        const wrong = resolvePath(c.schema, ref.object, ref.path);
        if (wrong) c.add(file, `GraphQL query (line ${t.line}) ${ref.where}: ${wrong}`);
      }
    } catch (e) {
      c.add(file, `GraphQL query (line ${t.line}) cannot be read: ${(e as Error).message}`);
    }
  }
}

/** Every label config/coaching.config.json names exists in labels/. */
function checkConfigLabels(c: Checker): void {
  const configFile = join(c.root, 'config', 'coaching.config.json');
  if (!existsSync(configFile)) return;
  let config: CoachingConfig;
  try {
    config = JSON.parse(readFileSync(configFile, 'utf8')) as CoachingConfig;
  } catch (e) {
    c.add(configFile, `not valid JSON: ${(e as Error).message}`);
    return;
  }
  for (const name of referencedLabels(config)) {
    if (!c.labels.has(name)) c.add(configFile, `label ${name} is not in labels/`);
  }
}

/** The sync's SOQL parses and names only fields that exist. */
function checkSyncSoql(c: Checker, file: string): void {
  for (const q of soqlQueries(readFileSync(file, 'utf8'))) {
    if (q.error) c.add(file, `SOQL (line ${q.line}) does not parse: ${q.error}`);
    for (const ref of q.references) {
      const wrong = resolvePath(c.schema, ref.object, ref.path);
      if (wrong) c.add(file, `SOQL (line ${q.line}): ${wrong}`);
    }
  }
}

/** Static checks (XML, fields, labels, cross-references). Fast: no compiler, no conversion. */
export function validate(rootArg: string, options: ValidateOptions = {}): Problem[] {
  const root = resolve(rootArg);
  const problems: Problem[] = [];
  const c = checker(root, problems);
  for (const [file, doc] of parsedXml(c)) checkMetadataFile(c, file, doc);
  for (const file of walk(join(c.base, 'lwc'))) {
    if (file.endsWith('.js') && !file.includes(`${sep}__tests__${sep}`))
      checkComponentSource(c, file);
  }
  checkConfigLabels(c);
  for (const file of walk(join(root, 'scripts', 'sync'))) {
    if (file.endsWith('.ts')) checkSyncSoql(c, file);
  }
  if (options.access !== false) {
    // What the sync reads under the product's config.
    const needs = options.syncNeeds === undefined ? syncNeeds(loadConfigFile()) : options.syncNeeds;
    problems.push(...accessProblems(root, c.schema, needs ?? undefined));
  }
  return problems;
}

export { bundleProblems, checkBundles, compileBundles, type BundleReport } from './bundles';
export { checkConversion } from './conversion';

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

/**
 * The offline access check: every field a component queries must be readable by each role whose
 * pages show that component, and every field the sync reads must be readable by the sync's user.
 * Read from the project's metadata only (permission sets, flexipages, tabs, components), and
 * judged by the local org's access model (scripts/local-org/access.ts), so the offline check and
 * the local org agree on what a profile and permission set give.
 *
 * - Who sees a component: a flexipage that places it (or a component that uses it, recursively)
 *   is shown to the holders of every permission set that makes a tab of that page Visible or
 *   Available. A component exposed to record pages that no flexipage of the project places is
 *   placed by the admin on the record pages of its objects (README's deploy steps), which every
 *   role opens: it is checked under every role.
 * - What a role can read: the Standard User profile (every role's profile) plus the role's
 *   permission set. The sync's user: "Minimum Access - Salesforce", which gives nothing, plus
 *   Adoption_Coach_Integration alone.
 * - A field read as optional (getRecord `optionalFields`, GraphQL `@optional`) passes: the
 *   platform leaves it out of the answer instead of failing the request.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import {
  FOLLOWS,
  loadPermissionSets as loadBundles,
  standardProfiles,
  UserAccess,
  type AccessSource,
  type PermissionBundle
} from '../local-org/access';
import { loadSchema as loadOrgSchema } from '../local-org/schema';
import type { Row, SObjectSchema } from '../local-org/types';
import { gqlTemplates, graphqlReferences } from './graphql';
import type { Schema } from './schema';
import type { Problem } from './validate';

/** The roles' permission sets, each held with the Standard User profile (README's deploy steps). */
export const ROLE_PERMISSION_SETS = [
  'Adoption_Coach_Rep',
  'Adoption_Coach_Manager',
  'Adoption_Coach_Sponsor'
];
/** The sync's permission set, held with the Minimum Access - Salesforce profile and nothing else. */
export const SYNC_PERMISSION_SET = 'Adoption_Coach_Integration';

/** What the sync reads, per object (the shape of `syncNeeds(config)` in scripts/sync/fields.ts). */
export type SyncNeeds = Record<string, { read: readonly string[]; optional?: readonly string[] }>;

export type Profile = 'Standard User' | 'Minimum Access - Salesforce';

const DEFAULT = join('force-app', 'main', 'default');
const parser = new XMLParser({ ignoreAttributes: false, parseTagValue: false });
const list = <T>(v: T | T[] | undefined): T[] =>
  v === undefined ? [] : Array.isArray(v) ? v : [v];
const text = (v: unknown): string => (v === undefined || v === null ? '' : String(v));
const yes = (v: unknown) => text(v) === 'true';

function readXml(file: string): Record<string, unknown> | null {
  try {
    return parser.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  } catch {
    return null; // malformed XML is reported by validate()
  }
}

function filesIn(dir: string, suffix: string): string[] {
  return existsSync(dir)
    ? readdirSync(dir)
        .filter((f) => f.endsWith(suffix))
        .sort()
        .map((f) => join(dir, f))
    : [];
}

/** Each permission set's tabs set Visible or Available (what shows its pages). */
export function tabSettings(root: string): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const file of filesIn(join(root, DEFAULT, 'permissionsets'), '.permissionset-meta.xml')) {
    const ps = (readXml(file)?.PermissionSet ?? {}) as Record<string, unknown>;
    const tabs = new Set<string>();
    for (const ts of list(ps.tabSettings) as Record<string, unknown>[])
      if (text(ts.visibility) === 'Visible' || text(ts.visibility) === 'Available')
        tabs.add(text(ts.tab));
    out.set(file.slice(file.lastIndexOf(sep) + 1).replace('.permissionset-meta.xml', ''), tabs);
  }
  return out;
}

/**
 * What one profile plus permission sets can read, judged by the local org's access model
 * (scripts/local-org/access.ts, which cites Salesforce's documentation for each rule: the
 * standard profiles, object and field permissions, fields without field-level security, objects
 * that follow another, setup and share objects). The model reads a user's access from the org's
 * records, so this is a one-user org: the user, their profile and their assignments.
 */
export class Reader {
  private readonly access: UserAccess;

  constructor(
    private readonly org: Map<string, SObjectSchema>,
    profile: PermissionBundle,
    sets: PermissionBundle[]
  ) {
    const rows = new Map<string, Row>();
    const byObject = new Map<string, Row[]>();
    const add = (object: string, row: Row) => {
      rows.set(row.Id, row);
      byObject.set(object, [...(byObject.get(object) ?? []), row]);
    };
    add('Profile', { Id: 'profile', Name: profile.name });
    add('User', { Id: 'user', ProfileId: 'profile' });
    sets.forEach((set, i) => {
      add('PermissionSet', { Id: `set${i}`, Name: set.name });
      add('PermissionSetAssignment', {
        Id: `assign${i}`,
        AssigneeId: 'user',
        PermissionSetId: `set${i}`
      });
    });
    const source: AccessSource = {
      schema: (name) => org.get(name),
      getById: (id) => rows.get(id),
      scan: (object) => byObject.get(object) ?? [],
      children: (child, field, parentId) =>
        (byObject.get(child) ?? []).filter((r) => r[field] === parentId),
      sharingModel: () => undefined,
      objectOf: () => undefined,
      profiles: new Map([[profile.name, profile]]),
      permissionSets: new Map(sets.map((s) => [s.name, s]))
    };
    this.access = new UserAccess('user', source);
  }

  /** Why this user cannot read `object` (and `field`), or null when they can. */
  cannotRead(object: string, field?: string): string | null {
    const schema = this.org.get(object);
    if (!schema) return `${object} is not an object of the org`;
    if (!this.access.object(object).read) {
      const through =
        FOLLOWS[object]?.object ??
        (object.endsWith('__Share') ? object.replace(/__Share$/, '__c') : undefined);
      return through ? `no Read on ${through}, which ${object} follows` : `no Read on ${object}`;
    }
    if (field === undefined) return null;
    const f = schema.fields.find((x) => x.name === field);
    if (!f) return `${object}.${field} is not a field of the org`;
    return this.access.field(schema, f).readable
      ? null
      : `no read access to the field ${object}.${field}`;
  }
}

/** The org's objects and the profile and permission sets of every reader of the project. */
export function readers(root: string): {
  org: Map<string, SObjectSchema>;
  reader: (set: string) => Reader;
} {
  const org = loadOrgSchema(join(root, DEFAULT, 'objects'));
  const bundles = new Map(
    loadBundles(org, join(root, DEFAULT, 'permissionsets')).map((b) => [b.name, b])
  );
  const profiles = new Map(standardProfiles().map((p) => [p.name, p]));
  const cache = new Map<string, Reader>();
  const reader = (set: string): Reader => {
    if (!cache.has(set)) {
      const granted = bundles.get(set);
      cache.set(set, new Reader(org, profiles.get(profileOf(set))!, granted ? [granted] : []));
    }
    return cache.get(set)!;
  };
  return { org, reader };
}

/** One read a component or the sync makes: the object and field it ends on. */
export interface Read {
  object: string;
  field?: string;
}

/**
 * The objects and fields read along a reference path (as resolvePath takes it): each lookup
 * followed reads the lookup field (`Manager__r` → `Manager__c`, `Owner` → `OwnerId`) and the
 * object it points to; a child relationship reads the child object. Null when it does not resolve
 * (validate() reports that).
 */
export function readsAlong(schema: Schema, object: string, path: string[]): Read[] | null {
  const out: Read[] = [{ object }];
  let current = object;
  for (let i = 0; i < path.length; i++) {
    const info = schema.get(current);
    if (!info) return null;
    const name = path[i];
    if (path[i + 1] === '[]') {
      const child = info.children.get(name);
      if (!child) return null;
      out.push({ object: child });
      current = child;
      i++;
    } else if (i === path.length - 1) {
      if (!info.fields.has(name)) return null;
      out.push({ object: current, field: name });
    } else {
      const target = info.parents.get(name);
      if (!target) return null;
      out.push({
        object: current,
        field: name.endsWith('__r') ? `${name.slice(0, -1)}c` : `${name}Id`
      });
      out.push({ object: target });
      current = target;
    }
  }
  return out;
}

/** A read of a component, with where it is written. */
interface ComponentRead extends Read {
  file: string;
  where: string;
  optional: boolean;
}

/** The reads of one bundle's JavaScript and HTML (not its children). */
export function componentReads(root: string, bundle: string, schema: Schema): ComponentRead[] {
  const dir = join(root, DEFAULT, 'lwc', bundle);
  const out: ComponentRead[] = [];
  const rel = (f: string) => relative(root, f).split(sep).join('/');
  const add = (file: string, where: string, optional: boolean, reads: Read[] | null) => {
    for (const r of reads ?? []) out.push({ ...r, file: rel(file), where, optional });
  };
  const js = join(dir, `${bundle}.js`);
  if (existsSync(js)) {
    const src = readFileSync(js, 'utf8');
    for (const m of src.matchAll(/@salesforce\/schema\/([A-Za-z0-9_]+)(?:\.([A-Za-z0-9_.]+))?/g))
      add(js, 'schema import', false, readsAlong(schema, m[1], m[2] ? m[2].split('.') : []));
    let templates: ReturnType<typeof gqlTemplates> = [];
    try {
      templates = gqlTemplates(src);
    } catch {
      // an interpolation that is no shared selection: reported by validate()
    }
    for (const t of templates) {
      let refs: ReturnType<typeof graphqlReferences> = [];
      try {
        refs = graphqlReferences(t.text);
      } catch {
        continue; // reported by validate()
      }
      for (const ref of refs)
        add(
          js,
          `GraphQL query, line ${t.line}`,
          ref.optional === true,
          readsAlong(schema, ref.object, ref.path)
        );
    }
    // getRecord's `fields` written as 'Object.Field' strings (schema imports are read above;
    // `optionalFields` are optional by definition).
    for (const w of src.matchAll(/@wire\(\s*getRecord\s*,\s*\{([^}]*)\}/g)) {
      const fields = /(?:^|[\s,{])fields\s*:\s*\[([^\]]*)\]/.exec(w[1]);
      for (const f of fields?.[1].matchAll(/['"]([A-Za-z0-9_]+)\.([A-Za-z0-9_.]+)['"]/g) ?? [])
        add(js, 'getRecord fields', false, readsAlong(schema, f[1], f[2].split('.')));
    }
  }
  const html = join(dir, `${bundle}.html`);
  if (existsSync(html)) {
    const src = readFileSync(html, 'utf8');
    // lightning-record-(edit|view)-form with a literal object: its literal field names. Forms
    // whose object or fields are expressions are left to the getRecord read that feeds them.
    for (const form of src.matchAll(
      /<lightning-record-(?:edit|view)-form\b[^>]*\bobject-api-name="([A-Za-z0-9_]+)"[^>]*>([\s\S]*?)<\/lightning-record-(?:edit|view)-form>/g
    ))
      for (const f of form[2].matchAll(/\bfield-name="([A-Za-z0-9_]+)"/g))
        add(html, 'record form field', false, readsAlong(schema, form[1], [f[1]]));
  }
  return out;
}

/** The c-* components a bundle's template uses (bundle names). */
function childBundles(root: string, bundle: string): string[] {
  const html = join(root, DEFAULT, 'lwc', bundle, `${bundle}.html`);
  if (!existsSync(html)) return [];
  return [
    ...new Set(
      [...readFileSync(html, 'utf8').matchAll(/<c-([a-z0-9-]+)/g)].map((m) =>
        m[1].replace(/-([a-z0-9])/g, (_, ch: string) => ch.toUpperCase())
      )
    )
  ];
}

/** Bundle → the permission sets whose holders are shown it (see the header). */
export function audiences(
  root: string,
  tabs: Map<string, Set<string>>,
  roles: string[] = ROLE_PERMISSION_SETS
): Map<string, Set<string>> {
  const base = join(root, DEFAULT);
  const pageTabs = new Map<string, string[]>();
  for (const file of filesIn(join(base, 'tabs'), '.tab-meta.xml')) {
    const page = text((readXml(file)?.CustomTab as Record<string, unknown> | undefined)?.flexiPage);
    const tab = file.slice(file.lastIndexOf(sep) + 1).replace('.tab-meta.xml', '');
    if (page) pageTabs.set(page, [...(pageTabs.get(page) ?? []), tab]);
  }
  const out = new Map<string, Set<string>>();
  const show = (bundle: string, set: string, seen = new Set<string>()) => {
    if (seen.has(bundle)) return;
    seen.add(bundle);
    if (!out.has(bundle)) out.set(bundle, new Set());
    out.get(bundle)!.add(set);
    for (const child of childBundles(root, bundle)) show(child, set, seen);
  };
  const placed = new Set<string>();
  for (const file of filesIn(join(base, 'flexipages'), '.flexipage-meta.xml')) {
    const page = file.slice(file.lastIndexOf(sep) + 1).replace('.flexipage-meta.xml', '');
    const fp = (readXml(file)?.FlexiPage ?? {}) as Record<string, unknown>;
    const components: string[] = [];
    for (const region of list(fp.flexiPageRegions) as Record<string, unknown>[])
      for (const item of list(region.itemInstances) as Record<string, unknown>[]) {
        const name = text((item.componentInstance as Record<string, unknown>)?.componentName);
        const m = /^c:(\w+)$/.exec(name);
        if (m) components.push(m[1]);
      }
    components.forEach((c) => placed.add(c));
    for (const tab of pageTabs.get(page) ?? [])
      for (const role of roles)
        if (tabs.get(role)?.has(tab)) components.forEach((c) => show(c, role));
  }
  const lwc = join(base, 'lwc');
  for (const bundle of existsSync(lwc) ? readdirSync(lwc).sort() : []) {
    const meta = join(lwc, bundle, `${bundle}.js-meta.xml`);
    if (placed.has(bundle) || !existsSync(meta) || !statSync(meta).isFile()) continue;
    const doc = (readXml(meta)?.LightningComponentBundle ?? {}) as Record<string, unknown>;
    const targets = list((doc.targets as Record<string, unknown> | undefined)?.target).map(text);
    if (yes(doc.isExposed) && targets.includes('lightning__RecordPage'))
      for (const role of roles) show(bundle, role);
  }
  return out;
}

/** Profile of each permission set's holders (README's deploy steps). */
function profileOf(set: string): Profile {
  return set === SYNC_PERMISSION_SET ? 'Minimum Access - Salesforce' : 'Standard User';
}

/**
 * Every read of a component that a role shown it cannot make, and every field the sync reads
 * that its user cannot read. Each problem names the component (its file) or the sync, the field,
 * the role's permission set and its file.
 */
export function accessProblems(rootArg: string, schema: Schema, syncNeeds?: SyncNeeds): Problem[] {
  const root = resolve(rootArg);
  let reader: (set: string) => Reader;
  try {
    reader = readers(root).reader;
  } catch (e) {
    return [
      { file: 'force-app', message: `the access model cannot be read: ${(e as Error).message}` }
    ];
  }
  const setFile = (set: string) =>
    `force-app/main/default/permissionsets/${set}.permissionset-meta.xml`;
  // One problem per reader, permission set and missing grant, naming the fields it blocks.
  const found = new Map<
    string,
    { file: string; who: string; set: string; why: string; what: Set<string>; where: Set<string> }
  >();
  const note = (
    file: string,
    who: string,
    set: string,
    why: string,
    read: Read,
    where?: string
  ) => {
    const key = [file, who, set, why].join('\n');
    if (!found.has(key)) found.set(key, { file, who, set, why, what: new Set(), where: new Set() });
    const f = found.get(key)!;
    f.what.add(read.field ? `${read.object}.${read.field}` : read.object);
    if (where) f.where.add(where);
  };
  for (const [bundle, roles] of audiences(root, tabSettings(root))) {
    const reads = componentReads(root, bundle, schema).filter((r) => !r.optional);
    for (const role of roles)
      for (const r of reads) {
        const why = reader(role).cannotRead(r.object, r.field);
        if (why) note(r.file, bundle, role, why, r, r.where);
      }
  }
  for (const [object, needs] of Object.entries(syncNeeds ?? {}))
    for (const field of needs.read)
      for (const read of readsAlong(schema, object, field.split('.')) ?? []) {
        const why = reader(SYNC_PERMISSION_SET).cannotRead(read.object, read.field);
        if (why) note('scripts/sync/fields.ts', 'the sync', SYNC_PERMISSION_SET, why, read);
      }
  return [...found.values()].map((f) => {
    // An object read alone is implied by its fields when some are listed.
    const what = [...f.what].filter(
      (w) => w.includes('.') || ![...f.what].some((x) => x.startsWith(`${w}.`))
    );
    const where = f.where.size ? ` (${[...f.where].join('; ')})` : '';
    return {
      file: f.file,
      message: `${f.who} reads ${what.join(', ')}${where}; the holders of ${f.set} (${profileOf(f.set)} profile) cannot: ${f.why} (${setFile(f.set)})`
    };
  });
}

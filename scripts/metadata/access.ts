/**
 * The offline access check: every field a component queries must be readable by each role whose
 * pages show that component, and every field the sync reads must be readable by the sync's user.
 * Read from the project's metadata only (permission sets, flexipages, tabs, components); the
 * profiles are modelled below from Salesforce's documentation.
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
import { gqlTemplates, graphqlReferences } from './graphql';
import { CUSTOM_OBJECT_FIELDS, SYSTEM_FIELDS, type Problem, type Schema } from './validate';

/** The roles' permission sets, each held with the Standard User profile (README's deploy steps). */
export const ROLE_PERMISSION_SETS = [
  'Adoption_Coach_Rep',
  'Adoption_Coach_Manager',
  'Adoption_Coach_Sponsor'
];
/** The sync's permission set, held with the Minimum Access - Salesforce profile and nothing else. */
export const SYNC_PERMISSION_SET = 'Adoption_Coach_Integration';

/** What the sync reads, per object (the shape of `NEEDS` in scripts/sync/fields.ts). */
export type SyncNeeds = Record<string, { read: string[]; optional?: string[] }>;

export type Profile = 'Standard User' | 'Minimum Access - Salesforce';

export interface PermissionSetGrants {
  name: string;
  /** Path from the project root. */
  file: string;
  /** Objects with Read (allowRead, or View All / Modify All, which include it). */
  readObjects: Set<string>;
  /** `Object.Field` with readable (or editable, which includes it) true. */
  readFields: Set<string>;
  /** Tabs set Visible or Available. */
  tabs: Set<string>;
  /** Enabled user permissions (ViewSetup, ...). */
  userPermissions: Set<string>;
}

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

/** The permission sets of force-app, by name. */
export function loadPermissionSets(root: string): Map<string, PermissionSetGrants> {
  const out = new Map<string, PermissionSetGrants>();
  for (const file of filesIn(join(root, DEFAULT, 'permissionsets'), '.permissionset-meta.xml')) {
    const ps = (readXml(file)?.PermissionSet ?? {}) as Record<string, unknown>;
    const name = file.slice(file.lastIndexOf(sep) + 1).replace('.permissionset-meta.xml', '');
    const grants: PermissionSetGrants = {
      name,
      file: relative(root, file).split(sep).join('/'),
      readObjects: new Set(),
      readFields: new Set(),
      tabs: new Set(),
      userPermissions: new Set()
    };
    for (const op of list(ps.objectPermissions) as Record<string, unknown>[])
      if (yes(op.allowRead) || yes(op.viewAllRecords) || yes(op.modifyAllRecords))
        grants.readObjects.add(text(op.object));
    for (const fp of list(ps.fieldPermissions) as Record<string, unknown>[])
      if (yes(fp.readable) || yes(fp.editable)) grants.readFields.add(text(fp.field));
    for (const up of list(ps.userPermissions) as Record<string, unknown>[])
      if (yes(up.enabled)) grants.userPermissions.add(text(up.name));
    for (const ts of list(ps.tabSettings) as Record<string, unknown>[])
      if (text(ts.visibility) === 'Visible' || text(ts.visibility) === 'Available')
        grants.tabs.add(text(ts.tab));
    out.set(name, grants);
  }
  return out;
}

/**
 * Standard fields that come with Read on their object and that no permission set can grant:
 * the required fields (as for custom fields, "its access cannot be set in a permission set"), and
 * fields the platform maintains that are not on the object's field-level security list (Setup →
 * Object Manager → the object → Fields & Relationships → Set Field-Level Security lists the
 * others). Everything else of a standard object (Opportunity.NextStep, Contact.Title,
 * Task.ActivityDate, OpportunityContactRole.Role, ...) needs a field permission unless the
 * profile gives it.
 */
const WITH_OBJECT: Record<string, string[]> = {
  Opportunity: [
    'StageName',
    'CloseDate',
    'IsClosed',
    'IsWon',
    'LastActivityDate',
    'LastStageChangeDate'
  ],
  Account: ['LastActivityDate'],
  Contact: ['LastName', 'LastActivityDate'],
  Lead: ['LastName', 'Company', 'Status', 'IsConverted', 'LastActivityDate'],
  OpportunityContactRole: ['OpportunityId', 'ContactId'],
  OpportunityHistory: ['OpportunityId', 'StageName', 'Amount', 'CloseDate', 'Probability'],
  Task: ['Status'],
  Event: []
};

/**
 * Objects with no object permission of their own: reading them follows Read on another object.
 * OpportunityHistory and OpportunityContactRole are read through their opportunity.
 */
const READ_THROUGH: Record<string, string> = {
  OpportunityHistory: 'Opportunity',
  OpportunityContactRole: 'Opportunity'
};

/**
 * The share object of a custom object (`Thing__Share`) takes no permission of its own. Share
 * objects follow their object: "For specific special access rules, if any, see the documentation
 * for the standard object" (Object Reference, "StandardObjectNameShare",
 * https://developer.salesforce.com/docs/atlas.en-us.retail_api.meta/retail_api/sforce_api_associated_objects_share.htm).
 * It is read through Read on its parent object, and its fields have no field-level security.
 */
function shareParent(object: string): string | undefined {
  if (object.endsWith('__Share')) return object.replace(/__Share$/, '__c');
  return undefined;
}

/**
 * Every internal user can query User records (which ones is decided by the org's user sharing);
 * the User object takes no object permission in a profile or permission set. Object Reference,
 * "User": https://developer.salesforce.com/docs/atlas.en-us.object_reference.meta/object_reference/sforce_api_objects_user.htm
 * (its special access rules restrict creating and updating users, not reading them).
 */
const READABLE_BY_ALL = new Set(['User']);

/**
 * Setup objects read with a user permission instead of an object permission; their fields have no
 * field-level security. "As of Summer '20 and later, only users who have one of these permissions
 * can access this object: View Setup and Configuration, Assign Permission Sets, Manage User"
 * (Object Reference, "PermissionSetAssignment",
 * https://developer.salesforce.com/docs/atlas.en-us.object_reference.meta/object_reference/sforce_api_objects_permissionsetassignment.htm;
 * the same rule on "PermissionSet"). Standard User has View Setup and Configuration ("can view
 * the org's setup", Salesforce Help, "Standard Profiles"); Minimum Access has none.
 */
const READ_WITH_USER_PERMISSION: Record<string, string[]> = {
  PermissionSetAssignment: ['ViewSetup', 'AssignPermissionSets', 'ManageUsers'],
  PermissionSet: ['ViewSetup', 'AssignPermissionSets', 'ManageUsers']
};

/**
 * What a profile gives, modelled conservatively:
 * - Standard User: Read on the standard sales objects and their standard fields, as in a new org
 *   ("Standard User: can create and edit most major types of records", Salesforce Help,
 *   "Standard Profiles", https://help.salesforce.com/s/articleView?id=platform.standard_profiles.htm).
 *   Nothing on custom objects or custom fields: "When a custom object is created, most profiles
 *   (except those with 'Modify All Data') don't give access to the object" (Force.com
 *   Fundamentals, "Standard Profiles",
 *   https://developer.salesforce.com/docs/atlas.en-us.fundamentals.meta/fundamentals/adg_securing_data_standard_profiles.htm),
 *   and this project deploys no profile, so its custom fields are granted by permission sets only.
 * - Minimum Access - Salesforce: nothing.
 */
function profileReads(profile: Profile, schema: Schema, object: string, field?: string): boolean {
  if (profile !== 'Standard User') return false;
  const info = schema.get(object);
  if (!info || info.custom) return false;
  return field === undefined || !field.endsWith('__c');
}

/** Why `grants` (with `profile`) cannot read `object` (and `field`), or null when it can. */
export function cannotRead(
  schema: Schema,
  profile: Profile,
  grants: PermissionSetGrants | undefined,
  object: string,
  field?: string
): string | null {
  const setup = READ_WITH_USER_PERMISSION[object];
  if (setup) {
    const allowed =
      profile === 'Standard User' || setup.some((p) => grants?.userPermissions.has(p));
    return allowed ? null : `no ${setup.join(', ')} user permission to read ${object}`;
  }
  const readsObject = (o: string): boolean =>
    READABLE_BY_ALL.has(o) ||
    (READ_THROUGH[o] ? readsObject(READ_THROUGH[o]) : false) ||
    (shareParent(o) ? readsObject(shareParent(o)!) : false) ||
    profileReads(profile, schema, o) ||
    (grants?.readObjects.has(o) ?? false);
  if (!readsObject(object)) {
    const through = READ_THROUGH[object] ?? shareParent(object);
    return through ? `no Read on ${through}, which ${object} follows` : `no Read on ${object}`;
  }
  if (field === undefined || READABLE_BY_ALL.has(object) || shareParent(object)) return null;
  const info = schema.get(object)?.fields.get(field);
  if (
    // Id, the audit fields, Name and OwnerId come with the object on every object.
    SYSTEM_FIELDS.includes(field) ||
    CUSTOM_OBJECT_FIELDS.includes(field) ||
    WITH_OBJECT[object]?.includes(field) ||
    info?.required ||
    info?.type === 'MasterDetail' ||
    profileReads(profile, schema, object, field) ||
    grants?.readFields.has(`${object}.${field}`)
  )
    return null;
  return `no read access to the field ${object}.${field}`;
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
    for (const t of gqlTemplates(src)) {
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
  sets: Map<string, PermissionSetGrants>,
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
        if (sets.get(role)?.tabs.has(tab)) components.forEach((c) => show(c, role));
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
  const sets = loadPermissionSets(root);
  const setFile = (set: string) =>
    sets.get(set)?.file ?? `force-app/main/default/permissionsets/${set}.permissionset-meta.xml`;
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
  for (const [bundle, roles] of audiences(root, sets)) {
    const reads = componentReads(root, bundle, schema).filter((r) => !r.optional);
    for (const role of roles)
      for (const r of reads) {
        const why = cannotRead(schema, profileOf(role), sets.get(role), r.object, r.field);
        if (why) note(r.file, bundle, role, why, r, r.where);
      }
  }
  const integration = sets.get(SYNC_PERMISSION_SET);
  for (const [object, needs] of Object.entries(syncNeeds ?? {}))
    for (const field of needs.read)
      for (const read of readsAlong(schema, object, field.split('.')) ?? []) {
        const why = cannotRead(
          schema,
          profileOf(SYNC_PERMISSION_SET),
          integration,
          read.object,
          read.field
        );
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

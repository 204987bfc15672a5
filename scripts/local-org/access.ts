/**
 * Salesforce's access model, as the local org enforces it on every API path: object and field
 * permissions from the user's profile plus the permission sets assigned to them, and record
 * access from ownership, the role hierarchy, org-wide defaults, manual shares and View All /
 * Modify All. Permission sets are read from the project's own metadata, so what deploys is what
 * the local org grants.
 *
 * Salesforce's documentation for each rule:
 * - Object permissions and their dependencies (Create, Edit and Delete need Read; Delete needs
 *   Edit; Modify All needs Read, Edit, Delete and View All):
 *   https://help.salesforce.com/s/articleView?id=sf.users_profiles_object_perms.htm
 *   https://help.salesforce.com/s/articleView?id=sf.perm_dependencies.htm
 * - Field-level security (read access, edit access; edit needs read; required and
 *   master-detail fields have no field-level security and come with the object):
 *   https://help.salesforce.com/s/articleView?id=sf.admin_fls.htm
 * - Standard profiles, and what they give on a new custom object ("When a custom object is
 *   created, most profiles (except those with Modify All Data) don't give access to the
 *   object"):
 *   https://developer.salesforce.com/docs/atlas.en-us.fundamentals.meta/fundamentals/adg_securing_data_standard_profiles.htm
 *   https://help.salesforce.com/s/articleView?id=sf.standard_profiles.htm
 * - Record access: org-wide defaults, the role hierarchy ("Grant Access Using Hierarchies"),
 *   manual sharing, View All / Modify All, View All Data / Modify All Data:
 *   https://help.salesforce.com/s/articleView?id=sf.security_data_access.htm
 *   https://help.salesforce.com/s/articleView?id=sf.security_sharing_owd_about.htm
 * - Master-detail: the detail's access is its master's; writing a detail needs Edit on the
 *   master unless the relationship's writeRequiresMasterRead is set (then Read suffices):
 *   https://developer.salesforce.com/docs/atlas.en-us.api_meta.meta/api_meta/customfield.htm
 * - Who may delete or transfer a record: its owner, users above the owner in the role hierarchy,
 *   and users with Modify All on the object or Modify All Data (Full Access):
 *   https://help.salesforce.com/s/articleView?id=sf.sharing_records_access_level.htm
 * - Share objects (__Share) exist for custom objects whose default is Private or Public Read
 *   Only, with RowCause Manual for records shared by hand:
 *   https://developer.salesforce.com/docs/atlas.en-us.object_reference.meta/object_reference/sforce_api_associated_objects_share.htm
 * - PermissionSet, PermissionSetAssignment, Profile: reading them needs View Setup and
 *   Configuration; assigning a permission set needs Assign Permission Sets:
 *   https://developer.salesforce.com/docs/atlas.en-us.object_reference.meta/object_reference/sforce_api_objects_permissionset.htm
 *   https://developer.salesforce.com/docs/atlas.en-us.object_reference.meta/object_reference/sforce_api_objects_permissionsetassignment.htm
 * - LoginHistory: every user reads their own logins (API 37.0 and later); reading everyone's
 *   needs Manage Users:
 *   https://developer.salesforce.com/docs/atlas.en-us.object_reference.meta/object_reference/sforce_api_objects_loginhistory.htm
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { ApiError } from './errors';
import { FORCE_APP_DIR } from './schema';
import type { FieldSchema, Row, SObjectSchema } from './types';

export const PERMISSION_SETS_DIR = join(FORCE_APP_DIR, 'permissionsets');

export interface ObjectAccess {
  read: boolean;
  create: boolean;
  edit: boolean;
  delete: boolean;
  viewAll: boolean;
  modifyAll: boolean;
}

const NO_ACCESS: ObjectAccess = Object.freeze({
  read: false,
  create: false,
  edit: false,
  delete: false,
  viewAll: false,
  modifyAll: false
});
const CRED: ObjectAccess = Object.freeze({
  ...NO_ACCESS,
  read: true,
  create: true,
  edit: true,
  delete: true
});
const ALL: ObjectAccess = Object.freeze({
  read: true,
  create: true,
  edit: true,
  delete: true,
  viewAll: true,
  modifyAll: true
});

/** User permissions the local org honours, by their metadata names. */
export type UserPermission =
  | 'ApiEnabled'
  | 'ViewSetup'
  | 'ViewAllData'
  | 'ModifyAllData'
  | 'ManageUsers'
  | 'AssignPermissionSets';

/** A profile or a permission set: object, field and user permissions. */
export interface PermissionBundle {
  name: string;
  label: string;
  objects: Map<string, ObjectAccess>;
  /** `Object.Field` → read and edit access. */
  fields: Map<string, { readable: boolean; editable: boolean }>;
  userPermissions: Set<UserPermission>;
  /** Standard User: every standard field of a standard object it can read. */
  standardFieldsVisible?: boolean;
}

/** Record access levels, in order. */
export type RecordAccess = 0 | 1 | 2 | 3;
export const NONE: RecordAccess = 0;
export const READ: RecordAccess = 1;
export const EDIT: RecordAccess = 2;
/** Full Access: edit, delete, transfer and share. */
export const FULL: RecordAccess = 3;

export type SharingModel = 'Private' | 'Read' | 'ReadWrite' | 'ControlledByParent';

/** The standard sales objects a Standard User reads, creates, edits and deletes. */
const SALES_OBJECTS = ['Account', 'Contact', 'Lead', 'Opportunity', 'Task', 'Event'];

/**
 * Objects with no object permissions of their own: their access follows another object
 * (an opportunity's contact roles and history follow the opportunity).
 */
export const FOLLOWS: Record<string, { object: string; field: string; readOnly?: boolean }> = {
  OpportunityContactRole: { object: 'Opportunity', field: 'OpportunityId' },
  OpportunityHistory: { object: 'Opportunity', field: 'OpportunityId', readOnly: true }
};

/** Setup objects: readable with View Setup and Configuration, no record sharing. */
const SETUP_OBJECTS = new Set([
  'Profile',
  'UserRole',
  'PermissionSet',
  'PermissionSetAssignment',
  'Group',
  'GroupMember'
]);

/** Fields without field-level security: they come with the object. */
const ALWAYS_VISIBLE = new Set([
  'Id',
  'Name',
  'OwnerId',
  'IsDeleted',
  'CreatedDate',
  'CreatedById',
  'LastModifiedDate',
  'LastModifiedById',
  'SystemModstamp',
  // Opportunity's closed and won flags follow its stage, a required field.
  'IsClosed',
  'IsWon',
  // Maintained by the platform from activities; the local org treats it as coming with the
  // record, a simplification to revisit if an org shows otherwise.
  'LastActivityDate'
]);

/** True when a field has field-level security (custom fields and most standard fields). */
export function hasFieldSecurity(object: SObjectSchema, f: FieldSchema): boolean {
  if (ALWAYS_VISIBLE.has(f.name)) return false;
  if (f.cascadeDelete) return false; // master-detail
  if (!f.nillable && f.type !== 'boolean') return false; // required
  if (SETUP_OBJECTS.has(object.name) || object.name === 'User') return false;
  if (object.name === 'LoginHistory') return false;
  if (object.name.endsWith('Share') || object.name === 'OpportunityHistory') return false;
  return true;
}

/**
 * The four profiles a new org has that Adoption Coach's users run on. Their object access to
 * standard objects is what a new Enterprise org gives; to this project's custom objects they
 * give nothing (Standard User) or everything (System Administrator, through Modify All Data).
 */
export function standardProfiles(): PermissionBundle[] {
  const bundle = (
    name: string,
    objects: [string, ObjectAccess][],
    perms: UserPermission[],
    standardFieldsVisible = false
  ): PermissionBundle => ({
    name,
    label: name,
    objects: new Map(objects),
    fields: new Map(),
    userPermissions: new Set(perms),
    standardFieldsVisible
  });
  return [
    bundle(
      'System Administrator',
      [],
      [
        'ApiEnabled',
        'ViewSetup',
        'ViewAllData',
        'ModifyAllData',
        'ManageUsers',
        'AssignPermissionSets'
      ],
      true
    ),
    bundle(
      'Standard User',
      SALES_OBJECTS.map((o) => [o, CRED]),
      ['ApiEnabled', 'ViewSetup'],
      true
    ),
    // https://help.salesforce.com/s/articleView?id=sf.users_profiles_minimum_access.htm :
    // minimum permissions; access comes from permission sets.
    bundle('Minimum Access - Salesforce', [], []),
    // https://help.salesforce.com/s/articleView?id=sf.integration_user.htm : API only, the rest
    // from permission sets.
    bundle('Salesforce Integration', [], ['ApiEnabled'])
  ];
}

const XML = new XMLParser({
  ignoreAttributes: true,
  parseTagValue: false,
  isArray: (name) => ['objectPermissions', 'fieldPermissions', 'userPermissions'].includes(name)
});

const bool = (v: unknown) => v === true || v === 'true';

/**
 * The project's permission sets. A file that Salesforce would refuse to deploy (a permission
 * without the ones it depends on, field-level security on a field that has none, a field or
 * object that does not exist) is an error naming the file and the entry.
 */
export function loadPermissionSets(
  schema: Map<string, SObjectSchema>,
  dir = PERMISSION_SETS_DIR
): PermissionBundle[] {
  if (!existsSync(dir)) return [];
  const out: PermissionBundle[] = [];
  for (const file of readdirSync(dir).sort()) {
    if (!file.endsWith('.permissionset-meta.xml')) continue;
    const path = join(dir, file);
    const doc = XML.parse(readFileSync(path, 'utf8')).PermissionSet ?? {};
    const name = file.replace(/\.permissionset-meta\.xml$/, '');
    const fail = (what: string) => {
      throw new Error(`${path}: ${what}`);
    };
    const objects = new Map<string, ObjectAccess>();
    for (const p of doc.objectPermissions ?? []) {
      const a: ObjectAccess = {
        read: bool(p.allowRead),
        create: bool(p.allowCreate),
        edit: bool(p.allowEdit),
        delete: bool(p.allowDelete),
        viewAll: bool(p.viewAllRecords),
        modifyAll: bool(p.modifyAllRecords)
      };
      const object = String(p.object);
      if (!schema.has(object)) fail(`objectPermissions: no object ${object}`);
      if ((a.create || a.edit || a.delete || a.viewAll) && !a.read)
        fail(`objectPermissions ${object}: Create, Edit, Delete and View All need Read`);
      if (a.delete && !a.edit) fail(`objectPermissions ${object}: Delete needs Edit`);
      if (a.modifyAll && !(a.read && a.edit && a.delete && a.viewAll))
        fail(`objectPermissions ${object}: Modify All needs Read, Edit, Delete and View All`);
      objects.set(object, a);
    }
    const fields = new Map<string, { readable: boolean; editable: boolean }>();
    for (const p of doc.fieldPermissions ?? []) {
      const key = String(p.field);
      const [objectName, fieldName] = key.split('.');
      const object = schema.get(objectName);
      const f = object?.fields.find((x) => x.name === fieldName);
      if (!object || !f) fail(`fieldPermissions: no field ${key}`);
      if (!hasFieldSecurity(object!, f!))
        fail(
          `fieldPermissions ${key}: this field has no field-level security (required, master-detail or system)`
        );
      const readable = bool(p.readable);
      const editable = bool(p.editable);
      if (editable && !readable) fail(`fieldPermissions ${key}: editable needs readable`);
      fields.set(key, { readable, editable });
    }
    const userPermissions = new Set<UserPermission>();
    for (const p of doc.userPermissions ?? []) {
      if (bool(p.enabled)) userPermissions.add(String(p.name) as UserPermission);
    }
    out.push({ name, label: String(doc.label ?? name), objects, fields, userPermissions });
  }
  return out;
}

/** What the access model reads from the org's records. */
export interface AccessSource {
  schema(name: string): SObjectSchema | undefined;
  getById(id: string): Row | undefined;
  scan(object: string): Iterable<Row>;
  children(child: string, field: string, parentId: string): Iterable<Row>;
  sharingModel(object: string): SharingModel | undefined;
  objectOf(id: string): string | undefined;
  profiles: Map<string, PermissionBundle>;
  permissionSets: Map<string, PermissionBundle>;
}

/** One user's access, computed once per change of users, roles, assignments or groups. */
export class UserAccess {
  readonly bundles: PermissionBundle[];
  readonly userPermissions = new Set<UserPermission>();
  /** Users whose role is below this user's role: their records are this user's too. */
  private readonly below = new Set<string>();
  /** This user and the public groups they belong to (share targets). */
  private readonly principals = new Set<string>();
  private readonly objectCache = new Map<string, ObjectAccess>();
  private readonly describeCache = new Map<string, SObjectSchema | null>();

  constructor(
    readonly userId: string,
    private readonly src: AccessSource
  ) {
    const user = src.getById(userId);
    const profileRow = user?.ProfileId ? src.getById(String(user.ProfileId)) : undefined;
    const profile = profileRow ? src.profiles.get(String(profileRow.Name)) : undefined;
    this.bundles = profile ? [profile] : [];
    for (const a of src.children('PermissionSetAssignment', 'AssigneeId', userId)) {
      const ps = src.getById(String(a.PermissionSetId));
      const bundle = ps ? src.permissionSets.get(String(ps.Name)) : undefined;
      if (bundle) this.bundles.push(bundle);
    }
    for (const b of this.bundles) for (const p of b.userPermissions) this.userPermissions.add(p);
    this.principals.add(userId);
    for (const m of src.children('GroupMember', 'UserOrGroupId', userId)) {
      this.principals.add(String(m.GroupId));
    }
    // Grant access using hierarchies: every role below this user's role.
    const roleId = user?.UserRoleId ? String(user.UserRoleId) : '';
    if (roleId) {
      const childRoles = new Map<string, string[]>();
      for (const r of src.scan('UserRole')) {
        const parent = String(r.ParentRoleId ?? '');
        if (!childRoles.has(parent)) childRoles.set(parent, []);
        childRoles.get(parent)!.push(r.Id);
      }
      const roles = new Set<string>();
      const stack = [...(childRoles.get(roleId) ?? [])];
      while (stack.length) {
        const r = stack.pop()!;
        if (roles.has(r)) continue;
        roles.add(r);
        stack.push(...(childRoles.get(r) ?? []));
      }
      for (const u of src.scan('User')) {
        if (u.UserRoleId && roles.has(String(u.UserRoleId))) this.below.add(u.Id);
      }
    }
  }

  has(p: UserPermission): boolean {
    return this.userPermissions.has(p);
  }

  /** Object permissions, the union of the profile and permission sets. */
  object(name: string): ObjectAccess {
    const cached = this.objectCache.get(name);
    if (cached) return cached;
    let a: ObjectAccess;
    const follows = FOLLOWS[name];
    if (this.has('ModifyAllData')) a = ALL;
    else if (follows) {
      const parent = this.object(follows.object);
      a = follows.readOnly ? { ...NO_ACCESS, read: parent.read, viewAll: parent.viewAll } : parent;
    } else if (name === 'User') {
      // Every internal user can see other users' records; editing them needs Manage Users.
      a = this.has('ManageUsers') ? CRED : { ...NO_ACCESS, read: true };
    } else if (name === 'LoginHistory') {
      a = { ...NO_ACCESS, read: true, viewAll: this.has('ManageUsers') };
    } else if (SETUP_OBJECTS.has(name)) {
      const read = this.has('ViewSetup');
      const assign = name === 'PermissionSetAssignment' && this.has('AssignPermissionSets');
      a = { ...NO_ACCESS, read, viewAll: read, create: assign, delete: assign, edit: assign };
    } else if (name.endsWith('__Share')) {
      // Share rows are read and written through the access to their parent record.
      const parent = this.object(name.replace(/__Share$/, '__c'));
      a = {
        ...NO_ACCESS,
        read: parent.read,
        create: parent.read,
        edit: parent.read,
        delete: parent.read
      };
    } else {
      a = { ...NO_ACCESS };
      for (const b of this.bundles) {
        const o = b.objects.get(name);
        if (!o) continue;
        for (const k of Object.keys(a) as (keyof ObjectAccess)[]) a[k] = a[k] || o[k];
      }
      if (this.has('ViewAllData') && a.read !== true) a = { ...a, read: true, viewAll: true };
      else if (this.has('ViewAllData')) a = { ...a, viewAll: true };
    }
    this.objectCache.set(name, a);
    return a;
  }

  /** Field-level security: read and edit access to one field. */
  field(object: SObjectSchema, f: FieldSchema): { readable: boolean; editable: boolean } {
    const o = this.object(object.name);
    if (!o.read) return { readable: false, editable: false };
    // The administrator reads and edits every field. That is more lenient than an org, where a
    // custom field deployed without profile field permissions is hidden from administrators too;
    // only set-up and tests of the API itself run as the administrator, no product path does.
    if (!hasFieldSecurity(object, f) || this.has('ModifyAllData')) {
      return { readable: true, editable: true };
    }
    let readable = false;
    let editable = false;
    for (const b of this.bundles) {
      if (b.standardFieldsVisible && !object.custom && !f.name.endsWith('__c')) {
        readable = editable = true;
        break;
      }
      const p = b.fields.get(`${object.name}.${f.name}`);
      if (p) {
        readable ||= p.readable;
        editable ||= p.editable;
      }
    }
    return { readable, editable: readable && editable };
  }

  /**
   * The object as this user's describe shows it: undefined when the object is not readable, only
   * readable fields, and createable / updateable as field-level security and object permissions
   * allow.
   */
  describe(schema: SObjectSchema): SObjectSchema | undefined {
    const cached = this.describeCache.get(schema.name);
    if (cached !== undefined) return cached ?? undefined;
    const o = this.object(schema.name);
    let view: SObjectSchema | null = null;
    if (o.read) {
      const fields: FieldSchema[] = [];
      for (const f of schema.fields) {
        const fls = this.field(schema, f);
        if (!fls.readable) continue;
        fields.push({
          ...f,
          createable: f.createable && fls.editable && o.create,
          updateable: f.updateable && fls.editable && o.edit
        });
      }
      view = {
        ...schema,
        createable: schema.createable && o.create,
        updateable: schema.updateable && o.edit,
        deletable: schema.deletable && o.delete,
        fields,
        childRelationships: schema.childRelationships.filter(
          (r) => this.object(r.childSObject).read
        )
      };
    }
    this.describeCache.set(schema.name, view);
    return view ?? undefined;
  }

  /** This user's access to one record: NONE, READ, EDIT or FULL. */
  record(object: string, row: Row): RecordAccess {
    const o = this.object(object);
    if (!o.read) return NONE;
    if (o.modifyAll) return FULL;
    const floor: RecordAccess = o.viewAll ? READ : NONE;
    const follows = FOLLOWS[object];
    if (follows) {
      const parent = this.src.getById(String(row[follows.field] ?? ''));
      const a = parent ? this.record(follows.object, parent) : NONE;
      return Math.max(floor, follows.readOnly ? Math.min(a, READ) : a) as RecordAccess;
    }
    if (object === 'LoginHistory') return o.viewAll || row.UserId === this.userId ? READ : NONE;
    if (object === 'User' || SETUP_OBJECTS.has(object)) return o.edit ? FULL : READ;
    const schema = this.src.schema(object);
    if (object.endsWith('__Share')) {
      const parent = this.src.getById(String(row.ParentId ?? ''));
      const parentObject = object.replace(/__Share$/, '__c');
      const a = parent ? this.record(parentObject, parent) : NONE;
      // Reading a share needs Read on its record; writing one needs Full Access to it.
      return a === FULL ? FULL : a >= READ ? READ : NONE;
    }
    if (object === 'Task' || object === 'Event') {
      // Activities: the assignee (and users above them) have full access; anyone who can read
      // a related record can read the activity.
      // https://help.salesforce.com/s/articleView?id=sf.activity_access.htm
      if (row.OwnerId === this.userId || this.below.has(String(row.OwnerId))) return FULL;
      for (const key of ['WhatId', 'WhoId']) {
        const related = this.src.getById(String(row[key] ?? ''));
        const relatedObject = related ? this.src.objectOf(related.Id) : undefined;
        if (related && relatedObject && this.record(relatedObject, related) >= READ) return READ;
      }
      return floor;
    }
    const model = this.src.sharingModel(object) ?? 'ReadWrite';
    if (model === 'ControlledByParent') {
      const master =
        schema?.fields.find((f) => f.cascadeDelete) ??
        (object === 'Contact' ? schema?.fields.find((f) => f.name === 'AccountId') : undefined);
      const parent = master ? this.src.getById(String(row[master.name] ?? '')) : undefined;
      if (master && parent) {
        const parentObject = master.referenceTo?.[0] ?? '';
        return Math.max(floor, this.record(parentObject, parent)) as RecordAccess;
      }
      if (master?.cascadeDelete) return floor;
      // A contact without an account is private to its owner.
      const owner = String(row.OwnerId ?? '');
      return owner === this.userId || this.below.has(owner) ? FULL : floor;
    }
    const owner = String(row.OwnerId ?? '');
    if (owner === this.userId || this.below.has(owner)) return FULL;
    let a: RecordAccess = floor;
    if (model === 'ReadWrite') a = EDIT;
    else if (model === 'Read') a = Math.max(a, READ) as RecordAccess;
    if (a < EDIT && schema) a = Math.max(a, this.shared(object, row.Id)) as RecordAccess;
    return a;
  }

  /** Access from manual shares to this user, their groups, or users below them. */
  private shared(object: string, recordId: string): RecordAccess {
    const shareObject = object.endsWith('__c') ? object.replace(/__c$/, '__Share') : '';
    if (!shareObject || !this.src.schema(shareObject)) return NONE;
    let a: RecordAccess = NONE;
    for (const s of this.src.children(shareObject, 'ParentId', recordId)) {
      const to = String(s.UserOrGroupId);
      if (!this.principals.has(to) && !this.below.has(to)) continue;
      const level = s.AccessLevel === 'All' ? FULL : s.AccessLevel === 'Edit' ? EDIT : READ;
      if (level > a) a = level;
    }
    return a;
  }

  canRead(object: string, row: Row): boolean {
    // View All reads every record: no need to work out the record's own access (the sync's user
    // reads a million opportunities this way).
    const o = this.object(object);
    if (o.read && o.viewAll) return true;
    return this.record(object, row) >= READ;
  }
}

/** The errors Salesforce gives when access is missing. */
export const accessErrors = {
  /** An object the user cannot read, named in SOQL or a REST path. */
  invalidType: (object: string) =>
    new ApiError(400, 'INVALID_TYPE', `sObject type '${object}' is not supported.`),
  /** Object permission missing for create, edit or delete. */
  objectDenied: (object: string, operation: string) =>
    new ApiError(
      400,
      'INSUFFICIENT_ACCESS_OR_READONLY',
      `insufficient access rights on object: the user cannot ${operation} ${object} records`
    ),
  /** Record access missing. */
  recordDenied: (id: string) =>
    new ApiError(
      400,
      'INSUFFICIENT_ACCESS_OR_READONLY',
      `insufficient access rights on object id: ${id}`
    ),
  /** A lookup or master-detail value the user cannot use. */
  crossReference: (id: string, field: string) =>
    new ApiError(
      400,
      'INSUFFICIENT_ACCESS_ON_CROSS_REFERENCE_ENTITY',
      `insufficient access rights on cross-reference id: ${id}`,
      [field]
    ),
  /** A new owner without Read on the object. */
  transferRequiresRead: (userId: string) =>
    new ApiError(
      400,
      'TRANSFER_REQUIRES_READ',
      `The new owner must have read permission on this record type: ${userId}`,
      ['OwnerId']
    )
};

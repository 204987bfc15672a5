/**
 * The schema the metadata checks validate against: the objects of force-app/…/objects (their
 * fields, lookups and share objects) plus the standard objects and fields the product reads,
 * from Salesforce's object reference. The object files are read by common/object-source.ts, as the
 * local org reads them; malformed XML is skipped here and reported by validate().
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { readObjectSources } from '../common/object-source';

export const DEFAULT = join('force-app', 'main', 'default');

export const parser = new XMLParser({ ignoreAttributes: true, parseTagValue: false });
export const text = (v: unknown): string => (v === undefined || v === null ? '' : String(v));

/** A repeated XML element as an array: absent → [], one → [it]. */
export const list = <T>(v: T | T[] | undefined): T[] =>
  v === undefined ? [] : Array.isArray(v) ? v : [v];

/** Every file below `dir`, sorted, less node_modules and dot folders. */
export function walk(dir: string, out: string[] = []): string[] {
  if (!existsSync(dir)) return out;
  for (const name of readdirSync(dir).sort()) {
    if (name === 'node_modules' || name.startsWith('.')) continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walk(path, out);
    else out.push(path);
  }
  return out;
}

/** `file` relative to `root`, with forward slashes. */
export function relPath(root: string, file: string): string {
  return relative(root, file).split(sep).join('/');
}

/** Standard fields the product reads, from Salesforce's object reference. */
export const STANDARD_FIELDS: Record<string, string[]> = {
  User: [
    'Name',
    'FirstName',
    'LastName',
    'Username',
    'Email',
    'Title',
    'IsActive',
    'ManagerId',
    'ProfileId',
    'UserRoleId',
    'Department',
    'SmallPhotoUrl'
  ],
  Account: [
    'Name',
    'OwnerId',
    'Industry',
    'BillingCountry',
    'Phone',
    'Website',
    'NumberOfEmployees',
    'LastActivityDate',
    'AnnualRevenue',
    'Description',
    'ParentId',
    'Type'
  ],
  Contact: [
    'Name',
    'FirstName',
    'LastName',
    'AccountId',
    'Title',
    'Email',
    'Phone',
    'OwnerId',
    'LastActivityDate'
  ],
  Opportunity: [
    'Name',
    'OwnerId',
    'AccountId',
    'StageName',
    'Amount',
    'Probability',
    'CloseDate',
    'Type',
    'NextStep',
    'LeadSource',
    'Description',
    'IsClosed',
    'IsWon',
    'ForecastCategoryName',
    'LastActivityDate',
    'LastStageChangeDate'
  ],
  Lead: [
    'Name',
    'FirstName',
    'LastName',
    'Company',
    'Title',
    'Email',
    'Phone',
    'Status',
    'LeadSource',
    'IsConverted',
    'LastActivityDate',
    'OwnerId'
  ],
  OpportunityContactRole: ['OpportunityId', 'ContactId', 'Role', 'IsPrimary'],
  OpportunityHistory: ['OpportunityId', 'StageName', 'Amount', 'CloseDate', 'Probability'],
  Task: ['Subject', 'ActivityDate', 'Status', 'WhatId', 'WhoId', 'OwnerId'],
  Event: ['Subject', 'ActivityDate', 'WhatId', 'WhoId', 'OwnerId'],
  // Setup objects: who holds which permission set (the rollout's audience).
  PermissionSetAssignment: ['AssigneeId', 'PermissionSetId', 'IsActive'],
  PermissionSet: ['Name', 'Label', 'IsOwnedByProfile'],
  // A profile's name and a role's API name can define the audience too.
  Profile: ['Name'],
  UserRole: ['Name', 'DeveloperName', 'ParentRoleId']
};

/** The fields of a custom object's share object (`<Object>__Share`). */
const SHARE_FIELDS = ['ParentId', 'UserOrGroupId', 'AccessLevel', 'RowCause'];

/** Standard lookups (relationship name → target object) of the standard objects above. */
const STANDARD_RELATIONSHIPS: Record<string, Record<string, string>> = {
  User: { Manager: 'User', Profile: 'Profile', UserRole: 'UserRole' },
  Account: { Owner: 'User', Parent: 'Account' },
  Contact: { Account: 'Account', Owner: 'User' },
  Opportunity: { Account: 'Account', Owner: 'User' },
  Lead: { Owner: 'User' },
  OpportunityContactRole: { Opportunity: 'Opportunity', Contact: 'Contact' },
  OpportunityHistory: { Opportunity: 'Opportunity' },
  Task: { Owner: 'User' },
  Event: { Owner: 'User' },
  PermissionSetAssignment: { Assignee: 'User', PermissionSet: 'PermissionSet' }
};

/** Standard child relationships (name → child object). */
const STANDARD_CHILDREN: Record<string, Record<string, string>> = {
  Opportunity: {
    OpportunityContactRoles: 'OpportunityContactRole',
    OpportunityHistories: 'OpportunityHistory',
    Tasks: 'Task',
    Events: 'Event'
  },
  Account: { Contacts: 'Contact', Opportunities: 'Opportunity' },
  User: {}
};

/** Fields every object has. */
const SYSTEM_FIELDS = [
  'Id',
  'CreatedDate',
  'CreatedById',
  'LastModifiedDate',
  'LastModifiedById',
  'SystemModstamp',
  'IsDeleted'
];
/** Fields and relationships every custom object has (a master-detail child has no owner). */
const CUSTOM_OBJECT_FIELDS = ['Name', 'OwnerId'];
const CUSTOM_OBJECT_RELATIONSHIPS: Record<string, string> = {
  Owner: 'User',
  CreatedBy: 'User',
  LastModifiedBy: 'User'
};

export interface FieldInfo {
  type: string;
  referenceTo?: string;
  relationshipName?: string;
  required: boolean;
}

export interface ObjectInfo {
  custom: boolean;
  fields: Map<string, FieldInfo>;
  /** Parent relationship name (Manager__r, Owner) → target object. */
  parents: Map<string, string>;
  /** Child relationship name (Deal_Insights__r, OpportunityContactRoles) → child object. */
  children: Map<string, string>;
}

export type Schema = Map<string, ObjectInfo>;

/** The objects of force-app/…/objects plus the standard objects the product reads. */
export function loadSchema(root: string): Schema {
  const schema: Schema = new Map();
  for (const [name, fields] of Object.entries(STANDARD_FIELDS)) {
    const info: ObjectInfo = {
      custom: false,
      fields: new Map(
        [...SYSTEM_FIELDS, ...fields].map((f) => [f, { type: 'Standard', required: false }])
      ),
      parents: new Map(
        Object.entries({
          CreatedBy: 'User',
          LastModifiedBy: 'User',
          ...STANDARD_RELATIONSHIPS[name]
        })
      ),
      children: new Map(Object.entries(STANDARD_CHILDREN[name] ?? {}))
    };
    schema.set(name, info);
  }
  const lookups: { child: string; field: string; info: FieldInfo }[] = [];
  // Malformed XML reads as an empty document here and is reported by validate().
  for (const source of readObjectSources(join(root, DEFAULT, 'objects'))) {
    const o = source.name;
    const info: ObjectInfo = schema.get(o) ?? {
      custom: true,
      fields: new Map(
        [...SYSTEM_FIELDS, ...CUSTOM_OBJECT_FIELDS].map((f) => [
          f,
          { type: 'System', required: false }
        ])
      ),
      parents: new Map(Object.entries(CUSTOM_OBJECT_RELATIONSHIPS)),
      children: new Map()
    };
    for (const { name, doc } of source.fields) {
      const field: FieldInfo = {
        type: text(doc.type),
        referenceTo: doc.referenceTo ? text(doc.referenceTo) : undefined,
        relationshipName: doc.relationshipName ? text(doc.relationshipName) : undefined,
        required: text(doc.required) === 'true'
      };
      info.fields.set(name, field);
      if (field.referenceTo && name.endsWith('__c')) {
        info.parents.set(name.replace(/__c$/, '__r'), field.referenceTo);
        lookups.push({ child: o, field: name, info: field });
      }
      if (field.type === 'MasterDetail') {
        info.fields.delete('OwnerId');
        info.parents.delete('Owner');
      }
    }
    schema.set(o, info);
    // Objects whose default is Private or Public Read Only have a share object.
    const sharing = text(source.object?.doc.sharingModel);
    if (sharing === 'Private' || sharing === 'Read') {
      schema.set(o.replace(/__c$/, '__Share'), {
        custom: true,
        fields: new Map(
          [...SYSTEM_FIELDS, ...SHARE_FIELDS].map((f) => [f, { type: 'System', required: false }])
        ),
        parents: new Map([['Parent', o]]),
        children: new Map()
      });
    }
  }
  for (const l of lookups) {
    const parent = schema.get(l.info.referenceTo!);
    if (parent && l.info.relationshipName)
      parent.children.set(`${l.info.relationshipName}__r`, l.child);
  }
  return schema;
}

/** Object name → field names (kept for callers that only need names). */
export function knownFields(root: string): Map<string, Set<string>> {
  return new Map([...loadSchema(root)].map(([o, i]) => [o, new Set(i.fields.keys())]));
}

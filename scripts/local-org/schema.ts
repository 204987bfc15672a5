/**
 * The local org's schema: the standard objects Adoption Coach reads, with their real API names
 * and types, plus every custom object and field under force-app/main/default/objects, so a
 * field added there exists here.
 */
import { join, resolve } from 'node:path';
import { readObjectSources, type ObjectSource, type SourceFile } from '../common/object-source';
import { setupObjects, shareObject } from './setup-objects';
import { withStandardFields } from './standard-fields';
import type { FieldSchema, FieldType, SObjectSchema } from './types';

/** The project's metadata source, force-app/main/default. */
export const FORCE_APP_DIR = resolve(__dirname, '..', '..', 'force-app', 'main', 'default');
export const OBJECTS_DIR = join(FORCE_APP_DIR, 'objects');

/** Opportunity stages as a new org has them: probability, forecast category, closed, won. */
export const OPPORTUNITY_STAGES: {
  name: string;
  probability: number;
  forecast: string;
  closed: boolean;
  won: boolean;
}[] = [
  { name: 'Prospecting', probability: 10, forecast: 'Pipeline', closed: false, won: false },
  { name: 'Qualification', probability: 10, forecast: 'Pipeline', closed: false, won: false },
  { name: 'Needs Analysis', probability: 20, forecast: 'Pipeline', closed: false, won: false },
  { name: 'Value Proposition', probability: 50, forecast: 'Pipeline', closed: false, won: false },
  { name: 'Id. Decision Makers', probability: 60, forecast: 'Pipeline', closed: false, won: false },
  { name: 'Perception Analysis', probability: 70, forecast: 'Pipeline', closed: false, won: false },
  {
    name: 'Proposal/Price Quote',
    probability: 75,
    forecast: 'Pipeline',
    closed: false,
    won: false
  },
  { name: 'Negotiation/Review', probability: 90, forecast: 'Pipeline', closed: false, won: false },
  { name: 'Closed Won', probability: 100, forecast: 'Closed', closed: true, won: true },
  { name: 'Closed Lost', probability: 0, forecast: 'Omitted', closed: true, won: false }
];

interface FieldOptions {
  label?: string;
  required?: boolean;
  readOnly?: boolean;
  calculated?: boolean;
  referenceTo?: string[];
  relationshipName?: string;
  cascadeDelete?: boolean;
  values?: string[];
  restricted?: boolean;
  length?: number;
  externalId?: boolean;
  unique?: boolean;
}

/** Labels as Salesforce shows them: `Next_Step__c` → "Next Step", `NextStep` → "Next Step", `AccountId` → "Account ID". */
function defaultLabel(name: string): string {
  if (name.endsWith('__c')) return name.replace(/__c$/, '').replace(/_/g, ' ');
  return name.replace(/([a-z])([A-Z])/g, '$1 $2').replace(/ Id$/, ' ID');
}

export function field(name: string, type: FieldType, o: FieldOptions = {}): FieldSchema {
  const system = o.readOnly === true || o.calculated === true;
  return {
    name,
    label: o.label ?? defaultLabel(name),
    type,
    nillable: !o.required && type !== 'boolean' && type !== 'id',
    createable: !system && type !== 'id',
    updateable: !system && type !== 'id',
    ...(o.referenceTo ? { referenceTo: o.referenceTo } : {}),
    ...(o.relationshipName ? { relationshipName: o.relationshipName } : {}),
    ...(o.cascadeDelete ? { cascadeDelete: true } : {}),
    ...(o.values
      ? {
          picklistValues: o.values.map((v) => ({ value: v, label: v, active: true })),
          restrictedPicklist: o.restricted === true
        }
      : {}),
    ...(o.length ? { length: o.length } : {}),
    ...(o.externalId ? { externalId: true } : {}),
    ...(o.unique ? { unique: true } : {}),
    ...(o.calculated ? { calculated: true } : {})
  };
}

export const ref = (name: string, to: string, rel: string, o: FieldOptions = {}) =>
  field(name, 'reference', { referenceTo: [to], relationshipName: rel, ...o });

/** Fields every object has: Id, owner and audit fields. */
function systemFields(owned: boolean): FieldSchema[] {
  return [
    field('Id', 'id', { label: 'Record ID' }),
    ...(owned ? [ref('OwnerId', 'User', 'Owner', { label: 'Owner ID' })] : []),
    field('IsDeleted', 'boolean', { readOnly: true }),
    field('CreatedDate', 'datetime', { readOnly: true }),
    ref('CreatedById', 'User', 'CreatedBy', { readOnly: true }),
    field('LastModifiedDate', 'datetime', { readOnly: true }),
    ref('LastModifiedById', 'User', 'LastModifiedBy', { readOnly: true }),
    field('SystemModstamp', 'datetime', { readOnly: true })
  ];
}

export function standard(
  name: string,
  keyPrefix: string,
  owned: boolean,
  fields: FieldSchema[],
  labelPlural = `${name}s`
): SObjectSchema {
  return {
    name,
    label: name,
    labelPlural,
    keyPrefix,
    custom: false,
    queryable: true,
    createable: true,
    updateable: true,
    deletable: true,
    fields: [...systemFields(owned), ...fields],
    childRelationships: []
  };
}

const LEAD_SOURCES = ['Web', 'Phone Inquiry', 'Partner Referral', 'Purchased List', 'Other'];

/** The users: login, name, manager, profile and role. */
function userObject(): SObjectSchema {
  return standard('User', '005', false, [
    field('Username', 'string', { required: true, unique: true, length: 80 }),
    field('FirstName', 'string', { length: 40 }),
    field('LastName', 'string', { required: true, length: 80 }),
    field('Name', 'string', { calculated: true, label: 'Full Name' }),
    field('Email', 'email', { required: true }),
    field('Alias', 'string', { length: 8 }),
    field('Title', 'string', { length: 80 }),
    field('Department', 'string', { length: 80 }),
    field('Division', 'string', { length: 80 }),
    field('IsActive', 'boolean', { label: 'Active' }),
    ref('ManagerId', 'User', 'Manager', { label: 'Manager ID' }),
    ref('ProfileId', 'Profile', 'Profile', { required: true, label: 'Profile ID' }),
    ref('UserRoleId', 'UserRole', 'UserRole', { label: 'Role ID' }),
    field('UserType', 'picklist', { readOnly: true, values: ['Standard'] }),
    field('TimeZoneSidKey', 'string'),
    field('LastLoginDate', 'datetime', { readOnly: true })
  ]);
}

/** Accounts, owned. */
function accountObject(): SObjectSchema {
  return standard('Account', '001', true, [
    field('Name', 'string', { required: true, length: 255, label: 'Account Name' }),
    field('Industry', 'picklist', {
      values: [
        'Agriculture',
        'Banking',
        'Communications',
        'Education',
        'Electronics',
        'Energy',
        'Entertainment',
        'Finance',
        'Healthcare',
        'Manufacturing',
        'Media',
        'Retail',
        'Technology',
        'Telecommunications',
        'Other'
      ]
    }),
    field('Type', 'picklist', {
      values: ['Prospect', 'Customer - Direct', 'Partner', 'Other']
    }),
    field('BillingCountry', 'string', { length: 80 }),
    field('BillingCity', 'string', { length: 40 }),
    field('Phone', 'phone'),
    field('Website', 'url'),
    field('NumberOfEmployees', 'int'),
    field('AnnualRevenue', 'currency'),
    field('Description', 'textarea'),
    ref('ParentId', 'Account', 'Parent'),
    field('LastActivityDate', 'date', { readOnly: true })
  ]);
}

/** Contacts, owned, under an account. */
function contactObject(): SObjectSchema {
  return standard('Contact', '003', true, [
    field('FirstName', 'string', { length: 40 }),
    field('LastName', 'string', { required: true, length: 80 }),
    field('Name', 'string', { calculated: true, label: 'Full Name' }),
    ref('AccountId', 'Account', 'Account'),
    field('Title', 'string', { length: 128 }),
    field('Email', 'email'),
    field('Phone', 'phone'),
    field('Department', 'string', { length: 80 }),
    field('LeadSource', 'picklist', { values: LEAD_SOURCES }),
    field('LastActivityDate', 'date', { readOnly: true })
  ]);
}

/** Opportunities: the stage picklist drives IsClosed, IsWon, the forecast category and the probability. */
function opportunityObject(): SObjectSchema {
  return standard('Opportunity', '006', true, [
    field('Name', 'string', { required: true, length: 120 }),
    ref('AccountId', 'Account', 'Account'),
    field('StageName', 'picklist', {
      required: true,
      values: OPPORTUNITY_STAGES.map((s) => s.name),
      restricted: true,
      label: 'Stage'
    }),
    field('Amount', 'currency'),
    field('Probability', 'percent'),
    field('CloseDate', 'date', { required: true }),
    field('Type', 'picklist', {
      values: ['Existing Customer - Upgrade', 'Existing Customer - Replacement', 'New Customer']
    }),
    field('NextStep', 'string', { length: 255 }),
    field('LeadSource', 'picklist', { values: LEAD_SOURCES }),
    field('Description', 'textarea'),
    field('IsClosed', 'boolean', { calculated: true, label: 'Closed' }),
    field('IsWon', 'boolean', { calculated: true, label: 'Won' }),
    field('ForecastCategoryName', 'picklist', {
      calculated: true,
      values: ['Omitted', 'Pipeline', 'Best Case', 'Commit', 'Closed']
    }),
    field('LastActivityDate', 'date', { readOnly: true }),
    field('LastStageChangeDate', 'datetime', { readOnly: true }),
    field('PushCount', 'int', { readOnly: true })
  ]);
}

/** The contacts of an opportunity and their roles; a detail of the opportunity. */
function opportunityContactRoleObject(): SObjectSchema {
  return standard(
    'OpportunityContactRole',
    '00K',
    false,
    [
      ref('OpportunityId', 'Opportunity', 'Opportunity', { required: true, cascadeDelete: true }),
      ref('ContactId', 'Contact', 'Contact', { required: true }),
      field('Role', 'picklist', {
        values: [
          'Business User',
          'Decision Maker',
          'Economic Buyer',
          'Economic Decision Maker',
          'Evaluator',
          'Executive Sponsor',
          'Influencer',
          'Technical Buyer',
          'Other'
        ]
      }),
      field('IsPrimary', 'boolean')
    ],
    'Opportunity Contact Roles'
  );
}

/** The stage and amount history the platform records; read-only through the API. */
function opportunityHistoryObject(): SObjectSchema {
  return {
    ...standard(
      'OpportunityHistory',
      '008',
      false,
      [
        ref('OpportunityId', 'Opportunity', 'Opportunity', {
          readOnly: true,
          cascadeDelete: true
        }),
        field('StageName', 'picklist', {
          readOnly: true,
          values: OPPORTUNITY_STAGES.map((s) => s.name)
        }),
        field('Amount', 'currency', { readOnly: true }),
        field('CloseDate', 'date', { readOnly: true }),
        field('Probability', 'percent', { readOnly: true }),
        field('ForecastCategory', 'string', { readOnly: true }),
        field('ExpectedRevenue', 'currency', { readOnly: true })
      ],
      'Opportunity History'
    ),
    createable: false,
    updateable: false,
    deletable: false
  };
}

/** Tasks, on an opportunity or account (What) and a contact or lead (Who). */
function taskObject(): SObjectSchema {
  return standard('Task', '00T', true, [
    field('Subject', 'string', { length: 255 }),
    field('ActivityDate', 'date', { label: 'Due Date Only' }),
    field('Status', 'picklist', {
      required: true,
      values: ['Not Started', 'In Progress', 'Completed', 'Waiting on someone else', 'Deferred']
    }),
    field('Priority', 'picklist', { values: ['High', 'Normal', 'Low'] }),
    field('TaskSubtype', 'picklist', { values: ['Task', 'Email', 'Call'] }),
    field('WhatId', 'reference', {
      referenceTo: ['Opportunity', 'Account'],
      relationshipName: 'What'
    }),
    field('WhoId', 'reference', { referenceTo: ['Contact', 'Lead'], relationshipName: 'Who' }),
    field('IsClosed', 'boolean', { calculated: true }),
    field('Description', 'textarea')
  ]);
}

/** Events, related as tasks are. */
function eventObject(): SObjectSchema {
  return standard('Event', '00U', true, [
    field('Subject', 'string', { length: 255 }),
    field('ActivityDate', 'date'),
    field('StartDateTime', 'datetime'),
    field('EndDateTime', 'datetime'),
    field('DurationInMinutes', 'int'),
    field('WhatId', 'reference', {
      referenceTo: ['Opportunity', 'Account'],
      relationshipName: 'What'
    }),
    field('WhoId', 'reference', { referenceTo: ['Contact', 'Lead'], relationshipName: 'Who' }),
    field('Description', 'textarea')
  ]);
}

/** Leads, owned. */
function leadObject(): SObjectSchema {
  return standard('Lead', '00Q', true, [
    field('FirstName', 'string', { length: 40 }),
    field('LastName', 'string', { required: true, length: 80 }),
    field('Name', 'string', { calculated: true, label: 'Full Name' }),
    field('Company', 'string', { required: true, length: 255 }),
    field('Title', 'string', { length: 128 }),
    field('Email', 'email'),
    field('Phone', 'phone'),
    field('Status', 'picklist', {
      required: true,
      values: [
        'Open - Not Contacted',
        'Working - Contacted',
        'Closed - Converted',
        'Closed - Not Converted'
      ]
    }),
    field('LeadSource', 'picklist', { values: LEAD_SOURCES }),
    field('IsConverted', 'boolean', { readOnly: true }),
    field('LastActivityDate', 'date', { readOnly: true })
  ]);
}

function standardObjects(): SObjectSchema[] {
  return [
    userObject(),
    accountObject(),
    contactObject(),
    opportunityObject(),
    opportunityContactRoleObject(),
    opportunityHistoryObject(),
    taskObject(),
    eventObject(),
    leadObject()
  ];
}

const TYPE_MAP: Record<string, FieldType> = {
  Text: 'string',
  TextArea: 'textarea',
  LongTextArea: 'textarea',
  Html: 'textarea',
  Number: 'double',
  Currency: 'currency',
  Percent: 'percent',
  Date: 'date',
  DateTime: 'datetime',
  Checkbox: 'boolean',
  Picklist: 'picklist',
  MultiselectPicklist: 'multipicklist',
  Lookup: 'reference',
  MasterDetail: 'reference',
  Email: 'email',
  Phone: 'phone',
  Url: 'url',
  AutoNumber: 'string'
};

/** The parts of a CustomObject file the local org reads (tag values are text). */
interface ObjectDoc {
  label?: string;
  pluralLabel?: string;
  sharingModel?: SObjectSchema['sharingModel'];
  nameField?: { label?: string; type?: string };
}

/** The parts of a CustomField file the local org reads (tag values are text). */
interface FieldDoc {
  fullName?: string;
  type?: string;
  label?: string;
  required?: string;
  formula?: string;
  referenceTo?: string;
  relationshipName?: string;
  length?: string;
  scale?: string;
  externalId?: string;
  unique?: string;
  reparentableMasterDetail?: string;
  writeRequiresMasterRead?: string;
  valueSet?: { restricted?: string; valueSetDefinition?: { value?: { fullName: string }[] } };
}

/** A file's document, or an error naming the file when it does not parse. */
function parsed<T>(file: SourceFile): T {
  if (file.error) throw new Error(`${file.path}: ${file.error}`);
  return file.doc as T;
}

/** One custom object from its SFDX source folder; errors name the file. */
function customObject(source: ObjectSource, keyPrefix: string): SObjectSchema {
  const name = source.name;
  const doc = parsed<ObjectDoc>(source.object!);
  const nameField = doc.nameField ?? {};
  const fields: FieldSchema[] = [
    ...systemFields(doc.sharingModel !== 'ControlledByParent'),
    field('Name', 'string', {
      label: nameField.label ?? 'Name',
      readOnly: nameField.type === 'AutoNumber',
      required: nameField.type !== 'AutoNumber',
      length: 80
    })
  ];
  for (const file of source.fields) {
    const f = parsed<FieldDoc>(file);
    const type = f.type ? TYPE_MAP[f.type] : undefined;
    if (!f.fullName || !type) {
      throw new Error(`${file.path}: unsupported or missing field type '${f.type}'`);
    }
    const scale = Number(f.scale ?? 0);
    const values = f.valueSet?.valueSetDefinition?.value?.map((v) => String(v.fullName));
    const isRef = type === 'reference';
    const made = field(f.fullName, type === 'double' && scale === 0 ? 'int' : type, {
      label: f.label,
      required: f.required === 'true' || f.type === 'MasterDetail',
      readOnly: f.type === 'AutoNumber' || f.formula !== undefined,
      ...(isRef
        ? {
            referenceTo: [String(f.referenceTo)],
            relationshipName: String(f.fullName).replace(/__c$/, '__r'),
            cascadeDelete: f.type === 'MasterDetail'
          }
        : {}),
      ...(values ? { values, restricted: f.valueSet?.restricted === 'true' } : {}),
      ...(f.length ? { length: Number(f.length) } : {}),
      externalId: f.externalId === 'true',
      unique: f.unique === 'true'
    });
    if (f.type === 'MasterDetail') {
      // A master-detail field that is not reparentable is set on create and never updated
      // (CustomField.reparentableMasterDetail); writeRequiresMasterRead lets a user with Read on
      // the master write the detail.
      // https://developer.salesforce.com/docs/atlas.en-us.api_meta.meta/api_meta/customfield.htm
      if (f.reparentableMasterDetail !== 'true') made.updateable = false;
      if (f.writeRequiresMasterRead === 'true') made.writeRequiresMasterRead = true;
    }
    fields.push(made);
    if (isRef && f.relationshipName) {
      // Remember the child relationship name for the parent's describe.
      (
        fields[fields.length - 1] as FieldSchema & { childRelationshipName?: string }
      ).childRelationshipName = `${f.relationshipName}__r`;
    }
  }
  return {
    name,
    label: doc.label ?? name,
    labelPlural: doc.pluralLabel ?? name,
    keyPrefix,
    custom: true,
    queryable: true,
    createable: true,
    updateable: true,
    deletable: true,
    sharingModel: doc.sharingModel ?? 'ReadWrite',
    fields,
    childRelationships: []
  };
}

/** Standard child relationship names (the names used in subqueries). */
const STANDARD_CHILDREN: Record<string, string> = {
  'Opportunity.AccountId': 'Opportunities',
  'Contact.AccountId': 'Contacts',
  'OpportunityContactRole.OpportunityId': 'OpportunityContactRoles',
  'OpportunityContactRole.ContactId': 'OpportunityContactRoles',
  'OpportunityHistory.OpportunityId': 'OpportunityHistories',
  'Task.WhatId': 'Tasks',
  'Task.WhoId': 'Tasks',
  'Event.WhatId': 'Events',
  'Event.WhoId': 'Events',
  'User.ManagerId': 'ManagedUsers'
};

/** Every object of the local org by API name, child relationships filled in. */
export function loadSchema(objectsDir = OBJECTS_DIR): Map<string, SObjectSchema> {
  const all = [...standardObjects().map(withStandardFields), ...setupObjects()];
  readObjectSources(objectsDir)
    .filter((source) => source.name.endsWith('__c') && source.object)
    .forEach((source, i) => {
      const object = customObject(source, `a0${BASE36[i + 10]}`);
      all.push(object);
      if (object.sharingModel === 'Private' || object.sharingModel === 'Read') {
        all.push(shareObject(object, `02${BASE36[i + 10]}`));
      }
    });
  const byName = new Map(all.map((o) => [o.name, o]));
  for (const child of all) {
    for (const f of child.fields) {
      if (f.type !== 'reference' || !f.referenceTo) continue;
      const rel =
        STANDARD_CHILDREN[`${child.name}.${f.name}`] ??
        (f as FieldSchema & { childRelationshipName?: string }).childRelationshipName;
      if (!rel) continue;
      for (const parentName of f.referenceTo) {
        byName.get(parentName)?.childRelationships.push({
          childSObject: child.name,
          field: f.name,
          relationshipName: rel
        });
      }
    }
  }
  return byName;
}

const BASE36 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';

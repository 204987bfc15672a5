/**
 * The field check that runs before the sync extracts anything: it describes each object the
 * sync reads or writes, as the sync's user (a describe leaves out the fields that user cannot
 * read), and names every field that is missing, unreadable or not editable. Required fields
 * stop the run before anything is read or written; optional ones only narrow what is scored.
 */

import type { CoachingConfig } from '../engine/config-types';
import {
  DEAL_FIELDS,
  INSIGHT_FIELDS,
  NUDGE_RESPONSE_FIELDS,
  ROLLUP_FIELDS,
  SNAPSHOT_FIELDS,
  optionalDealFields
} from '../engine/records';

export interface ObjectNeeds {
  /** Fields the sync queries; all of them must be readable. */
  read: readonly string[];
  /** Read when present; scoring goes on without them (completeness leaves them out). */
  optional?: readonly string[];
  /** Fields the sync writes (upserts): they must be createable and updateable. */
  write?: readonly string[];
  /**
   * An object the sync reads only when the org has it (an older deploy, or an object the sync's
   * user may not see): absent, its counts are 0 and the run says so once in its log.
   */
  optionalObject?: boolean;
  /**
   * Fields set when a row is created and never changed afterwards, as a master-detail field that
   * is not reparentable: they must be createable; Salesforce refuses them in an update.
   */
  createOnly?: readonly string[];
}

export { INSIGHT_FIELDS, ROLLUP_FIELDS, SNAPSHOT_FIELDS };

const ACTIVITY_FIELDS = ['Id', 'OwnerId', 'WhatId', 'ActivityDate', 'CreatedDate'];

/** The objects the sync reads or writes (the same for every config). */
const OBJECTS = [
  'User',
  'Opportunity',
  'OpportunityHistory',
  'OpportunityContactRole',
  'Account',
  'Contact',
  'Lead',
  'Task',
  'Event',
  'Nudge_Response__c',
  'Adoption_Snapshot__c',
  'Deal_Insight__c',
  'Adoption_Snapshot__Share',
  'Adoption_Rollup__c',
  'Adoption_Rollup__Share',
  'PermissionSetAssignment',
  'Coach_Engagement__c',
  'Message_Receipt__c',
  'LoginHistory'
] as const;

/**
 * An object scored for completeness (Account, Contact, Lead): the fields the sync needs to file
 * each record under its owner, and the config's fields as optional ones (a field the sync's user
 * cannot read is left out of the score).
 */
function scoredRecord(
  config: CoachingConfig,
  object: 'Account' | 'Contact' | 'Lead',
  read: readonly string[]
): ObjectNeeds {
  const rules = config.objects[object];
  const fields = new Set(rules.rules.map((r) => r.field));
  if (rules.stageField) fields.add(rules.stageField);
  return { read, optional: [...fields].filter((f) => !read.includes(f)) };
}

/**
 * What the sync needs of each object under `config`: the record shapes are the engine's
 * (scripts/engine/records.ts); the deals' optional fields are the config's completeness fields.
 */
export function syncNeeds(config: CoachingConfig): Record<(typeof OBJECTS)[number], ObjectNeeds> {
  return {
    User: { read: ['Id', 'Name', 'ManagerId', 'IsActive', 'LastLoginDate'] },
    Opportunity: { read: [...DEAL_FIELDS], optional: optionalDealFields(config) },
    OpportunityHistory: {
      read: [
        'Id',
        'OpportunityId',
        'CreatedDate',
        'StageName',
        'CloseDate',
        'Amount',
        'Probability'
      ]
    },
    OpportunityContactRole: {
      read: ['Id', 'OpportunityId', 'Role', 'IsPrimary', 'ContactId', 'CreatedDate']
    },
    // Accounts, contacts and leads are scored for completeness on the config's rules.
    Account: scoredRecord(config, 'Account', ['Id', 'OwnerId']),
    Contact: scoredRecord(config, 'Contact', ['Id', 'OwnerId', 'Title']),
    Lead: scoredRecord(config, 'Lead', ['Id', 'OwnerId']),
    Task: { read: ACTIVITY_FIELDS },
    Event: { read: ACTIVITY_FIELDS },
    Nudge_Response__c: { read: ['Id', 'OwnerId', ...NUDGE_RESPONSE_FIELDS] },
    Adoption_Snapshot__c: { read: ['Id', ...SNAPSHOT_FIELDS], write: [...SNAPSHOT_FIELDS] },
    Deal_Insight__c: {
      read: ['Id', ...INSIGHT_FIELDS],
      write: INSIGHT_FIELDS.filter((f) => f !== 'Opportunity__c'),
      createOnly: ['Opportunity__c']
    },
    // The sync owns the snapshots it writes and shares each with its rep and the rep's manager.
    Adoption_Snapshot__Share: {
      read: ['Id', 'ParentId', 'UserOrGroupId', 'AccessLevel', 'RowCause'],
      createOnly: ['ParentId', 'UserOrGroupId', 'AccessLevel']
    },
    Adoption_Rollup__c: { read: ['Id', ...ROLLUP_FIELDS], write: [...ROLLUP_FIELDS] },
    // Like snapshots, each team's rollup is shared with the team's manager.
    Adoption_Rollup__Share: {
      read: ['Id', 'ParentId', 'UserOrGroupId', 'AccessLevel', 'RowCause'],
      createOnly: ['ParentId', 'UserOrGroupId', 'AccessLevel']
    },
    // The rollout's audience: who holds the permission sets that define it.
    PermissionSetAssignment: { read: ['AssigneeId', 'PermissionSetId'] },
    // People-side evidence of the ladder, each optional: what users did with the coaching, the
    // programme messages they saw, and (with Manage Users only) their logins week by week.
    Coach_Engagement__c: {
      read: ['Id', 'User__c', 'Kind__c', 'Occurred_At__c', 'CreatedDate'],
      optionalObject: true
    },
    Message_Receipt__c: {
      read: ['Id', 'User__c', 'First_Seen__c', 'Last_Shown__c'],
      optionalObject: true
    },
    LoginHistory: { read: ['Id', 'UserId', 'LoginTime'], optionalObject: true }
  };
}

/** Required fields the sync's user cannot use: nothing was read or written. */
export class FieldCheckError extends Error {
  constructor(readonly problems: string[]) {
    super(
      `the sync's user cannot use ${problems.length} field(s) it needs:\n${problems
        .map((p) => `  ${p}`)
        .join(
          '\n'
        )}\nDeploy Adoption Coach (sf project deploy start) and assign the Adoption_Coach_Integration permission set to this user.`
    );
  }
}

interface DescribedField {
  name: string;
  type: string;
  createable: boolean;
  updateable: boolean;
}

export interface FieldCheck {
  /** Per object, the fields to query: the required ones and the optional ones present. */
  select: Record<string, string[]>;
  /** Per object, the fields whose values are not text (Bulk API 2.0's CSV makes all text). */
  types: Record<string, Record<string, 'boolean' | 'number'>>;
}

const NUMERIC = new Set(['double', 'currency', 'percent', 'int', 'long']);

/** The describe of every object the sync needs, as /composite subrequests (one call for all). */
export const DESCRIBES = OBJECTS.map((object) => ({
  id: `describe ${object}`,
  url: `/sobjects/${object}/describe`
}));

/**
 * Judges the describes of every object in `needsOf` (made as the sync's user, so fields it cannot
 * read are left out). Returns, per object, the fields to query (required plus the optional ones
 * present) and their types; warns about optional fields left out; throws FieldCheckError naming
 * each required field that is missing, unreadable or not editable.
 */
export function checkFields(
  answers: Record<string, { status: number; body: unknown }>,
  log: (line: string) => void,
  needsOf: Record<string, ObjectNeeds>
): FieldCheck {
  const objects = Object.keys(needsOf);
  const problems: string[] = [];
  const select: Record<string, string[]> = {};
  const types: FieldCheck['types'] = {};
  for (const object of objects) {
    const answer = answers[`describe ${object}`];
    if ((answer.status === 404 || answer.status === 400) && needsOf[object].optionalObject) {
      log(
        `field check: ${object} is not in this org or not visible to this user; its counts are 0`
      );
      continue;
    }
    if (answer.status === 404 || answer.status === 400) {
      problems.push(`${object}: the object is missing or not visible to this user`);
      continue;
    }
    if (answer.status >= 400) {
      const e = (answer.body as { errorCode?: string; message?: string }[])[0] ?? {};
      throw Object.assign(new Error(`describe ${object}: ${e.message ?? answer.status}`), e);
    }
    const fields = new Map(
      (answer.body as { fields: DescribedField[] }).fields.map((f) => [f.name, f])
    );
    const needs = needsOf[object];
    for (const name of needs.read)
      if (!fields.has(name)) problems.push(`${object}.${name}: missing or not readable`);
    for (const name of needs.write ?? []) {
      const f = fields.get(name);
      if (f && !(f.createable && f.updateable))
        problems.push(`${object}.${name}: not editable (needs create and edit access)`);
    }
    for (const name of needs.createOnly ?? []) {
      const f = fields.get(name);
      if (f && !f.createable)
        problems.push(`${object}.${name}: not createable (needs create access)`);
    }
    const optional = (needs.optional ?? []).filter((name) => fields.has(name));
    const skipped = (needs.optional ?? []).filter((name) => !fields.has(name));
    if (skipped.length)
      log(
        `field check: ${skipped.map((n) => `${object}.${n}`).join(', ')} missing or not readable; scoring goes on without them`
      );
    select[object] = [...needs.read, ...optional];
    types[object] = {};
    for (const f of fields.values()) {
      if (f.type === 'boolean') types[object][f.name] = 'boolean';
      else if (NUMERIC.has(f.type)) types[object][f.name] = 'number';
    }
  }
  if (problems.length) throw new FieldCheckError(problems);
  return { select, types };
}

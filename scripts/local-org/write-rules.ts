/**
 * What the platform does to a row on its way in, apart from storing it: the fields it derives
 * (Opportunity's stage fields, full names, a task's IsClosed), the required-field check, the
 * OpportunityHistory row it records, and the record-level access rules of a write.
 */
import { FULL, READ, EDIT, accessErrors, type RecordAccess, type SharingModel } from './access';
import type { UserAccess } from './access';
import { ApiError } from './errors';
import { OPPORTUNITY_STAGES } from './schema';
import type { Row, SObjectSchema } from './types';

const STAGES = new Map(OPPORTUNITY_STAGES.map((s) => [s.name, s]));

/** Sets the fields the platform computes from the ones that `changed`. */
export function deriveFields(schema: SObjectSchema, row: Row, changed: Set<string>): void {
  if (schema.name === 'Opportunity' && changed.has('StageName')) {
    const stage = STAGES.get(row.StageName as string);
    if (!stage) return; // a missing stage is reported by the required-field check
    row.IsClosed = stage.closed;
    row.IsWon = stage.won;
    row.ForecastCategoryName = stage.forecast;
    if (!changed.has('Probability')) row.Probability = stage.probability;
  }
  if (['User', 'Contact', 'Lead'].includes(schema.name)) {
    row.Name = [row.FirstName, row.LastName].filter((p) => p).join(' ');
  }
  if (schema.name === 'Task') {
    row.IsClosed = row.Status === 'Completed';
  }
}

export function checkRequired(schema: SObjectSchema, row: Row): void {
  const missing = schema.fields
    .filter((f) => !f.nillable && f.createable && f.type !== 'boolean')
    .filter((f) => row[f.name] === null || row[f.name] === undefined)
    .map((f) => f.name);
  if (missing.length) {
    throw new ApiError(
      400,
      'REQUIRED_FIELD_MISSING',
      `Required fields are missing: [${missing.join(', ')}]`,
      missing
    );
  }
}

/** The OpportunityHistory row the platform records when an opportunity's stage or amount moves. */
export function historyRow(id: string, opp: Row, userId: string, at: string): Row {
  return {
    Id: id,
    OpportunityId: opp.Id,
    StageName: opp.StageName,
    Amount: opp.Amount,
    CloseDate: opp.CloseDate,
    Probability: opp.Probability,
    ForecastCategory: opp.ForecastCategoryName,
    ExpectedRevenue:
      typeof opp.Amount === 'number' && typeof opp.Probability === 'number'
        ? (opp.Amount * opp.Probability) / 100
        : null,
    IsDeleted: false,
    CreatedDate: at,
    CreatedById: userId,
    LastModifiedDate: at,
    LastModifiedById: userId,
    SystemModstamp: at
  };
}

/** What the record-level rules read of the store. */
export interface RecordRulesSource {
  accessOf(userId: string): UserAccess;
  getById(id: string): Row | undefined;
  objectOfId(id: string): string | undefined;
  sharingModel(object: string): SharingModel | undefined;
}

/** The record-level rules of a write, checked on the row as it would be stored. */
export function checkRecordWrite(
  store: RecordRulesSource,
  schema: SObjectSchema,
  row: Row,
  before: Row | undefined,
  userId: string
): void {
  const access = store.accessOf(userId);
  for (const f of schema.fields) {
    if (f.type !== 'reference' || f.calculated || f.name === 'CreatedById') continue;
    if (f.name === 'LastModifiedById') continue;
    const value = row[f.name];
    if (value === null || value === undefined || (before && before[f.name] === value)) continue;
    const target = store.getById(String(value));
    const targetObject = target ? store.objectOfId(target.Id) : undefined;
    if (!target || !targetObject) continue; // the reference check reports it
    if (f.name === 'OwnerId') {
      // Transferring a record needs Full Access to it, and the new owner needs Read on the
      // object (https://help.salesforce.com/s/articleView?id=sf.account_transfer.htm).
      if (before && access.record(schema.name, before) < FULL) {
        throw accessErrors.recordDenied(before.Id);
      }
      if (!store.accessOf(target.Id).object(schema.name).read) {
        throw accessErrors.transferRequiresRead(target.Id);
      }
      continue;
    }
    if (f.cascadeDelete) {
      // A detail is written with Edit on its master, or Read when writeRequiresMasterRead.
      const needed = f.writeRequiresMasterRead ? READ : EDIT;
      if (access.record(targetObject, target) < needed) {
        throw accessErrors.crossReference(target.Id, f.name);
      }
      continue;
    }
    if (schema.name.endsWith('__Share') && f.name === 'ParentId') {
      // Sharing a record by hand needs Full Access to it.
      if (access.record(targetObject, target) < FULL) {
        throw accessErrors.crossReference(target.Id, f.name);
      }
      continue;
    }
    // A lookup may only point at a record the user can see.
    if (!access.canRead(targetObject, target)) throw accessErrors.crossReference(target.Id, f.name);
  }
}

/**
 * Whether a user's record access allows an edit (EDIT) or a delete (FULL). A detail whose
 * master controls its sharing is written with Edit on the master, or Read when the
 * relationship sets writeRequiresMasterRead.
 */
export function mayWrite(
  store: RecordRulesSource,
  schema: SObjectSchema,
  row: Row,
  userId: string,
  needed: RecordAccess
): boolean {
  const access = store.accessOf(userId);
  const master = schema.fields.find((f) => f.cascadeDelete);
  if (master && store.sharingModel(schema.name) === 'ControlledByParent') {
    return access.record(schema.name, row) >= (master.writeRequiresMasterRead ? READ : EDIT);
  }
  return access.record(schema.name, row) >= needed;
}

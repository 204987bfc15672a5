/**
 * The standard objects' full field lists: the generated list (standard-objects.generated.ts, from
 * jsforce's published standard-object schema) in its order, each field as schema.ts defines it by
 * hand when it does (picklist values, lengths, required fields, derived fields), else derived
 * from its published type. A derived field is never required and never derived by the store:
 * the generated list widens what clients may read and write, it does not tighten what they must.
 */
import { STANDARD_FIELDS } from './standard-objects.generated';
import { decodeField, type GeneratedField } from './generate-standard-objects';
import type { FieldSchema, FieldType, SObjectSchema } from './types';

/** Fields the platform maintains: readable, never written by clients. */
const SYSTEM =
  /^(Id|IsDeleted|MasterRecordId|CreatedDate|CreatedById|LastModifiedDate|LastModifiedById|SystemModstamp|LastActivityDate|LastViewedDate|LastReferencedDate|PhotoUrl|Jigsaw|JigsawCompanyId|JigsawContactId|IsCustomerPortal|IsPartner|CleanStatus|IsEmailBounced|EmailBouncedReason|EmailBouncedDate|LastCURequestDate|LastCUUpdateDate|IsConverted|ConvertedDate|ConvertedAccountId|ConvertedContactId|ConvertedOpportunityId|IsUnreadByOwner|HasOpportunityLineItem|Fiscal|FiscalQuarter|FiscalYear|HasOpenActivity|HasOverdueTask|LastAmountChangedHistoryId|LastCloseDateChangedHistoryId|IsClosed|IsWon|IsArchived|IsRecurrence|IsGroupEvent|GroupEventType|IsChild|IsHighPriority|IsReminderSet|LastLoginDate|LastPasswordChangeDate|UserType|IsProfilePhotoActive|FullPhotoUrl|SmallPhotoUrl|MediumPhotoUrl|BannerPhotoUrl|SmallBannerPhotoUrl|MediumBannerPhotoUrl|IsExtIndicatorVisible|OutOfOfficeMessage|NumberOfFailedLogins|SuAccessExpirationDate|BadgeText|CompletedDateTime|TaskSubtype|EventSubtype|IsVisibleInSelfService|ActivityDateTime|Name)$/;

const PHONES = /(Phone|Fax)$/;
/** DateString fields that hold a date without a time (the others are datetimes). */
const DATES =
  /^(Birthdate|CloseDate|ActivityDate|LastActivityDate|ConvertedDate|LastTransferDate|RecurrenceStartDateOnly|RecurrenceEndDateOnly|EndDate|StartDate|ReminderDate)$/;

function typeOf(g: GeneratedField): FieldType | null {
  if (g.referenceTo) return 'reference';
  switch (g.tsType) {
    case 'boolean':
      return 'boolean';
    case 'number':
      return 'double';
    case 'Address':
      return 'address';
    case 'DateString':
      return DATES.test(g.name) ? 'date' : 'datetime';
    case 'string':
      if (g.name === 'Id') return 'id';
      if (PHONES.test(g.name)) return 'phone';
      if (/Email$/.test(g.name)) return 'email';
      if (g.name === 'Website') return 'url';
      return 'string';
    default:
      return null;
  }
}

/** "BillingPostalCode" → "Billing Postal Code", "ReportsToId" → "Reports To ID". */
function label(name: string): string {
  return name.replace(/([a-z])([A-Z])/g, '$1 $2').replace(/ Id$/, ' ID');
}

function derived(g: GeneratedField, type: FieldType): FieldSchema {
  // Lookups to objects jsforce can only name polymorphically ("Name") point at nothing writable.
  const targets = (g.referenceTo ?? []).filter((t) => t !== 'Name');
  const writable = !SYSTEM.test(g.name) && type !== 'address' && type !== 'id';
  return {
    name: g.name,
    label: label(g.name),
    type,
    nillable: type !== 'boolean' && type !== 'id',
    createable: writable && (type !== 'reference' || targets.length > 0),
    updateable: writable && (type !== 'reference' || targets.length > 0),
    ...(type === 'reference' ? { referenceTo: targets, relationshipName: g.relationshipName } : {})
  };
}

/** An object with its full standard field list, hand-kept definitions first in precedence. */
export function withStandardFields(schema: SObjectSchema): SObjectSchema {
  const rows = STANDARD_FIELDS[schema.name];
  if (!rows) return schema;
  const generated = rows.map(decodeField);
  const byName = new Map(schema.fields.map((f) => [f.name, f]));
  const fields: FieldSchema[] = [];
  for (const g of generated) {
    const kept = byName.get(g.name);
    if (kept) {
      fields.push(kept);
      byName.delete(g.name);
      continue;
    }
    const type = typeOf(g);
    if (type) fields.push(derived(g, type));
  }
  // Hand-kept fields the published list does not have (PushCount ...) stay, after the others.
  return { ...schema, fields: [...fields, ...byName.values()] };
}

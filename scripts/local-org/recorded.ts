/**
 * Fields a write may set although the describe says they are not writable: the audit fields
 * (CreatedById, CreatedDate, LastModifiedById, LastModifiedDate, read-only system fields:
 * https://developer.salesforce.com/docs/atlas.en-us.api.meta/api/system_fields.htm) when the
 * write sets them on purpose, as a data import with "Set Audit Fields upon Record Creation" may,
 * and values the platform records itself (login rows, a user's last login) set only by seeds
 * (`system`) as the platform would have.
 *
 * Both contexts exist only inside the process (seeds and test fixtures): no API route of the
 * local org sets them, so a client can never write these fields. LastActivityDate rides with the
 * audit fields there because a seed replays history the platform derived from activities; a
 * real org derives it and refuses it in any write.
 */
import type { WriteContext } from './store';
import type { SObjectSchema } from './types';

const AUDIT_FIELDS = new Set([
  'CreatedDate',
  'LastModifiedDate',
  'CreatedById',
  'LastModifiedById'
]);

/** Whether `field` of `schema` may be written under `ctx` though it is not createable/updateable. */
export function writableAnyway(ctx: WriteContext, schema: SObjectSchema, field: string): boolean {
  if (ctx.setAuditFields && (AUDIT_FIELDS.has(field) || field === 'LastActivityDate')) return true;
  return (
    ctx.system === true &&
    (!schema.createable || (schema.name === 'User' && field === 'LastLoginDate'))
  );
}

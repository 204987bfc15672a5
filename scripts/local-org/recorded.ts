/**
 * Fields a write may set although the describe says they are not writable: audit fields when
 * the write sets them on purpose (a data import with "Set Audit Fields upon Record Creation"),
 * and values the platform records itself (login rows, a user's last login), set only by seeds
 * (`system`) as the platform would have.
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

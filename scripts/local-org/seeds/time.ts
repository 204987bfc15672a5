import type { WriteContext } from '../store';

/** A datetime on `day` at `hour`:00 UTC, as Salesforce writes datetimes. */
export function at(day: string, hour = 10): string {
  return `${day}T${String(hour).padStart(2, '0')}:00:00.000Z`;
}

/**
 * The write context of a seed's records: `writer(day, userId)` writes as `userId` (the seed's
 * user by default) on `day`, with the audit fields the seed sets, outside the access model.
 */
export function seedWriter(ctx: WriteContext): (day: string, userId?: string) => WriteContext {
  return (day, userId = ctx.userId) => ({
    userId,
    now: new Date(at(day)),
    setAuditFields: true,
    system: true
  });
}

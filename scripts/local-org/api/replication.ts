/**
 * Replication: the ids of an object's records changed, or deleted, in a window of time, read from
 * SystemModstamp as the platform does.
 * (REST API Developer Guide, "Get Updated Records" and "Get Deleted Records":
 * https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/resources_getupdated.htm,
 * https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/resources_getdeleted.htm)
 */
import { ApiError } from '../errors';
import type { ApiCall } from './call';
import { notFound } from './call';

/** Deleted records stay available to replication for 30 days ("Get Deleted Records"). */
const DAYS_AVAILABLE = 30;
const DAY_MS = 86_400_000;

function iso(ms: number): string {
  return new Date(ms).toISOString().replace('Z', '+0000');
}

/** The `start` or `end` parameter; "the API ignores the seconds portion of the dateTime value". */
function when(call: ApiCall, name: 'start' | 'end'): number {
  const raw = call.url.searchParams.get(name);
  if (!raw) throw new ApiError(400, 'MISSING_ARGUMENT', `${name} was not specified`, [name]);
  const ms = Date.parse(raw.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
  if (Number.isNaN(ms)) {
    throw new ApiError(400, 'INVALID_REPLICATION_DATE', `${name} is not a dateTime: ${raw}`, [
      name
    ]);
  }
  return Math.floor(ms / 60_000) * 60_000;
}

/** GET /sobjects/<Object>/updated or /deleted ?start=&end=. */
export function replication(call: ApiCall, objectName: string, kind: 'updated' | 'deleted'): void {
  const view = call.store.viewFor(call.userId);
  const schema = view.describe(objectName);
  if (!schema) throw notFound();
  const start = when(call, 'start');
  const end = when(call, 'end');
  const now = call.now.getTime();
  const earliest = now - DAYS_AVAILABLE * DAY_MS;
  if (end <= start) {
    throw new ApiError(400, 'INVALID_REPLICATION_DATE', 'end must be after start', ['end']);
  }
  if (start < Math.floor(earliest / 60_000) * 60_000) {
    throw new ApiError(
      400,
      'INVALID_REPLICATION_DATE',
      `start must be within the last ${DAYS_AVAILABLE} days`,
      ['start']
    );
  }
  // Changes up to the end of the window, never past the org's clock (the latest minute covered).
  const covered = Math.min(end, Math.floor(now / 60_000) * 60_000);
  const inWindow = (stamp: unknown) => {
    const t = Date.parse(String(stamp ?? '').replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
    return t >= start && t < covered;
  };
  if (kind === 'updated') {
    const ids: string[] = [];
    for (const row of view.scan(schema.name)) if (inWindow(row.SystemModstamp)) ids.push(row.Id);
    return call.send(200, { ids, latestDateCovered: iso(covered) });
  }
  const deletedRecords: { id: string; deletedDate: unknown }[] = [];
  for (const row of view.scan(schema.name, { includeDeleted: true })) {
    if (row.IsDeleted === true && inWindow(row.SystemModstamp)) {
      deletedRecords.push({ id: row.Id, deletedDate: row.SystemModstamp });
    }
  }
  call.send(200, {
    deletedRecords,
    earliestDateAvailable: iso(earliest),
    latestDateCovered: iso(covered)
  });
}

/**
 * sObject Collections (`/composite/sobjects`): create, retrieve, update, upsert and delete up to
 * 200 records in one call, allOrNone both ways, and the upsert rules every write path shares.
 * (REST API Developer Guide, "sObject Collections":
 * https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/resources_composite_sobjects_collections.htm)
 */
import { ApiError, MultipleChoicesError } from '../errors';
import { normalizeId } from '../ids';
import type { Store, WriteContext } from '../store';
import type { Row } from '../types';
import { type ApiCall, jsonBody, methodNotAllowed, notFound, recordUrl, writer } from './call';
import { canonicalRecord, fieldList, restRecord, valueOf } from './fields';

const MAX_RECORDS = 200;

/**
 * Upsert by an external id field, or by Id, as the platform matches:
 * - Id with a blank value inserts ("To force Salesforce to create a new record, set the name of the
 *   external ID field to Id and the external ID value to null": Mobile SDK / REST "Collection
 *   Upsert", https://developer.salesforce.com/docs/platform/mobile-sdk/guide/ref-rest-apis-collection-upsert.html;
 *   Bulk API 2.0 upsert on Id behaves the same);
 * - a badly formed Id is MALFORMED_ID;
 * - more than one match on a non-unique external id: HTTP 300 with the matching records' URLs
 *   (REST API Developer Guide, "Insert or Update (Upsert) a Record Using an External ID",
 *   https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/dome_upsert.htm).
 */
export function upsertRecord(
  store: Store,
  ctx: WriteContext,
  version: string,
  object: string,
  extField: string,
  value: unknown,
  input: Record<string, unknown>
): { row: Row; created: boolean } {
  const schema = store.describe(object);
  if (!schema) throw notFound();
  const record = canonicalRecord(store, schema.name, input);
  const blank = value === null || value === undefined || value === '';
  if (extField.toLowerCase() === 'id') {
    const { Id: _ignored, ...fields } = record;
    if (blank) return { row: store.insert(schema.name, fields, ctx), created: true };
    const id = normalizeId(value);
    if (!id || store.objectOfId(id) !== schema.name) {
      throw new ApiError(
        400,
        'MALFORMED_ID',
        `${schema.label} ID: id value of incorrect type: ${String(value)}`,
        ['Id']
      );
    }
    if (!store.viewFor(ctx.userId).getById(id)) {
      throw new ApiError(400, 'INVALID_CROSS_REFERENCE_KEY', `invalid cross reference id`, ['Id']);
    }
    return { row: store.update(schema.name, id, fields, ctx), created: false };
  }
  const f = store.field(schema.name, extField);
  if (f && f.externalId && !f.unique && !blank) {
    const wanted = String(value).toLowerCase();
    const matches: string[] = [];
    for (const row of store.viewFor(ctx.userId).scan(schema.name)) {
      const v = row[f.name];
      if (v !== null && v !== undefined && String(v).toLowerCase() === wanted) matches.push(row.Id);
    }
    if (matches.length > 1) {
      throw new MultipleChoicesError(
        f.name,
        matches.map((id) => recordUrl(version, schema.name, id))
      );
    }
  }
  return store.upsert(schema.name, f?.name ?? extField, value, record, ctx);
}

class RolledBack extends Error {}

interface SaveResult {
  id: string | null;
  success: boolean;
  errors: { statusCode: string; message: string; fields: string[] }[];
  created?: boolean;
}

function failure(e: ApiError, id: string | null): SaveResult {
  return {
    id,
    success: false,
    errors: [
      {
        // In a collection, more than one match is this record's error, not the call's 300.
        statusCode: e instanceof MultipleChoicesError ? 'DUPLICATE_EXTERNAL_ID' : e.errorCode,
        message: e.message,
        fields: e.fields
      }
    ]
  };
}

/**
 * Writes each record, collecting per-record results; with allOrNone, one failure rolls every
 * write of the call back and the valid records report ALL_OR_NONE_OPERATION_ROLLED_BACK.
 * (REST API Developer Guide, "allOrNone Parameters in Composite and Collections Requests":
 * https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/resources_composite_sobjects_collections_allornone.htm)
 */
export function writeEach<T>(
  store: Store,
  items: T[],
  allOrNone: boolean,
  write: (item: T) => SaveResult,
  idOf: (item: T) => string | null
): SaveResult[] {
  const results: SaveResult[] = [];
  let failed = false;
  const all = () => {
    for (const item of items) {
      try {
        results.push(write(item));
      } catch (e) {
        if (!(e instanceof ApiError)) throw e;
        failed = true;
        results.push(failure(e, idOf(item)));
      }
    }
    if (allOrNone && failed) throw new RolledBack();
  };
  try {
    if (allOrNone) store.atomically(all);
    else all();
  } catch (e) {
    if (!(e instanceof RolledBack)) throw e;
    return results.map((r) =>
      r.success
        ? {
            id: null,
            success: false,
            errors: [
              {
                statusCode: 'ALL_OR_NONE_OPERATION_ROLLED_BACK',
                message:
                  'Record rolled back because not all records were valid and the request was using AllOrNone header',
                fields: []
              }
            ]
          }
        : r
    );
  }
  return results;
}

function checkCount(n: number): void {
  if (n > MAX_RECORDS) {
    throw new ApiError(
      400,
      'EXCEEDED_ID_LIMIT',
      `record limit reached. cannot submit more than ${MAX_RECORDS} records into this call`
    );
  }
}

/** The object a record of the body names in `attributes.type` (or the one in the path). */
function typeOf(r: Record<string, unknown>, fallback?: string): string {
  const t = (r.attributes as { type?: string } | undefined)?.type ?? fallback;
  if (!t) throw new ApiError(400, 'INVALID_TYPE', 'No SObject Type defined in attributes');
  return t;
}

/** Records by id for GET ?ids=&fields= and POST {ids, fields}: null where one cannot be read. */
function retrieve(call: ApiCall, object: string, ids: string[], fields: string[]): unknown[] {
  const schema = call.store.viewFor(call.userId).describe(object);
  if (!schema) throw notFound();
  checkCount(ids.length);
  if (fields.length === 0) {
    throw new ApiError(400, 'MISSING_ARGUMENT', 'The fields parameter is required', ['fields']);
  }
  const names = fieldList(schema, fields);
  const view = call.store.viewFor(call.userId);
  return ids.map((raw) => {
    const id = normalizeId(raw);
    if (!id) {
      throw new ApiError(400, 'MALFORMED_ID', `malformed id ${raw}`, ['ids']);
    }
    const row = view.getById(id);
    return row && call.store.objectOfId(row.Id) === schema.name
      ? restRecord(schema, row, call.version, names)
      : null;
  });
}

/**
 * The id of a live record the user can see, from a client's value; MALFORMED_ID when it is not
 * an id, ENTITY_IS_DELETED when no such record is visible (as update and delete answer).
 */
export function existingId(store: Store, userId: string, raw: unknown): string {
  const id = normalizeId(raw);
  const object = id ? store.objectOfId(id) : undefined;
  if (!id || !object) {
    throw new ApiError(400, 'MALFORMED_ID', `malformed id ${String(raw ?? '')}`, ['Id']);
  }
  if (!store.viewFor(userId).getById(id)) {
    throw new ApiError(400, 'ENTITY_IS_DELETED', 'entity is deleted', ['Id']);
  }
  return id;
}

/** /composite/sobjects[/Object[/ExternalIdField]]. */
export async function compositeSObjects(call: ApiCall): Promise<void> {
  const rest = call.parts.slice(2);
  const { method, store } = call;
  const ctx = writer(call);
  if (rest.length > 2) throw notFound();
  const query = (p: string) => (call.url.searchParams.get(p) ?? '').split(',').filter((s) => s);

  if (method === 'GET' && rest.length === 1) {
    return call.send(200, retrieve(call, rest[0], query('ids'), query('fields')));
  }
  if (method === 'DELETE' && rest.length === 0) {
    const ids = query('ids');
    checkCount(ids.length);
    const allOrNone = call.url.searchParams.get('allOrNone') === 'true';
    const del = (raw: string): SaveResult => {
      const id = existingId(store, call.userId, raw);
      store.delete(store.objectOfId(id)!, id, ctx);
      return { id, success: true, errors: [] };
    };
    return call.send(
      200,
      writeEach(store, ids, allOrNone, del, (raw) => raw)
    );
  }
  if (!['POST', 'PATCH'].includes(method) || (method === 'POST' && rest.length === 2)) {
    if (rest.length === 0) throw methodNotAllowed(method, ['POST', 'PATCH', 'DELETE']);
    throw methodNotAllowed(method, rest.length === 1 ? ['GET', 'POST'] : ['PATCH']);
  }

  const body = await jsonBody<{
    allOrNone?: boolean;
    records?: Record<string, unknown>[];
    ids?: string[];
    fields?: string[];
  }>(call);
  if (method === 'POST' && rest.length === 1) {
    return call.send(200, retrieve(call, rest[0], body.ids ?? [], body.fields ?? []));
  }
  if (method === 'PATCH' && rest.length === 1) throw methodNotAllowed(method, ['GET', 'POST']);
  const records = Array.isArray(body.records) ? body.records : [];
  checkCount(records.length);

  let write: (r: Record<string, unknown>) => SaveResult;
  if (method === 'POST') {
    write = (r) => {
      const object = typeOf(r);
      const record = canonicalRecord(store, object, r);
      if (record.Id) {
        throw new ApiError(400, 'INVALID_FIELD', 'cannot specify Id in an insert call', ['Id']);
      }
      return { id: store.insert(object, record, ctx).Id, success: true, errors: [] };
    };
  } else if (rest.length === 0) {
    // jsforce sends the id as `id`: field names are case-insensitive.
    write = (r) => {
      const object = typeOf(r);
      const { Id, ...fields } = canonicalRecord(store, object, r);
      const id = existingId(store, call.userId, Id);
      return { id: store.update(object, id, fields, ctx).Id, success: true, errors: [] };
    };
  } else {
    const [object, ext] = rest;
    write = (r) => {
      if (typeOf(r, object).toLowerCase() !== object.toLowerCase()) {
        throw new ApiError(400, 'INVALID_TYPE', `records must all be of type ${object}`);
      }
      const v = valueOf(r, ext);
      const { row, created } = upsertRecord(store, ctx, call.version, object, ext, v, r);
      return { id: row.Id, success: true, errors: [], created };
    };
  }
  const idOf = (r: Record<string, unknown>) => {
    const v = valueOf(r, 'Id');
    return typeof v === 'string' ? v : null;
  };
  call.send(200, writeEach(store, records, body.allOrNone === true, write, idOf));
}

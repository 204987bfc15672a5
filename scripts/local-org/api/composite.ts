/**
 * The composite resources: `/composite` (subrequests in order, later ones reading earlier results
 * through `@{referenceId.path}`), `/composite/batch` (independent subrequests) and
 * `/composite/tree/<Object>` (record trees inserted all or none). Each subrequest is answered as
 * the same call on its own would be, and the whole is one call against the API limits.
 */
import { ApiError } from '../errors';
import type { SObjectSchema } from '../types';
import { type ApiCall, jsonBody, methodNotAllowed, notFound, writer } from './call';
import { canonicalRecord } from './fields';

interface SubResult {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

/**
 * The value at `path` (`id`, `records[0].Id`, `compositeResponse.0`) of an earlier subrequest's
 * body, or undefined.
 */
function lookup(body: unknown, path: string): unknown {
  let v: unknown = body;
  for (const part of path.split(/\.|\[(\d+)\]/).filter((p) => p !== undefined && p !== '')) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<string, unknown>)[part];
  }
  return v;
}

const REFERENCE = /@\{([A-Za-z0-9_]+)\.([^}]+)\}/g;

/**
 * Replaces every `@{ref.path}` in a string with the earlier result's value; a reference to a
 * subrequest that failed or to a value that is not there halts this subrequest.
 * (REST API Developer Guide, "Composite": "You can use the output of one subrequest as the input
 * to a subsequent subrequest", https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/resources_composite_composite.htm)
 */
function resolveText(text: string, results: Map<string, SubResult>): string {
  return text.replace(REFERENCE, (_, ref: string, path: string) => {
    const earlier = results.get(ref);
    const value = earlier && earlier.status < 300 ? lookup(earlier.body, path) : undefined;
    if (value === undefined || value === null || typeof value === 'object') {
      throw new ApiError(
        400,
        'PROCESSING_HALTED',
        `Invalid reference specified. No value for ${ref}.${path} found in ${ref}.`
      );
    }
    return String(value);
  });
}

function resolveValue(value: unknown, results: Map<string, SubResult>): unknown {
  if (typeof value === 'string') return resolveText(value, results);
  if (Array.isArray(value)) return value.map((v) => resolveValue(v, results));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, resolveValue(v, results)]));
  }
  return value;
}

async function run(call: ApiCall, method: string, url: string, body: unknown): Promise<SubResult> {
  if (!call.dispatch) throw new ApiError(400, 'INVALID_INPUT', 'subrequests cannot nest');
  try {
    return await call.dispatch(method, url, body);
  } catch (e) {
    if (!(e instanceof ApiError)) throw e;
    return { status: e.statusCode, body: e.toBody() };
  }
}

const MAX_SUBREQUESTS = 25;
const MAX_QUERIES = 5;

/**
 * POST /composite: up to 25 subrequests, at most 5 of them queries or sObject Collections, run in
 * order. allOrNone: true (roll every subrequest back when one fails) is refused by name: the local
 * org runs subrequests independently.
 */
async function composite(call: ApiCall): Promise<void> {
  const body = await jsonBody<{
    allOrNone?: boolean;
    compositeRequest?: {
      method?: string;
      url?: string;
      referenceId?: string;
      body?: unknown;
    }[];
  }>(call);
  const subrequests = body.compositeRequest;
  if (!Array.isArray(subrequests) || subrequests.length === 0) {
    throw new ApiError(400, 'INVALID_INPUT', 'compositeRequest must be a non-empty array');
  }
  if (body.allOrNone === true) {
    throw new ApiError(
      400,
      'FEATURE_NOT_SUPPORTED',
      'The local org does not support allOrNone: true on /composite; use sObject Collections with allOrNone or /composite/tree'
    );
  }
  if (subrequests.length > MAX_SUBREQUESTS) {
    throw new ApiError(
      400,
      'LIMIT_EXCEEDED',
      `Maximum number of subrequests is ${MAX_SUBREQUESTS}`
    );
  }
  // Query, QueryAll and Query More (a query locator: /query/<locator>) count as queries
  // ("Composite", REST API Developer Guide: "up to 5 of these subrequests can be sObject
  // Collections or query operations, including Query and QueryAll requests and requests to get
  // the next batch of query results"),
  // https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/resources_composite_composite.htm
  // A url that opens with a reference is known only once the earlier answer is in: it may name
  // a query locator (`@{q.nextRecordsUrl}`, the next page of a query), so it counts as a query
  // here (stricter than an org that counts only what it resolves to, never more lenient).
  const heavy = (u: string) =>
    /\/query(All)?(\/|\?)|\/composite\/sobjects/.test(u) || /^@\{/.test(u);
  if (subrequests.filter((r) => heavy(String(r.url ?? ''))).length > MAX_QUERIES) {
    throw new ApiError(
      400,
      'LIMIT_EXCEEDED',
      `Maximum number of query and sObject Collections subrequests is ${MAX_QUERIES}`
    );
  }
  const results = new Map<string, SubResult>();
  const compositeResponse = [];
  for (const sub of subrequests) {
    const referenceId = String(sub.referenceId ?? '');
    let result: SubResult;
    // A referenceId holds only letters, digits and underscores ("Composite Subrequest Result":
    // how an org answers other characters depends on the API version and the release, so the
    // local org takes the strictest reading and refuses the subrequest).
    // https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/resources_composite_subrequest_result.htm
    if (!/^[A-Za-z0-9_]+$/.test(referenceId) || results.has(referenceId)) {
      result = {
        status: 400,
        body: new ApiError(
          400,
          'INVALID_INPUT',
          `invalid or repeated referenceId '${referenceId}': use only letters, numbers and underscores, once each`
        ).toBody()
      };
    } else {
      try {
        // The url with its references resolved (a whole url may be one: a query's
        // nextRecordsUrl) must name a versioned resource under /services/data: the resources
        // Composite supports are all /services/data/vXX.X/… ("Send Multiple Requests Using
        // Composite", https://developer.salesforce.com/docs/platform/api-rest/guide/resources-composite-composite-post.html).
        const url = resolveText(String(sub.url ?? ''), results);
        if (!/^\/services\/data\/v\d+\.\d\//.test(url))
          throw new ApiError(400, 'INVALID_INPUT', `invalid subrequest url: ${sub.url}`);
        const input = resolveValue(sub.body, results);
        result = await run(call, (sub.method ?? 'GET').toUpperCase(), url, input);
      } catch (e) {
        if (!(e instanceof ApiError)) throw e;
        result = { status: e.statusCode, body: e.toBody() };
      }
    }
    results.set(referenceId, result);
    compositeResponse.push({
      body: result.body ?? null,
      httpHeaders: result.headers ?? {},
      httpStatusCode: result.status,
      referenceId
    });
  }
  call.send(200, { compositeResponse });
}

/**
 * POST /composite/batch: up to 25 independent subrequests with URLs relative to /services/data;
 * haltOnError stops at the first failure, the rest answering BATCH_PROCESSING_HALTED.
 * (REST API Developer Guide, "Batch": https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/resources_composite_batch.htm)
 */
async function batch(call: ApiCall): Promise<void> {
  const body = await jsonBody<{
    haltOnError?: boolean;
    batchRequests?: { method?: string; url?: string; richInput?: unknown }[];
  }>(call);
  const requests = body.batchRequests;
  if (!Array.isArray(requests) || requests.length === 0) {
    throw new ApiError(400, 'INVALID_INPUT', 'batchRequests must be a non-empty array');
  }
  if (requests.length > MAX_SUBREQUESTS) {
    throw new ApiError(
      400,
      'LIMIT_EXCEEDED',
      `Maximum number of subrequests is ${MAX_SUBREQUESTS}`
    );
  }
  const results: { statusCode: number; result: unknown }[] = [];
  let halted = false;
  for (const r of requests) {
    if (halted) {
      results.push({
        statusCode: 412,
        result: [
          {
            errorCode: 'BATCH_PROCESSING_HALTED',
            message: 'Batch processing halted per request'
          }
        ]
      });
      continue;
    }
    const relative = String(r.url ?? '').replace(/^\/?(services\/data\/)?/, '');
    const out = /^v\d+\.\d\//.test(relative)
      ? await run(
          call,
          (r.method ?? 'GET').toUpperCase(),
          `/services/data/${relative}`,
          r.richInput
        )
      : {
          status: 400,
          body: new ApiError(400, 'INVALID_INPUT', `invalid subrequest url: ${r.url}`).toBody()
        };
    results.push({ statusCode: out.status, result: out.body ?? null });
    if (out.status >= 400 && body.haltOnError === true) halted = true;
  }
  call.send(200, { hasErrors: results.some((r) => r.statusCode >= 400), results });
}

interface TreeRecord {
  attributes?: { type?: string; referenceId?: string };
  [field: string]: unknown;
}

/**
 * POST /composite/tree/<Object>: up to 200 records with nested child records (under the parent's
 * child relationship names), inserted all or none; each answer carries the record's referenceId.
 * (REST API Developer Guide, "sObject Tree":
 * https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/resources_composite_sobject_tree.htm)
 */
async function tree(call: ApiCall, objectName: string): Promise<void> {
  const { store } = call;
  const root = store.describe(objectName);
  if (!root) throw notFound();
  const body = await jsonBody<{ records?: TreeRecord[] }>(call);
  if (!Array.isArray(body.records) || body.records.length === 0) {
    throw new ApiError(400, 'INVALID_INPUT', 'records must be a non-empty array');
  }
  let count = 0;
  const countAll = (records: TreeRecord[], depth: number) => {
    if (depth > 5) throw new ApiError(400, 'INVALID_INPUT', 'a tree may be at most 5 levels deep');
    for (const r of records) {
      count++;
      for (const v of Object.values(r)) {
        const nested = (v as { records?: TreeRecord[] } | null)?.records;
        if (Array.isArray(nested)) countAll(nested, depth + 1);
      }
    }
  };
  countAll(body.records, 1);
  if (count > 200) {
    throw new ApiError(400, 'LIMIT_EXCEEDED', 'a tree request may hold up to 200 records');
  }
  const results: { referenceId: string; id: string }[] = [];
  const ctx = writer(call);
  let failedRef = '';
  const insertAll = (schema: SObjectSchema, records: TreeRecord[], parent?: [string, string]) => {
    for (const r of records) {
      const referenceId = String(r.attributes?.referenceId ?? '');
      failedRef = referenceId;
      const type = r.attributes?.type;
      if (!referenceId || !type || type.toLowerCase() !== schema.name.toLowerCase()) {
        throw new ApiError(
          400,
          'INVALID_INPUT',
          `each record needs attributes.type ${schema.name} and a referenceId`
        );
      }
      const fields: Record<string, unknown> = {};
      const children: [SObjectSchema, string, TreeRecord[]][] = [];
      for (const [key, value] of Object.entries(r)) {
        if (key === 'attributes') continue;
        const rel = schema.childRelationships.find(
          (c) => c.relationshipName.toLowerCase() === key.toLowerCase()
        );
        const nested = (value as { records?: TreeRecord[] } | null)?.records;
        if (rel && Array.isArray(nested)) {
          children.push([store.describe(rel.childSObject)!, rel.field, nested]);
        } else {
          fields[key] = value;
        }
      }
      const record = canonicalRecord(store, schema.name, fields);
      if (parent) record[parent[0]] = parent[1];
      const row = store.insert(schema.name, record, ctx);
      results.push({ referenceId, id: row.Id });
      for (const [child, field, nested] of children) insertAll(child, nested, [field, row.Id]);
    }
  };
  try {
    store.atomically(() => insertAll(root, body.records!));
  } catch (e) {
    if (!(e instanceof ApiError)) throw e;
    return call.send(400, {
      hasErrors: true,
      results: [
        {
          referenceId: failedRef,
          errors: [{ statusCode: e.errorCode, message: e.message, fields: e.fields }]
        }
      ]
    });
  }
  call.send(201, { hasErrors: false, results });
}

/** /composite, /composite/batch, /composite/tree/<Object> (sobjects is collections.ts). */
export async function compositeResource(call: ApiCall): Promise<void> {
  const [, kind, object, ...more] = call.parts;
  if (more.length) throw notFound();
  if (kind === undefined) {
    if (call.method !== 'POST') throw methodNotAllowed(call.method, ['POST']);
    return composite(call);
  }
  if (kind === 'batch' && object === undefined) {
    if (call.method !== 'POST') throw methodNotAllowed(call.method, ['POST']);
    return batch(call);
  }
  if (kind === 'tree' && object !== undefined) {
    if (call.method !== 'POST') throw methodNotAllowed(call.method, ['POST']);
    return tree(call, object);
  }
  throw notFound();
}

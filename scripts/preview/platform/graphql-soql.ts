/**
 * The preview's `lightning/graphql`: UI API GraphQL queries of the components
 * (`uiapi { query { Obj(where:…, orderBy:…, first:n, after:c, upperBound:u) { edges { node { … } } pageInfo } } }`)
 * checked against the schema the user sees, translated into SOQL, run against the local org's
 * REST query endpoint as the selected user, and shaped back into the UI API response
 * (`{ value, displayValue }` leaves, parent relationships as nested nodes, `pageInfo` with an
 * opaque cursor).
 *
 * The schema is the user's: "The RecordQuery type has one field for each object type accessible
 * to the user" and the object- and field-level permissions of the context user control access to
 * objects and fields ("Query Objects", GraphQL API Developer Guide,
 * https://developer.salesforce.com/docs/platform/graphql/guide/query-record-objects.html). A
 * query naming an object or field outside it is a `ValidationError` and returns no data at all
 * ("Status Codes and Error Responses",
 * https://developer.salesforce.com/docs/platform/graphql/guide/query-status.html), unless the
 * field is marked `@optional`: then it is left out of the result ("Query Objects Examples",
 * https://developer.salesforce.com/docs/platform/graphql/guide/query-record-examples.html).
 *
 * Only what the components use is supported; anything else is refused with an error that names
 * the construct, so a component using a new operator fails loudly in the preview instead of
 * silently showing the wrong rows.
 */
import {
  GraphqlError,
  parseDocument,
  type Operation,
  type Selection,
  type Value
} from '../../metadata/graphql';

import { checkAgainstSchema, GraphqlValidationError, type DescribeObject } from './graphql-schema';

export { GraphqlError };

/** Directives the preview serves: `@optional` only. */
const DIRECTIVES = new Set(['optional']);

/** One query operation: the preview runs queries only. */
function parseOperation(text: string): Pick<Operation, 'variableTypes' | 'roots'> {
  const operations = parseDocument(text);
  if (operations.length !== 1)
    throw new GraphqlError('GraphQL: one operation per document is supported');
  const [op] = operations;
  if (op.kind !== 'query')
    throw new GraphqlError(`GraphQL: only queries are supported, not '${op.kind}'`);
  const unsupported = (list: Selection[]): string | undefined => {
    for (const s of list) {
      const d = s.directives.find((name) => !DIRECTIVES.has(name));
      if (d) return `@${d} on ${s.name}`;
      const inner = unsupported(s.selections ?? []);
      if (inner) return inner;
    }
    return undefined;
  };
  const directive = unsupported(op.roots);
  if (directive) throw new GraphqlError(`GraphQL: directive not supported (${directive})`);
  return op;
}

function isObject(v: unknown): v is Record<string, Value> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

const API_NAME = /^[A-Za-z][A-Za-z0-9_]*$/;

function apiName(name: string, where: string): string {
  if (!API_NAME.test(name))
    throw new GraphqlError(`GraphQL: '${name}' is not an API name (${where})`);
  return name;
}

// ---------------------------------------------------------------------------------------------
// Literals

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,3})?)?(?:Z|[+-]\d{2}:?\d{2})$/;

interface Context {
  variables: Record<string, unknown>;
  types: Record<string, string>;
}

function quote(s: string): string {
  return `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

/** One scalar as a SOQL literal; `type` is the declared GraphQL type of its variable, if any. */
function literal(v: unknown, type: string | undefined, path: string): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) throw new GraphqlError(`GraphQL: ${path} is not a finite number`);
    return String(v);
  }
  if (typeof v === 'string') {
    const base = (type ?? '').replace(/[[\]!]/g, '');
    if (base === 'Date') {
      if (!DATE.test(v))
        throw new GraphqlError(`GraphQL: ${path} '${v}' is not a Date (YYYY-MM-DD)`);
      return v;
    }
    if (base === 'DateTime') {
      if (!DATETIME.test(v))
        throw new GraphqlError(`GraphQL: ${path} '${v}' is not a DateTime (ISO 8601 with zone)`);
      return v;
    }
    if (base === 'Int' || base === 'Float' || base === 'Long') {
      if (!/^-?\d+(\.\d+)?$/.test(v))
        throw new GraphqlError(`GraphQL: ${path} '${v}' is not a number`);
      return v;
    }
    // A literal date written in the query itself ({ value: "2026-01-01" }) stays unquoted.
    if (type === undefined && (DATE.test(v) || DATETIME.test(v))) return v;
    return quote(v);
  }
  throw new GraphqlError(`GraphQL: ${path} must be a scalar`);
}

/** Resolves `{ $var }` and the UI API's `{ value: … }` wrapper of date operands. */
function operand(v: Value, ctx: Context, path: string): { value: unknown; type?: string } {
  if (isObject(v) && '$var' in v) {
    const name = String(v.$var);
    if (!(name in ctx.types)) throw new GraphqlError(`GraphQL: variable $${name} is not declared`);
    return { value: ctx.variables[name], type: ctx.types[name] };
  }
  if (isObject(v) && '$enum' in v) throw new GraphqlError(`GraphQL: ${path} has an enum operand`);
  if (isObject(v)) {
    const keys = Object.keys(v);
    if (keys.length === 1 && keys[0] === 'value') return operand(v.value, ctx, path);
    if (keys.length === 1 && keys[0] === 'literal')
      throw new GraphqlError(`GraphQL: ${path} uses a relative date literal, not supported`);
    throw new GraphqlError(`GraphQL: ${path} has an unsupported operand {${keys.join(', ')}}`);
  }
  if (Array.isArray(v)) return { value: v.map((x) => operand(x, ctx, path).value) };
  return { value: v };
}

const COMPARE: Record<string, string> = {
  eq: '=',
  ne: '!=',
  lt: '<',
  lte: '<=',
  gt: '>',
  gte: '>=',
  like: 'LIKE'
};

function condition(field: string, ops: Value, ctx: Context, path: string): string[] {
  if (!isObject(ops)) throw new GraphqlError(`GraphQL: ${path} needs an operator object`);
  const out: string[] = [];
  for (const [op, raw] of Object.entries(ops)) {
    const where = `${path}.${op}`;
    const { value, type } = operand(raw, ctx, where);
    if (op in COMPARE) {
      if (Array.isArray(value))
        throw new GraphqlError(`GraphQL: ${where} takes one value, not a list`);
      if ((value === null || value === undefined) && op !== 'eq' && op !== 'ne')
        throw new GraphqlError(`GraphQL: ${where} has no value`);
      out.push(`${field} ${COMPARE[op]} ${literal(value, type, where)}`);
    } else if (op === 'in' || op === 'nin') {
      if (!Array.isArray(value)) throw new GraphqlError(`GraphQL: ${where} needs a list`);
      const item = type?.replace(/^\[/, '').replace(/\]!?$/, '');
      // An empty IN list matches nothing: SOQL refuses `IN ()`, so say it with an impossible Id.
      if (value.length === 0) out.push(op === 'in' ? `Id = null` : `Id != null`);
      else
        out.push(
          `${field} ${op === 'in' ? 'IN' : 'NOT IN'} (${value
            .map((x, i) => literal(x, item, `${where}[${i}]`))
            .join(', ')})`
        );
    } else throw new GraphqlError(`GraphQL: operator '${op}' is not supported (${path})`);
  }
  return out;
}

function whereClause(v: Value, prefix: string, ctx: Context, path: string): string {
  if (!isObject(v)) throw new GraphqlError(`GraphQL: ${path} must be an object`);
  const parts: string[] = [];
  for (const [key, value] of Object.entries(v)) {
    const here = `${path}.${key}`;
    if (key === 'and' || key === 'or') {
      const list = Array.isArray(value) ? value : [value];
      const inner = list.map((x, i) => whereClause(x, prefix, ctx, `${here}[${i}]`));
      if (inner.length) parts.push(`(${inner.join(key === 'and' ? ' AND ' : ' OR ')})`);
    } else if (key === 'not') {
      parts.push(`(NOT ${whereClause(value, prefix, ctx, here)})`);
    } else {
      apiName(key, here);
      // Operators are lower case (eq, in …), field names of a related record start upper case.
      if (isObject(value) && Object.keys(value).some((k) => /^[A-Z]/.test(k))) {
        // A parent relationship: its filter applies to the related record's fields.
        parts.push(whereClause(value, `${prefix}${key}.`, ctx, here));
      } else parts.push(...condition(`${prefix}${key}`, value, ctx, here));
    }
  }
  return parts.length > 1 ? `(${parts.join(' AND ')})` : (parts[0] ?? '');
}

function orderByClause(v: Value, prefix: string, path: string): string[] {
  if (!isObject(v)) throw new GraphqlError(`GraphQL: ${path} must be an object`);
  const out: string[] = [];
  for (const [key, value] of Object.entries(v)) {
    const here = `${path}.${key}`;
    apiName(key, here);
    if (!isObject(value)) throw new GraphqlError(`GraphQL: ${here} must be an object`);
    if ('order' in value || 'nulls' in value) {
      const extra = Object.keys(value).filter((k) => k !== 'order' && k !== 'nulls');
      if (extra.length) throw new GraphqlError(`GraphQL: ${here}.${extra[0]} is not supported`);
      const order = isObject(value.order) ? String(value.order.$enum) : 'ASC';
      if (order !== 'ASC' && order !== 'DESC')
        throw new GraphqlError(`GraphQL: ${here}.order must be ASC or DESC`);
      let term = `${prefix}${key} ${order}`;
      if ('nulls' in value) {
        const nulls = isObject(value.nulls) ? String(value.nulls.$enum) : '';
        if (nulls !== 'FIRST' && nulls !== 'LAST')
          throw new GraphqlError(`GraphQL: ${here}.nulls must be FIRST or LAST`);
        term += ` NULLS ${nulls}`;
      }
      out.push(term);
    } else out.push(...orderByClause(value, `${prefix}${key}.`, here));
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Selections

/** How one node is read back: a scalar Id, a field with leaves, or a parent relationship. */
export type NodeShape = (
  | { kind: 'id'; alias: string; name: string }
  | { kind: 'field'; alias: string; name: string; leaves: { alias: string; name: string }[] }
  | { kind: 'parent'; alias: string; name: string; node: NodeShape }
  | { kind: 'typename'; alias: string; object: string }
)[];

const LEAVES = new Set(['value', 'displayValue']);

function nodeShape(
  object: string,
  selections: Selection[],
  fields: Set<string>,
  prefix: string,
  path: string
): NodeShape {
  const shape: NodeShape = [];
  for (const s of selections) {
    const here = `${path}.${s.name}`;
    if (s.name === '__typename') {
      shape.push({ kind: 'typename', alias: s.alias, object });
      continue;
    }
    apiName(s.name, here);
    if (Object.keys(s.args).length) throw new GraphqlError(`GraphQL: ${here} takes no arguments`);
    if (!s.selections) {
      if (s.name !== 'Id') throw new GraphqlError(`GraphQL: ${here} needs { value }`);
      fields.add(`${prefix}Id`);
      shape.push({ kind: 'id', alias: s.alias, name: 'Id' });
    } else if (s.selections.every((c) => LEAVES.has(c.name))) {
      fields.add(`${prefix}${s.name}`);
      shape.push({
        kind: 'field',
        alias: s.alias,
        name: s.name,
        leaves: s.selections.map((c) => ({ alias: c.alias, name: c.name }))
      });
    } else if (s.selections.some((c) => c.name === 'edges')) {
      throw new GraphqlError(`GraphQL: child relationship ${here} is not supported`);
    } else {
      shape.push({
        kind: 'parent',
        alias: s.alias,
        name: s.name,
        node: nodeShape(s.name, s.selections, fields, `${prefix}${s.name}.`, here)
      });
    }
  }
  return shape;
}

/** One object query of the document, ready to run. */
export interface TranslatedQuery {
  alias: string;
  object: string;
  soql: string;
  /** Position in the whole result of the page's first row. */
  offset: number;
  /** Rows the SOQL result has before the page (past SOQL's largest OFFSET). */
  skip: number;
  /** Rows in a full page: `first`, less where the reachable records end. */
  size: number;
  /** Whether records past this page are reachable at all (the limit is not reached). */
  more: boolean;
  node: NodeShape;
  /** Whether the connection selects rows (edges or pageInfo); a count alone reads none. */
  rows: boolean;
  /**
   * `SELECT COUNT() …` of the same filter, when the connection selects totalCount: "the
   * Connection object contains the returned object and the node …, totalCount, and
   * resultPageCount objects" ("Paginate Results",
   * https://developer.salesforce.com/docs/platform/graphql/guide/paginate.html).
   */
  countSoql: string | null;
}

const DEFAULT_FIRST = 10;
const MAX_FIRST = 2000;
/**
 * Records reachable by paging, and the `first` an upper bound needs: "Using pagination without
 * an upper-bound limit lets you retrieve up to 4,000 records only" ("Paginate with Record
 * Connections", https://developer.salesforce.com/docs/platform/graphql/guide/paginate-use.html);
 * with `upperBound`, "you can paginate up to the upperBound number of records" and "first can
 * have a value from 200 to 2000 only" ("Paginate with Upper-Bound Limit",
 * https://developer.salesforce.com/docs/platform/graphql/guide/paginate-use-upperbound.html).
 */
export const RECORD_CONNECTION_LIMIT = 4000;
const UPPER_BOUND_FIRST = { min: 200, max: 2000 };
/** SOQL's largest OFFSET (the local org enforces it as Salesforce does). */
const MAX_SOQL_OFFSET = 2000;

export function encodeCursor(offset: number): string {
  return Buffer.from(`offset:${offset}`).toString('base64');
}

function decodeCursor(cursor: unknown, path: string): number {
  if (cursor === null || cursor === undefined) return 0;
  const text = Buffer.from(String(cursor), 'base64').toString('utf8');
  const m = /^offset:(\d+)$/.exec(text);
  if (!m) throw new GraphqlError(`GraphQL: ${path} is not a cursor of this preview`);
  return Number(m[1]);
}

/** An optional Int argument; null when absent or null. */
function intArg(obj: Selection, name: string, ctx: Context, path: string): number | null {
  if (obj.args[name] === undefined) return null;
  const v = operand(obj.args[name], ctx, `${path}.${name}`).value;
  if (v === null || v === undefined) return null;
  const n = Number(v);
  if (!Number.isInteger(n)) throw new GraphqlError(`GraphQL: ${path}.${name} must be an integer`);
  return n;
}

/** Translates a UI API GraphQL query with its variables into one SOQL query per object. */
export function translateGraphql(
  query: string,
  variables: Record<string, unknown> = {}
): TranslatedQuery[] {
  return translateOperation(parseOperation(query), variables);
}

function translateOperation(
  op: Pick<Operation, 'variableTypes' | 'roots'>,
  variables: Record<string, unknown>
): TranslatedQuery[] {
  const ctx: Context = { variables, types: op.variableTypes };
  const out: TranslatedQuery[] = [];
  for (const root of op.roots) {
    if (root.name !== 'uiapi')
      throw new GraphqlError(`GraphQL: '${root.name}' is not supported (uiapi only)`);
    for (const q of root.selections ?? []) {
      if (q.name !== 'query')
        throw new GraphqlError(`GraphQL: uiapi.${q.name} is not supported (query only)`);
      for (const obj of q.selections ?? []) {
        const path = `uiapi.query.${obj.alias}`;
        const object = apiName(obj.name, path);
        for (const arg of Object.keys(obj.args))
          if (!['where', 'orderBy', 'first', 'after', 'upperBound'].includes(arg))
            throw new GraphqlError(`GraphQL: argument '${arg}' is not supported (${path})`);
        const first = intArg(obj, 'first', ctx, path) ?? DEFAULT_FIRST;
        const upperBound = intArg(obj, 'upperBound', ctx, path);
        if (upperBound === null && (first < 1 || first > MAX_FIRST))
          throw new GraphqlError(
            `GraphQL: ${path}.first must be an integer from 1 to ${MAX_FIRST}`
          );
        if (upperBound !== null) {
          if (upperBound < 1)
            throw new GraphqlError(`GraphQL: ${path}.upperBound must be a positive integer`);
          if (first < UPPER_BOUND_FIRST.min || first > UPPER_BOUND_FIRST.max)
            throw new GraphqlError(
              `GraphQL: ${path}.first must be from ${UPPER_BOUND_FIRST.min} to ${UPPER_BOUND_FIRST.max} with upperBound`
            );
        }
        const offset =
          obj.args.after === undefined
            ? 0
            : decodeCursor(operand(obj.args.after, ctx, `${path}.after`).value, `${path}.after`);
        const edges = obj.selections?.find((s) => s.name === 'edges');
        const nodeSel = edges?.selections?.find((s) => s.name === 'node');
        for (const s of obj.selections ?? [])
          if (!['edges', 'pageInfo', 'totalCount', '__typename'].includes(s.name))
            throw new GraphqlError(`GraphQL: ${path}.${s.name} is not supported`);
        const fields = new Set<string>(['Id']);
        const node = nodeShape(object, nodeSel?.selections ?? [], fields, '', `${path}.edges.node`);
        const where =
          obj.args.where === undefined ? '' : whereClause(obj.args.where, '', ctx, `${path}.where`);
        const order =
          obj.args.orderBy === undefined
            ? []
            : orderByClause(obj.args.orderBy, '', `${path}.orderBy`);
        // A stable order for paging: Id breaks ties, as the UI API does.
        if (!order.some((o) => o.startsWith('Id '))) order.push('Id ASC');
        // The page: `first` rows from `offset`, never past the reachable records; one row more
        // tells whether a next page exists. SOQL skips at most 2,000 rows; the rest of the
        // offset is skipped when the rows come back.
        const reachable = upperBound ?? RECORD_CONNECTION_LIMIT;
        const size = Math.max(0, Math.min(first, reachable - offset));
        const soqlOffset = Math.min(offset, MAX_SOQL_OFFSET);
        const skip = offset - soqlOffset;
        const more = offset + size < reachable;
        const limit = skip + size + (more ? 1 : 0);
        const soql =
          `SELECT ${[...fields].join(', ')} FROM ${object}` +
          (where ? ` WHERE ${where.replace(/^\((.*)\)$/s, '$1')}` : '') +
          ` ORDER BY ${order.join(', ')} LIMIT ${Math.max(limit, 1)}` +
          (soqlOffset ? ` OFFSET ${soqlOffset}` : '');
        const selected = new Set((obj.selections ?? []).map((s) => s.name));
        const countSoql = selected.has('totalCount')
          ? `SELECT COUNT() FROM ${object}` +
            (where ? ` WHERE ${where.replace(/^\((.*)\)$/s, '$1')}` : '')
          : null;
        out.push({
          alias: obj.alias,
          object,
          soql,
          offset,
          skip,
          size,
          more,
          node,
          rows: selected.has('edges') || selected.has('pageInfo'),
          countSoql
        });
      }
    }
  }
  return out;
}

function readNode(shape: NodeShape, record: Record<string, unknown>): Record<string, unknown> {
  const node: Record<string, unknown> = {};
  for (const s of shape) {
    if (s.kind === 'typename') node[s.alias] = s.object;
    else if (s.kind === 'id') node[s.alias] = record.Id ?? null;
    else if (s.kind === 'field') {
      const value = record[s.name] ?? null;
      const leaf: Record<string, unknown> = {};
      for (const l of s.leaves)
        leaf[l.alias] = l.name === 'displayValue' && value !== null ? String(value) : value;
      node[s.alias] = leaf;
    } else {
      const parent = record[s.name];
      node[s.alias] = isObject(parent) ? readNode(s.node, parent as Record<string, unknown>) : null;
    }
  }
  return node;
}

/**
 * Shapes the SOQL rows of one translated query (the page and one more) as a UI API connection,
 * with `totalCount` (every record the filter matches, past the page) when it was counted.
 */
export function shapeConnection(
  t: TranslatedQuery,
  records: Record<string, unknown>[],
  totalCount?: number
): Record<string, unknown> {
  const page = records.slice(t.skip, t.skip + t.size);
  const hasNextPage = t.more && records.length > t.skip + t.size;
  const count = totalCount === undefined ? {} : { totalCount };
  if (!t.rows) return count;
  return {
    ...count,
    edges: page.map((r, i) => ({
      node: readNode(t.node, r),
      cursor: encodeCursor(t.offset + i + 1)
    })),
    pageInfo: {
      hasNextPage,
      hasPreviousPage: t.offset > 0,
      startCursor: page.length ? encodeCursor(t.offset + 1) : null,
      endCursor: page.length ? encodeCursor(t.offset + page.length) : null
    }
  };
}

/** One entry of a GraphQL response's `errors`. */
export interface GraphqlResponseError {
  message: string;
  extensions?: { ErrorType: string };
}

/**
 * Runs a UI API GraphQL query as one user: checked against the user's schema (`describe`, the
 * user's view of each object), then each object's query through `runSoql` (the REST query
 * endpoint as that user). Returns the GraphQL response, `{ data, errors }`, as the platform's
 * adapter reports it: a query that does not validate has no data at all; a query that fails
 * while it runs has null for that object and an error naming it.
 */
export async function runGraphql(
  query: string,
  variables: Record<string, unknown>,
  runSoql: (soql: string) => Promise<Record<string, unknown>[]>,
  describe: DescribeObject,
  countSoql?: (soql: string) => Promise<number>
): Promise<{ data: unknown; errors: GraphqlResponseError[] }> {
  let translated: TranslatedQuery[];
  try {
    const op = parseOperation(query);
    const roots = await checkAgainstSchema(op.roots, describe);
    translated = translateOperation({ ...op, roots }, variables);
  } catch (e) {
    if (e instanceof GraphqlValidationError)
      return {
        data: null,
        errors: [{ message: e.message, extensions: { ErrorType: 'ValidationError' } }]
      };
    if (e instanceof GraphqlError) return { data: null, errors: [{ message: e.message }] };
    throw e;
  }
  const result: Record<string, unknown> = {};
  const errors: GraphqlResponseError[] = [];
  await Promise.all(
    translated.map(async (t) => {
      try {
        if (t.countSoql !== null && !countSoql)
          throw new GraphqlError(`totalCount is not supported here (uiapi.query.${t.alias})`);
        const [records, total] = await Promise.all([
          t.rows ? runSoql(t.soql) : Promise.resolve([]),
          t.countSoql !== null && countSoql ? countSoql(t.countSoql) : Promise.resolve(undefined)
        ]);
        result[t.alias] = shapeConnection(t, records, total);
      } catch (e) {
        result[t.alias] = null;
        errors.push({ message: `${t.object}: ${(e as Error).message}` });
      }
    })
  );
  return { data: { uiapi: { query: result } }, errors };
}

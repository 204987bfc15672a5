/**
 * The preview's `lightning/graphql`: UI API GraphQL queries of the components
 * (`uiapi { query { Obj(where:…, orderBy:…, first:n, after:c) { edges { node { … } } pageInfo } } }`)
 * translated into SOQL, run against the local org's REST query endpoint as the selected user,
 * and shaped back into the UI API response (`{ value, displayValue }` leaves, parent
 * relationships as nested nodes, `pageInfo` with an opaque cursor).
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

export { GraphqlError };

/** One query operation: the preview runs queries only, without directives. */
function parseOperation(text: string): Pick<Operation, 'variableTypes' | 'roots'> {
  const operations = parseDocument(text);
  if (operations.length !== 1)
    throw new GraphqlError('GraphQL: one operation per document is supported');
  const [op] = operations;
  if (op.kind !== 'query')
    throw new GraphqlError(`GraphQL: only queries are supported, not '${op.kind}'`);
  const withDirective = (list: Selection[]): Selection | undefined => {
    for (const s of list) {
      if (s.directives.length) return s;
      const inner = withDirective(s.selections ?? []);
      if (inner) return inner;
    }
    return undefined;
  };
  const directive = withDirective(op.roots);
  if (directive)
    throw new GraphqlError(`GraphQL: directives are not supported (${directive.name})`);
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
  first: number;
  offset: number;
  node: NodeShape;
}

const DEFAULT_FIRST = 10;
const MAX_FIRST = 2000;

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

/** Translates a UI API GraphQL query with its variables into one SOQL query per object. */
export function translateGraphql(
  query: string,
  variables: Record<string, unknown> = {}
): TranslatedQuery[] {
  const op = parseOperation(query);
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
          if (!['where', 'orderBy', 'first', 'after'].includes(arg))
            throw new GraphqlError(`GraphQL: argument '${arg}' is not supported (${path})`);
        const firstArg =
          obj.args.first === undefined
            ? DEFAULT_FIRST
            : operand(obj.args.first, ctx, `${path}.first`).value;
        const first =
          firstArg === null || firstArg === undefined ? DEFAULT_FIRST : Number(firstArg);
        if (!Number.isInteger(first) || first < 1 || first > MAX_FIRST)
          throw new GraphqlError(
            `GraphQL: ${path}.first must be an integer from 1 to ${MAX_FIRST}`
          );
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
        const soql =
          `SELECT ${[...fields].join(', ')} FROM ${object}` +
          (where ? ` WHERE ${where.replace(/^\((.*)\)$/s, '$1')}` : '') +
          ` ORDER BY ${order.join(', ')} LIMIT ${first + 1}` +
          (offset ? ` OFFSET ${offset}` : '');
        out.push({ alias: obj.alias, object, soql, first, offset, node });
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

/** Shapes the SOQL rows of one translated query (up to first + 1 of them) as a UI API connection. */
export function shapeConnection(
  t: TranslatedQuery,
  records: Record<string, unknown>[]
): Record<string, unknown> {
  const page = records.slice(0, t.first);
  const hasNextPage = records.length > t.first;
  return {
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

/**
 * Runs a UI API GraphQL query through `runSoql` (the REST query endpoint as one user) and
 * returns the GraphQL response: `{ data, errors }` as the platform's adapter reports it.
 */
export async function runGraphql(
  query: string,
  variables: Record<string, unknown>,
  runSoql: (soql: string) => Promise<Record<string, unknown>[]>
): Promise<{ data: unknown; errors: { message: string }[] }> {
  let translated: TranslatedQuery[];
  try {
    translated = translateGraphql(query, variables);
  } catch (e) {
    if (e instanceof GraphqlError) return { data: null, errors: [{ message: e.message }] };
    throw e;
  }
  const result: Record<string, unknown> = {};
  const errors: { message: string }[] = [];
  await Promise.all(
    translated.map(async (t) => {
      try {
        result[t.alias] = shapeConnection(t, await runSoql(t.soql));
      } catch (e) {
        result[t.alias] = null;
        errors.push({ message: `${t.object}: ${(e as Error).message}` });
      }
    })
  );
  return { data: { uiapi: { query: result } }, errors };
}

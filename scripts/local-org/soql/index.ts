/**
 * SOQL for the local org: parsed by @jetstreamapp/soql-parser-js, checked against the schema,
 * and run over a data source (the store, seen as the querying user). A construct the local org
 * does not support is refused with MALFORMED_QUERY naming it, never answered wrongly.
 */
import { parseQuery } from '@jetstreamapp/soql-parser-js';
import { ApiError } from '../errors';
import type {
  FieldSchema,
  PreparedQuery,
  Row,
  SObjectSchema,
  SoqlContext,
  SoqlDataSource
} from '../types';
import { dateLiteralRange, dayNumber } from './dates';

export const API_VERSION = 'v62.0';

/* eslint-disable @typescript-eslint/no-explicit-any -- the parser's AST is loosely typed */
type Ast = any;

const malformed = (message: string) => new ApiError(400, 'MALFORMED_QUERY', message);
const unsupported = (what: string) => malformed(`Unsupported in the local org: ${what}`);

/** A path from the queried object to a field: parent relationships, then the field. */
interface FieldPath {
  /** Relationship fields to follow (reference field schemas), in order. */
  hops: FieldSchema[];
  field: FieldSchema;
  /** Display name as the query should return it (schema spelling): Account.Name. */
  name: string;
}

function lowerMap<T extends { name: string }>(items: T[]): Map<string, T> {
  return new Map(items.map((i) => [i.name.toLowerCase(), i]));
}

class Resolver {
  constructor(private readonly source: SoqlDataSource) {}

  object(name: string): SObjectSchema {
    const schema = this.source.describe(name);
    if (!schema || !schema.queryable) {
      throw new ApiError(
        400,
        'INVALID_TYPE',
        `sObject type '${name}' is not supported. If you are attempting to use a custom object, be sure to append the '__c' after the entity name.`
      );
    }
    return schema;
  }

  /** Resolves `Account.Owner.Name` from `root`. */
  path(root: SObjectSchema, dotted: string): FieldPath {
    const parts = dotted.split('.');
    // A leading object name (SELECT Opportunity.Name FROM Opportunity) is allowed.
    if (parts.length > 1 && parts[0].toLowerCase() === root.name.toLowerCase()) parts.shift();
    const hops: FieldSchema[] = [];
    const names: string[] = [];
    let object = root;
    for (let i = 0; i < parts.length - 1; i++) {
      const rel = object.fields.find(
        (f) => f.relationshipName && f.relationshipName.toLowerCase() === parts[i].toLowerCase()
      );
      if (!rel) {
        throw new ApiError(
          400,
          'INVALID_FIELD',
          `Didn't understand relationship '${parts[i]}' in field path. If you are attempting to use a custom relationship, be sure to append the '__r' after the custom relationship name.`
        );
      }
      hops.push(rel);
      names.push(rel.relationshipName!);
      object = this.object(rel.referenceTo![0]);
    }
    const last = parts[parts.length - 1];
    const field = lowerMap(object.fields).get(last.toLowerCase());
    if (!field) {
      throw new ApiError(
        400,
        'INVALID_FIELD',
        `No such column '${last}' on entity '${object.name}'. If you are attempting to use a custom field, be sure to append the '__c' after the custom field name.`
      );
    }
    names.push(field.name);
    return { hops, field, name: names.join('.') };
  }
}

/** Reads a path's value from a row, following parent lookups through the data source. */
function reader(path: FieldPath, source: SoqlDataSource): (row: Row) => unknown {
  const name = path.field.name;
  if (path.hops.length === 0) return (row) => row[name];
  return (row) => {
    let current: Row | undefined = row;
    for (const hop of path.hops) {
      const id: unknown = current[hop.name];
      current = typeof id === 'string' ? source.getById(id) : undefined;
      if (!current) return null;
    }
    return current[name];
  };
}

// ---------------------------------------------------------------- literals and comparisons

function unquote(value: string): string {
  if (!/^'.*'$/s.test(value)) throw malformed(`Expected a quoted string, found ${value}`);
  return value
    .slice(1, -1)
    .replace(
      /\\(.)/g,
      (_m, c: string) => ({ n: '\n', t: '\t', r: '\r', b: '\b', f: '\f' })[c] ?? c
    );
}

type Scalar = string | number | boolean | null;

/** A literal converted to the stored representation of the field it is compared with. */
function literal(
  field: FieldSchema,
  type: string,
  raw: string,
  ctx: SoqlContext
): Scalar | [number, number] {
  switch (type) {
    case 'NULL':
      return null;
    case 'BOOLEAN':
      return raw.toUpperCase() === 'TRUE';
    case 'INTEGER':
    case 'DECIMAL':
    case 'INTEGER_WITH_CURRENCY_PREFIX':
    case 'DECIMAL_WITH_CURRENCY_PREFIX':
      if (type.endsWith('CURRENCY_PREFIX')) throw unsupported('currency-prefixed numbers');
      return Number(raw);
    case 'STRING':
      return unquote(raw);
    case 'DATE':
      if (field.type !== 'date' && field.type !== 'datetime') {
        throw malformed(
          `value of filter criterion for field '${field.name}' must be of type ${field.type}`
        );
      }
      return raw;
    case 'DATETIME':
      if (field.type !== 'datetime') {
        throw malformed(
          `value of filter criterion for field '${field.name}' must be of type date and should not be enclosed in quotes`
        );
      }
      return Date.parse(raw.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
    case 'DATE_LITERAL':
    case 'DATE_N_LITERAL':
      if (field.type !== 'date' && field.type !== 'datetime') {
        throw malformed(
          `value of filter criterion for field '${field.name}' must be of type ${field.type}`
        );
      }
      return dateLiteralRange(raw, ctx.now);
    default:
      throw unsupported(`literal type ${type}`);
  }
}

function compareScalars(a: unknown, b: unknown): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'boolean' && typeof b === 'boolean') return Number(a) - Number(b);
  const x = String(a).toLowerCase();
  const y = String(b).toLowerCase();
  return x < y ? -1 : x > y ? 1 : 0;
}

function likeToRegExp(pattern: string): RegExp {
  let out = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\' && i + 1 < pattern.length)
      out += pattern[++i].replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    else if (c === '%') out += '[\\s\\S]*';
    else if (c === '_') out += '[\\s\\S]';
    else out += c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${out}$`, 'i');
}

type Predicate = (row: Row) => boolean;

/** Compiles one condition of a WHERE clause. */
function condition(
  cond: Ast,
  root: SObjectSchema,
  resolver: Resolver,
  source: SoqlDataSource,
  ctx: SoqlContext
): Predicate {
  if (cond.fn) throw unsupported(`function ${cond.fn.functionName}() in WHERE`);
  if (!cond.field) throw malformed('Condition without a field');
  const path = resolver.path(root, cond.field);
  const get = reader(path, source);
  const f = path.field;
  const op: string = String(cond.operator).toUpperCase();
  const isDateField = f.type === 'date' || f.type === 'datetime';
  const asDay = (v: unknown): number | null =>
    v === null || v === undefined ? null : dayNumber(String(v));
  const asTime = (v: unknown): number | null =>
    v === null || v === undefined
      ? null
      : Date.parse(String(v).replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));

  if (cond.literalType === 'SUBQUERY') {
    if (op !== 'IN' && op !== 'NOT IN') throw malformed(`Subquery with operator ${op}`);
    const inner = prepareAst(cond.valueQuery, source, ctx, true);
    let ids: Set<unknown> | null = null;
    const set = () => {
      if (!ids) {
        ids = new Set();
        for (const r of inner.rawRows()) ids.add(inner.firstValue(r));
      }
      return ids;
    };
    return op === 'IN' ? (row) => set().has(get(row)) : (row) => !set().has(get(row));
  }

  if (op === 'IN' || op === 'NOT IN' || op === 'INCLUDES' || op === 'EXCLUDES') {
    const values = (Array.isArray(cond.value) ? cond.value : [cond.value]).map((v: string) =>
      literal(
        f,
        cond.literalType === 'NULL'
          ? 'NULL'
          : Array.isArray(cond.literalType)
            ? 'STRING'
            : cond.literalType,
        v,
        ctx
      )
    );
    if (op === 'INCLUDES' || op === 'EXCLUDES') {
      if (f.type !== 'multipicklist') {
        throw malformed(`INCLUDES and EXCLUDES are only for multi-select picklists: ${path.name}`);
      }
      // 'a;b' means both a and b; the list means any of them.
      const wanted = values.map((v: unknown) =>
        String(v)
          .split(';')
          .map((s) => s.trim().toLowerCase())
      );
      const matches = (row: Row) => {
        const have = new Set(
          String(get(row) ?? '')
            .split(';')
            .map((s) => s.trim().toLowerCase())
            .filter((s) => s)
        );
        return wanted.some((all: string[]) => all.every((w) => have.has(w)));
      };
      return op === 'INCLUDES' ? matches : (row) => !matches(row);
    }
    const norm = (v: unknown) => (typeof v === 'string' && !isDateField ? v.toLowerCase() : v);
    const set = new Set(values.map(norm));
    return op === 'IN'
      ? (row) => set.has(norm(get(row)))
      : (row) => {
          const v = get(row);
          return v !== null && v !== undefined && !set.has(norm(v));
        };
  }

  const value = literal(f, cond.literalType, String(cond.value), ctx);

  if (op === 'LIKE') {
    if (typeof value !== 'string') throw malformed(`LIKE needs a string: ${path.name}`);
    const re = likeToRegExp(value);
    return (row) => {
      const v = get(row);
      return v !== null && v !== undefined && re.test(String(v));
    };
  }

  const cmp = (c: number | null): boolean => {
    if (c === null) return false;
    switch (op) {
      case '=':
        return c === 0;
      case '!=':
      case '<>':
        return c !== 0;
      case '<':
        return c < 0;
      case '<=':
        return c <= 0;
      case '>':
        return c > 0;
      case '>=':
        return c >= 0;
      default:
        throw malformed(`Unknown operator ${op}`);
    }
  };

  if (value === null) {
    if (op === '=') return (row) => get(row) === null || get(row) === undefined;
    if (op === '!=' || op === '<>') return (row) => get(row) !== null && get(row) !== undefined;
    throw malformed(`null can only be compared with = or !=: ${path.name}`);
  }

  if (Array.isArray(value)) {
    // A date literal: a range of days. A datetime field counts on its UTC day.
    const [start, end] = value;
    return (row) => {
      const day = asDay(get(row));
      if (day === null) return op === '!=' || op === '<>' ? false : false;
      switch (op) {
        case '=':
          return day >= start && day <= end;
        case '!=':
        case '<>':
          return day < start || day > end;
        case '<':
          return day < start;
        case '<=':
          return day <= end;
        case '>':
          return day > end;
        case '>=':
          return day >= start;
        default:
          throw malformed(`Unknown operator ${op}`);
      }
    };
  }

  if (f.type === 'datetime') {
    const t = typeof value === 'number' ? value : Date.parse(`${value}T00:00:00Z`);
    return (row) => {
      const v = asTime(get(row));
      return v === null ? op === '!=' || op === '<>' : cmp(v - t);
    };
  }
  if (f.type === 'date') {
    const d = dayNumber(String(value));
    return (row) => {
      const v = asDay(get(row));
      return v === null ? op === '!=' || op === '<>' : cmp(v - d);
    };
  }
  return (row) => {
    const v = get(row);
    if (v === null || v === undefined) return op === '!=' || op === '<>';
    return cmp(compareScalars(v, value));
  };
}

/** The parser gives WHERE as a chain with parenthesis counts; rebuild the precedence tree. */
function where(
  node: Ast,
  root: SObjectSchema,
  resolver: Resolver,
  source: SoqlDataSource,
  ctx: SoqlContext
): Predicate {
  type Token = '(' | ')' | 'AND' | 'OR' | 'NOT' | { p: Predicate };
  const tokens: Token[] = [];
  for (let n = node; n; n = n.right) {
    if (n.left === null || n.left === undefined) {
      if (String(n.operator).toUpperCase() !== 'NOT') throw malformed('Malformed WHERE clause');
      tokens.push('NOT');
      continue;
    }
    for (let i = 0; i < (n.left.openParen ?? 0); i++) tokens.push('(');
    tokens.push({ p: condition(n.left, root, resolver, source, ctx) });
    for (let i = 0; i < (n.left.closeParen ?? 0); i++) tokens.push(')');
    if (n.operator) tokens.push(String(n.operator).toUpperCase() as Token);
  }
  let at = 0;
  const expect = (t: Token) => {
    if (tokens[at] !== t) throw malformed('Unbalanced parentheses in WHERE');
    at++;
  };
  const primary = (): Predicate => {
    const t = tokens[at];
    if (t === 'NOT') {
      at++;
      const inner = primary();
      return (row) => !inner(row);
    }
    if (t === '(') {
      at++;
      const inner = or();
      expect(')');
      return inner;
    }
    if (t && typeof t === 'object') {
      at++;
      return t.p;
    }
    throw malformed('Malformed WHERE clause');
  };
  const and = (): Predicate => {
    const parts = [primary()];
    while (tokens[at] === 'AND') {
      at++;
      parts.push(primary());
    }
    return parts.length === 1 ? parts[0] : (row) => parts.every((p) => p(row));
  };
  const or = (): Predicate => {
    const parts = [and()];
    while (tokens[at] === 'OR') {
      at++;
      parts.push(and());
    }
    return parts.length === 1 ? parts[0] : (row) => parts.some((p) => p(row));
  };
  const result = or();
  if (at !== tokens.length) throw malformed('Malformed WHERE clause');
  return result;
}

// ---------------------------------------------------------------- output

function formatValue(field: FieldSchema, value: unknown): unknown {
  if (value === undefined) return null;
  return value;
}

function attributes(type: string, id: string | undefined) {
  return id ? { type, url: `/services/data/${API_VERSION}/sobjects/${type}/${id}` } : { type };
}

interface Column {
  path: FieldPath;
  get: (row: Row) => unknown;
}

interface Subquery {
  relationshipName: string;
  child: SObjectSchema;
  field: string;
  query: Prepared;
}

/** Builds a record in REST JSON shape with nested parents for relationship columns. */
function shape(
  root: SObjectSchema,
  row: Row,
  columns: Column[],
  subqueries: Subquery[],
  source: SoqlDataSource
): Record<string, unknown> {
  const out: Record<string, unknown> = { attributes: attributes(root.name, row.Id) };
  for (const c of columns) {
    let target = out;
    let current: Row | undefined = row;
    let alive = true;
    for (const hop of c.path.hops) {
      const rel = hop.relationshipName!;
      const id: unknown = current ? current[hop.name] : null;
      const parent: Row | undefined =
        alive && typeof id === 'string' ? source.getById(id) : undefined;
      if (!parent) {
        if (!(rel in target)) target[rel] = null;
        alive = false;
        break;
      }
      if (!target[rel]) {
        const type = source.describe(
          hop.referenceTo!.length > 1 ? objectOf(parent, source) : hop.referenceTo![0]
        )!;
        target[rel] = { attributes: attributes(type.name, parent.Id) };
      }
      target = target[rel] as Record<string, unknown>;
      current = parent;
    }
    if (alive && current)
      target[c.path.field.name] = formatValue(c.path.field, current[c.path.field.name]);
  }
  for (const s of subqueries) {
    const children = [...s.query.filterRows(source.children(s.child.name, s.field, row.Id))];
    out[s.relationshipName] = children.length
      ? {
          totalSize: children.length,
          done: true,
          records: children.map((r) => shape(s.child, r, s.query.columns, [], source))
        }
      : null;
  }
  return out;
}

function objectOf(row: Row, source: SoqlDataSource): string {
  for (const candidate of ['Opportunity', 'Account', 'Contact', 'Lead', 'User']) {
    const schema = source.describe(candidate);
    if (schema && row.Id.startsWith(schema.keyPrefix)) return schema.name;
  }
  return 'Name';
}

// ---------------------------------------------------------------- aggregates

interface Aggregate {
  alias: string;
  fn: string;
  get: ((row: Row) => unknown) | null;
}

function aggregateValue(fn: string, values: unknown[]): unknown {
  const present = values.filter((v) => v !== null && v !== undefined);
  switch (fn) {
    case 'COUNT':
      return present.length;
    case 'COUNT_DISTINCT':
      return new Set(present.map((v) => (typeof v === 'string' ? v.toLowerCase() : v))).size;
    case 'SUM':
      return present.length ? present.reduce((a: number, v) => a + Number(v), 0) : null;
    case 'AVG':
      return present.length
        ? present.reduce((a: number, v) => a + Number(v), 0) / present.length
        : null;
    case 'MIN':
      return present.length ? present.reduce((a, v) => (compareScalars(v, a) < 0 ? v : a)) : null;
    case 'MAX':
      return present.length ? present.reduce((a, v) => (compareScalars(v, a) > 0 ? v : a)) : null;
    default:
      throw unsupported(`aggregate function ${fn}`);
  }
}

// ---------------------------------------------------------------- the prepared query

interface Prepared extends Omit<PreparedQuery, 'columns'> {
  columns: Column[];
  columnNames: string[];
  filterRows(rows: Iterable<Row>): Iterable<Row>;
  rawRows(): Iterable<Row>;
  firstValue(row: Row): unknown;
}

const REFUSED_FUNCTIONS = new Set([
  'FIELDS',
  'TOLABEL',
  'CONVERTCURRENCY',
  'FORMAT',
  'GROUPING',
  'DISTANCE',
  'GEOLOCATION',
  'CALENDAR_YEAR',
  'CALENDAR_MONTH',
  'CALENDAR_QUARTER',
  'DAY_ONLY',
  'DAY_IN_MONTH',
  'DAY_IN_WEEK',
  'DAY_IN_YEAR',
  'FISCAL_YEAR',
  'FISCAL_QUARTER',
  'FISCAL_MONTH',
  'HOUR_IN_DAY',
  'WEEK_IN_MONTH',
  'WEEK_IN_YEAR',
  'CONVERTTIMEZONE'
]);
const AGGREGATES = new Set(['COUNT', 'COUNT_DISTINCT', 'SUM', 'AVG', 'MIN', 'MAX']);

function refuseUnsupported(ast: Ast): void {
  if (ast.withSecurityEnforced) throw unsupported('WITH SECURITY_ENFORCED');
  if (ast.withAccessLevel) throw unsupported('WITH USER_MODE / SYSTEM_MODE');
  if (ast.withDataCategory) throw unsupported('WITH DATA CATEGORY');
  if (ast.for) throw unsupported(`FOR ${ast.for}`);
  if (ast.update) throw unsupported(`UPDATE ${ast.update}`);
  if (ast.usingScope) throw unsupported('USING SCOPE');
  if (ast.having) throw unsupported('HAVING');
  for (const g of ast.groupBy ?? []) {
    if (g.fn) throw unsupported(`GROUP BY ${g.fn.functionName}()`);
  }
  if (ast.groupBy && !Array.isArray(ast.groupBy)) throw unsupported('GROUP BY ROLLUP / CUBE');
  for (const o of ast.orderBy ?? []) {
    if (o.fn) throw unsupported(`ORDER BY ${o.fn.functionName}()`);
  }
}

function prepareAst(
  ast: Ast,
  source: SoqlDataSource,
  ctx: SoqlContext,
  semiJoin = false
): Prepared {
  refuseUnsupported(ast);
  const resolver = new Resolver(source);
  const root = resolver.object(ast.sObject);
  const columns: Column[] = [];
  const subqueries: Subquery[] = [];
  const aggregates: Aggregate[] = [];
  let countOnly = false;
  let exprIndex = 0;
  const seen = new Set<string>();

  for (const f of ast.fields ?? []) {
    if (f.type === 'FieldTypeof') throw unsupported('TYPEOF');
    if (f.type === 'FieldSubquery') {
      if (semiJoin) throw malformed('Nested subqueries are not supported in semi-joins');
      const sub = f.subquery;
      const rel = root.childRelationships.find(
        (r) => r.relationshipName.toLowerCase() === String(sub.relationshipName).toLowerCase()
      );
      if (!rel) {
        throw new ApiError(
          400,
          'INVALID_TYPE',
          `Didn't understand relationship '${sub.relationshipName}' in FROM part of query call. If you are attempting to use a custom relationship, be sure to append the '__r' after the custom relationship name.`
        );
      }
      const query = prepareAst({ ...sub, sObject: rel.childSObject }, source, ctx, false);
      subqueries.push({
        relationshipName: rel.relationshipName,
        child: resolver.object(rel.childSObject),
        field: rel.field,
        query
      });
      continue;
    }
    if (f.type === 'FieldFunctionExpression') {
      const fn = String(f.functionName).toUpperCase();
      if (REFUSED_FUNCTIONS.has(fn)) throw unsupported(`${fn}()`);
      if (!AGGREGATES.has(fn)) throw unsupported(`function ${fn}()`);
      if (fn === 'COUNT' && (f.parameters ?? []).length === 0) {
        countOnly = true;
        continue;
      }
      const param = String(f.parameters[0]);
      const path = resolver.path(root, param);
      aggregates.push({
        alias: f.alias ?? `expr${exprIndex++}`,
        fn,
        get: reader(path, source)
      });
      continue;
    }
    if (f.type !== 'Field' && f.type !== 'FieldRelationship')
      throw unsupported(`${f.type} in SELECT`);
    const dotted =
      f.type === 'Field' ? f.field : (f.rawValue ?? [...f.relationships, f.field].join('.'));
    const path = resolver.path(root, dotted);
    if (seen.has(path.name.toLowerCase())) {
      throw malformed(`duplicate field selected: ${path.name}`);
    }
    seen.add(path.name.toLowerCase());
    columns.push({ path, get: reader(path, source) });
  }

  const groupBy: Column[] = (ast.groupBy ?? []).map((g: Ast) => {
    const path = resolver.path(root, g.field);
    return { path, get: reader(path, source) };
  });
  const isAggregate = aggregates.length > 0 || groupBy.length > 0;
  if (isAggregate) {
    for (const c of columns) {
      if (!groupBy.some((g) => g.path.name === c.path.name)) {
        throw malformed(`Field ${c.path.name} must be grouped or aggregated`);
      }
    }
    if (subqueries.length) throw malformed('Subqueries cannot be used with aggregate functions');
  }
  if (countOnly && (columns.length || aggregates.length || subqueries.length)) {
    throw malformed('COUNT() must be the only element in the SELECT list');
  }

  const predicate = ast.where ? where(ast.where, root, resolver, source, ctx) : () => true;
  const orderBy = (ast.orderBy ?? []).map((o: Ast) => {
    const dir = String(o.order ?? 'ASC').toUpperCase() === 'DESC' ? -1 : 1;
    const nullsFirst = o.nulls ? String(o.nulls).toUpperCase() === 'FIRST' : dir === 1;
    if (isAggregate) {
      const agg = aggregates.find((a) => a.alias.toLowerCase() === String(o.field).toLowerCase());
      if (agg) return { key: agg.alias, dir, nullsFirst, get: null };
    }
    const path = resolver.path(root, o.field);
    return { key: path.name, dir, nullsFirst, get: reader(path, source) };
  });
  const limit: number | undefined = ast.limit;
  const offset: number = ast.offset ?? 0;
  if (offset > 2000) {
    throw new ApiError(400, 'NUMBER_OUTSIDE_VALID_RANGE', `Maximum SOQL offset allowed is 2000`);
  }

  const sortRows = <T>(items: T[], value: (item: T, i: number) => unknown[]) => {
    if (!orderBy.length) return items;
    const keys = items.map((item, i) => ({ item, k: value(item, i) }));
    keys.sort((a, b) => {
      for (let i = 0; i < orderBy.length; i++) {
        const x = a.k[i];
        const y = b.k[i];
        const xn = x === null || x === undefined;
        const yn = y === null || y === undefined;
        if (xn || yn) {
          if (xn && yn) continue;
          return (xn ? -1 : 1) * (orderBy[i].nullsFirst ? 1 : -1);
        }
        const c = compareScalars(x, y);
        if (c !== 0) return c * orderBy[i].dir;
      }
      return 0;
    });
    return keys.map((k) => k.item);
  };

  function* filterRows(rows: Iterable<Row>): Iterable<Row> {
    for (const row of rows) if (predicate(row)) yield row;
  }

  function* rawRows(): Iterable<Row> {
    let rows: Iterable<Row> = filterRows(
      source.scan(root.name, { includeDeleted: ctx.includeDeleted })
    );
    if (orderBy.length) {
      rows = sortRows([...rows], (r) =>
        orderBy.map((o: { get: ((row: Row) => unknown) | null }) => o.get!(r))
      );
    }
    let skipped = 0;
    let taken = 0;
    for (const row of rows) {
      if (skipped < offset) {
        skipped++;
        continue;
      }
      if (limit !== undefined && taken >= limit) return;
      taken++;
      yield row;
    }
  }

  function aggregateRows(): Record<string, unknown>[] {
    const groups = new Map<string, { key: unknown[]; rows: Row[] }>();
    for (const row of filterRows(source.scan(root.name, { includeDeleted: ctx.includeDeleted }))) {
      const key = groupBy.map((g) => g.get(row) ?? null);
      const k = JSON.stringify(key.map((v) => (typeof v === 'string' ? v.toLowerCase() : v)));
      let g = groups.get(k);
      if (!g) groups.set(k, (g = { key, rows: [] }));
      g.rows.push(row);
    }
    if (groupBy.length === 0 && groups.size === 0) groups.set('[]', { key: [], rows: [] });
    let out = [...groups.values()].map((g) => {
      const rec: Record<string, unknown> = { attributes: { type: 'AggregateResult' } };
      groupBy.forEach((col, i) => {
        rec[col.path.field.name] = g.key[i];
      });
      for (const a of aggregates)
        rec[a.alias] = aggregateValue(
          a.fn,
          g.rows.map((r) => a.get!(r))
        );
      return rec;
    });
    out = sortRows(out, (rec) =>
      orderBy.map((o: { key: string }) => {
        const byAlias = aggregates.find((a) => a.alias === o.key);
        return byAlias ? rec[byAlias.alias] : rec[o.key.split('.').pop()!];
      })
    );
    return out.slice(offset, limit === undefined ? undefined : offset + limit);
  }

  const prepared: Prepared = {
    sobject: root.name,
    columns,
    columnNames: isAggregate
      ? [...groupBy.map((g) => g.path.field.name), ...aggregates.map((a) => a.alias)]
      : columns.map((c) => c.path.name),
    isAggregate,
    filterRows,
    rawRows,
    firstValue: (row) => (columns[0] ? columns[0].get(row) : row.Id),
    totalSize() {
      if (isAggregate) return aggregateRows().length;
      let n = 0;
      for (const _ of rawRows()) n++;
      return n;
    },
    *rows() {
      if (countOnly) return;
      if (isAggregate) {
        yield* aggregateRows();
        return;
      }
      for (const row of rawRows()) yield shape(root, row, columns, subqueries, source);
    }
  };
  if (
    semiJoin &&
    (columns.length !== 1 ||
      (columns[0].path.field.type !== 'id' && columns[0].path.field.type !== 'reference'))
  ) {
    throw malformed('A semi-join subquery must select exactly one Id or reference field');
  }
  return prepared;
}

/** Parses and checks a SOQL query for a data source; errors are Salesforce's. */
export function prepareSoql(soql: string, source: SoqlDataSource, ctx: SoqlContext): PreparedQuery {
  if (/^\s*FIND\s/i.test(soql)) throw unsupported('SOSL');
  let ast: Ast;
  try {
    ast = parseQuery(soql);
  } catch (e) {
    throw malformed(e instanceof Error ? e.message.split('\n')[0] : String(e));
  }
  const prepared = prepareAst(ast, source, ctx);
  return {
    sobject: prepared.sobject,
    columns: prepared.columnNames,
    isAggregate: prepared.isAggregate,
    totalSize: () => prepared.totalSize(),
    rows: () => prepared.rows()
  };
}

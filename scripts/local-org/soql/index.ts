/**
 * SOQL for the local org: parsed by @jetstreamapp/soql-parser-js, checked against the schema
 * and compiled once into closures (the WHERE clause becomes one predicate), then run over a data
 * source (the store, as the querying user sees it). Results have the REST API's JSON shape.
 * A construct the local org does not support is refused with MALFORMED_QUERY naming it, never
 * answered wrongly.
 */
import { parseQuery } from '@jetstreamapp/soql-parser-js';
import { compoundAddress } from '../api/fields';
import { ApiError } from '../errors';
import { normalizeId } from '../ids';
import type {
  FieldSchema,
  PreparedQuery,
  Row,
  SObjectSchema,
  SoqlContext,
  SoqlDataSource
} from '../types';
import { applyDateFunction, dateLiteralRange, dayString, DATE_FUNCTIONS } from './dates';
import {
  canonicalDatetime,
  comparator,
  kindOf,
  multiSet,
  normalize,
  output,
  typeName,
  type Kind
} from './values';

export const API_VERSION = 'v62.0';

/* eslint-disable @typescript-eslint/no-explicit-any -- the parser's AST is loosely typed */
type Ast = any;

const malformed = (message: string) => new ApiError(400, 'MALFORMED_QUERY', message);
const unsupported = (what: string) => malformed(`Unsupported in the local org: ${what}`);
const invalidField = (message: string) => new ApiError(400, 'INVALID_FIELD', message);

const AGGREGATES = new Set(['COUNT', 'COUNT_DISTINCT', 'SUM', 'AVG', 'MIN', 'MAX']);
/** Functions Salesforce has and the local org refuses, by their documented spelling. */
const REFUSED: Record<string, string> = {
  TOLABEL: 'toLabel()',
  CONVERTCURRENCY: 'convertCurrency()',
  CONVERTTIMEZONE: 'convertTimezone()',
  FORMAT: 'FORMAT()',
  GROUPING: 'GROUPING()',
  DISTANCE: 'DISTANCE()',
  GEOLOCATION: 'GEOLOCATION()',
  FISCAL_YEAR: 'FISCAL_YEAR()',
  FISCAL_QUARTER: 'FISCAL_QUARTER()',
  FISCAL_MONTH: 'FISCAL_MONTH()',
  ROLLUP: 'GROUP BY ROLLUP',
  CUBE: 'GROUP BY CUBE'
};

function refusedFunction(name: string, params: unknown[] = []): ApiError | null {
  const upper = name.toUpperCase();
  if (upper === 'FIELDS') return unsupported(`FIELDS(${String(params[0] ?? '').toUpperCase()})`);
  return REFUSED[upper] ? unsupported(REFUSED[upper]) : null;
}

// ---------------------------------------------------------------- schema resolution

/** A path from an object to a field through parent relationships. */
interface FieldPath {
  /** The reference fields followed, in order. */
  hops: FieldSchema[];
  field: FieldSchema;
  /** As the schema spells it: Account.Owner.Name. */
  name: string;
  /** The synthetic `Type` of a polymorphic parent (What.Type): the parent's object name. */
  parentType?: boolean;
}

const fieldMaps = new WeakMap<SObjectSchema, Map<string, FieldSchema>>();
function fieldMap(schema: SObjectSchema): Map<string, FieldSchema> {
  let map = fieldMaps.get(schema);
  if (!map) {
    map = new Map(schema.fields.map((f) => [f.name.toLowerCase(), f]));
    fieldMaps.set(schema, map);
  }
  return map;
}

const relationshipMaps = new WeakMap<SObjectSchema, Map<string, FieldSchema>>();
function relationshipMap(schema: SObjectSchema): Map<string, FieldSchema> {
  let map = relationshipMaps.get(schema);
  if (!map) {
    map = new Map();
    for (const f of schema.fields) {
      if (f.relationshipName) map.set(f.relationshipName.toLowerCase(), f);
    }
    relationshipMaps.set(schema, map);
  }
  return map;
}

const TYPE_FIELD: FieldSchema = {
  name: 'Type',
  label: 'Type',
  type: 'string',
  nillable: true,
  createable: false,
  updateable: false
};

class Scope {
  /** Work to undo before each run (semi-join id sets are recomputed per run). */
  readonly resets: (() => void)[];

  constructor(
    readonly source: SoqlDataSource,
    readonly ctx: SoqlContext,
    readonly root: SObjectSchema,
    readonly alias: string | undefined,
    resets?: (() => void)[]
  ) {
    this.resets = resets ?? [];
  }

  object(name: string): SObjectSchema {
    return resolveObject(this.source, name);
  }

  /** Resolves `Account.Owner.Name` (optionally prefixed by the object name or alias). */
  path(dotted: string): FieldPath {
    const parts = dotted.split('.');
    if (parts.length > 1) {
      const first = parts[0].toLowerCase();
      if (first === this.root.name.toLowerCase() || first === this.alias?.toLowerCase()) {
        parts.shift();
      }
    }
    const hops: FieldSchema[] = [];
    const names: string[] = [];
    let object = this.root;
    for (let i = 0; i < parts.length - 1; i++) {
      const wanted = parts[i].toLowerCase();
      const rel = relationshipMap(object).get(wanted);
      if (!rel || !rel.referenceTo?.length) {
        throw invalidField(
          `Didn't understand relationship '${parts[i]}' in field path. If you are attempting to use a custom relationship, be sure to append the '__r' after the custom relationship name. Please reference your WSDL or the describe call for the appropriate names.`
        );
      }
      hops.push(rel);
      names.push(rel.relationshipName!);
      object = this.object(rel.referenceTo[0]);
    }
    const last = parts[parts.length - 1];
    const lastHop = hops[hops.length - 1];
    if (lastHop && (lastHop.referenceTo?.length ?? 0) > 1 && last.toLowerCase() === 'type') {
      return { hops, field: TYPE_FIELD, name: [...names, 'Type'].join('.'), parentType: true };
    }
    const field = fieldMap(object).get(last.toLowerCase());
    if (!field) {
      throw invalidField(
        `No such column '${last}' on entity '${object.name}'. If you are attempting to use a custom field, be sure to append the '__c' after the custom field name. Please reference your WSDL or the describe call for the appropriate names.`
      );
    }
    names.push(field.name);
    return { hops, field, name: names.join('.') };
  }
}

function resolveObject(source: SoqlDataSource, name: string): SObjectSchema {
  const schema = source.describe(name);
  if (!schema || !schema.queryable) {
    throw new ApiError(
      400,
      'INVALID_TYPE',
      `sObject type '${name}' is not supported. If you are attempting to use a custom object, be sure to append the '__c' after the entity name. Please reference your WSDL or the describe call for the appropriate names.`
    );
  }
  return schema;
}

/** The object a row of a polymorphic lookup belongs to, by its id's key prefix. */
function objectOfId(source: SoqlDataSource, id: string, candidates: string[]): string {
  for (const name of candidates) {
    const schema = source.describe(name);
    if (schema && id.startsWith(schema.keyPrefix)) return schema.name;
  }
  return candidates[0];
}

/** Reads a path's raw value from a row, following parent lookups through the data source. */
function reader(path: FieldPath, source: SoqlDataSource): (row: Row) => unknown {
  const name = path.field.name;
  const hops = path.hops;
  if (hops.length === 0) return (row) => row[name];
  if (path.parentType) {
    const last = hops[hops.length - 1];
    return (row) => {
      let current: Row | undefined = row;
      for (let i = 0; i < hops.length - 1; i++) {
        const id: unknown = current[hops[i].name];
        current = typeof id === 'string' ? source.getById(id) : undefined;
        if (!current) return null;
      }
      const id: unknown = current[last.name];
      return typeof id === 'string' && source.getById(id)
        ? objectOfId(source, id, last.referenceTo!)
        : null;
    };
  }
  if (hops.length === 1) {
    const hop = hops[0].name;
    return (row) => {
      const id = row[hop];
      if (typeof id !== 'string') return null;
      const parent = source.getById(id);
      return parent ? parent[name] : null;
    };
  }
  return (row) => {
    let current: Row | undefined = row;
    for (const hop of hops) {
      const id: unknown = current[hop.name];
      current = typeof id === 'string' ? source.getById(id) : undefined;
      if (!current) return null;
    }
    return current[name];
  };
}

// ---------------------------------------------------------------- operands and literals

/**
 * Something a condition or sort key reads: a field path over rows, a date function of one, or
 * (in HAVING and aggregate ORDER BY) a grouping key or aggregate over a group.
 */
interface Operand {
  label: string;
  kind: Kind;
  field?: FieldSchema;
  /** The normalized comparable value (see values.ts), null when missing. */
  norm: (item: any) => unknown;
}

function fieldOperand(scope: Scope, dotted: string): Operand & { path: FieldPath } {
  const path = scope.path(dotted);
  const get = reader(path, scope.source);
  const kind = kindOf(path.field);
  return { path, label: path.name, kind, field: path.field, norm: normalizer(kind, get) };
}

function normalizer(kind: Kind, get: (row: Row) => unknown): (row: Row) => unknown {
  switch (kind) {
    case 'number':
      return (row) => {
        const v = get(row);
        return typeof v === 'number' ? v : v === null || v === undefined ? null : Number(v);
      };
    case 'id':
      return (row) => {
        const v = get(row);
        return typeof v === 'string' && v !== '' ? v : null;
      };
    case 'date':
      return (row) => {
        const v = get(row);
        return typeof v === 'string' && v.length === 10 ? v : normalize('date', v);
      };
    default:
      return (row) => normalize(kind, get(row));
  }
}

/** CALENDAR_YEAR(CloseDate), DAY_ONLY(CreatedDate) ... over rows. */
function dateFunctionOperand(scope: Scope, fn: Ast): Operand & { key: string } {
  const name = String(fn.functionName).toUpperCase();
  const refused = refusedFunction(name, fn.parameters);
  if (refused) throw refused;
  const spec = DATE_FUNCTIONS[name];
  if (!spec) throw unsupported(`function ${fn.functionName}()`);
  const param = fn.parameters?.[0];
  if (param && typeof param === 'object' && param.functionName) {
    throw (
      refusedFunction(param.functionName, param.parameters) ??
      unsupported(`${param.functionName}()`)
    );
  }
  if ((fn.parameters ?? []).length !== 1 || typeof param !== 'string') {
    throw malformed(`${name}() takes one date or datetime field`);
  }
  const inner = fieldOperand(scope, fn.parameters[0]);
  const ok = inner.kind === 'datetime' || (inner.kind === 'date' && !spec.datetimeOnly);
  if (!ok) {
    throw malformed(
      `${name}() is not valid for field ${inner.label} of type ${typeName(inner.kind, inner.field)}`
    );
  }
  return {
    key: `${name}(${inner.label.toLowerCase()})`,
    label: `${name}(${inner.label})`,
    kind: spec.date ? 'date' : 'number',
    norm: (row) => applyDateFunction(name, inner.norm(row) as string | null)
  };
}

/** SOQL string literal escapes; in LIKE patterns `\%` and `\_` stay escaped. */
function unquote(raw: string, like = false): string {
  if (!/^'[\s\S]*'$/.test(raw)) throw malformed(`Expected a quoted string, found ${raw}`);
  return raw.slice(1, -1).replace(/\\([\s\S])/g, (_m, c: string) => {
    switch (c) {
      case 'n':
      case 'N':
        return '\n';
      case 'r':
      case 'R':
        return '\r';
      case 't':
      case 'T':
        return '\t';
      case 'b':
      case 'B':
        return '\b';
      case 'f':
      case 'F':
        return '\f';
      case '"':
      case "'":
      case '\\':
        return like && c === '\\' ? '\\\\' : c;
      case '%':
      case '_':
        return like ? `\\${c}` : c;
      default:
        throw malformed(`Invalid string literal '${raw}'. Illegal character sequence '\\${c}'`);
    }
  });
}

function filterTypeError(op: Operand, quoted: boolean): ApiError {
  return invalidField(
    `value of filter criterion for field '${op.label}' must be of type ${typeName(op.kind, op.field)} and should ${quoted ? 'not ' : ''}be enclosed in quotes`
  );
}

type Literal = { value: unknown } | { range: [unknown, unknown, boolean] };

/**
 * A literal as the normalized value of the operand's kind, or for a date literal the range it
 * covers: [first, last, lastIsExclusive].
 */
function literal(op: Operand, type: string, raw: string, ctx: SoqlContext, like = false): Literal {
  const textual = op.kind === 'string' || op.kind === 'picklist' || op.kind === 'id';
  switch (type) {
    case 'NULL':
      return { value: null };
    case 'STRING': {
      if (!textual && op.kind !== 'multipicklist') throw filterTypeError(op, true);
      const s = unquote(raw, like);
      if (like) return { value: s };
      if (op.kind === 'id') {
        const id = normalizeId(s);
        if (!id) {
          throw new ApiError(400, 'INVALID_QUERY_FILTER_OPERATOR', `invalid ID field: ${s}`);
        }
        return { value: id };
      }
      return { value: op.kind === 'multipicklist' ? multiSet(s) : s.toLowerCase() };
    }
    case 'BOOLEAN':
      if (op.kind !== 'boolean') throw filterTypeError(op, false);
      return { value: raw.toUpperCase() === 'TRUE' };
    case 'INTEGER':
    case 'DECIMAL':
      if (op.kind !== 'number') throw filterTypeError(op, false);
      return { value: Number(raw) };
    case 'INTEGER_WITH_CURRENCY_PREFIX':
    case 'DECIMAL_WITH_CURRENCY_PREFIX':
      throw unsupported(`currency-prefixed number ${raw}`);
    case 'DATE':
      if (op.kind !== 'date') throw filterTypeError(op, false);
      if (Number.isNaN(Date.parse(`${raw}T00:00:00Z`))) throw malformed(`Invalid date: ${raw}`);
      return { value: raw };
    case 'DATETIME': {
      if (op.kind !== 'datetime') throw filterTypeError(op, false);
      const c = canonicalDatetime(raw);
      if (c === null) throw malformed(`Invalid datetime: ${raw}`);
      return { value: c };
    }
    case 'DATE_LITERAL':
    case 'DATE_N_LITERAL': {
      if (op.kind !== 'date' && op.kind !== 'datetime') throw filterTypeError(op, false);
      const [start, end] = dateLiteralRange(raw, ctx.now);
      return op.kind === 'date'
        ? { range: [dayString(start), dayString(end), false] }
        : {
            range: [`${dayString(start)}T00:00:00.000`, `${dayString(end + 1)}T00:00:00.000`, true]
          };
    }
    default:
      throw unsupported(`literal ${raw}`);
  }
}

// ---------------------------------------------------------------- conditions

type Predicate = (item: any) => boolean;

const isNull = (v: unknown) => v === null || v === undefined;

function likeMatcher(pattern: string): (s: string) => boolean {
  let re = '';
  let plain = true;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\' && i + 1 < pattern.length) {
      re += pattern[++i].replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    } else if (c === '%') {
      re += '[\\s\\S]*';
      plain = false;
    } else if (c === '_') {
      re += '[\\s\\S]';
      plain = false;
    } else re += c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  }
  // Common shapes without a regular expression: 'abc%', '%abc%', 'abc'.
  const lower = pattern.toLowerCase();
  if (!pattern.includes('\\') && !pattern.includes('_')) {
    const inner = lower.slice(1, -1);
    if (plain) return (s) => s.toLowerCase() === lower;
    if (/^[^%]+%$/.test(lower)) return (s) => s.toLowerCase().startsWith(lower.slice(0, -1));
    if (/^%[^%]+%$/.test(lower)) return (s) => s.toLowerCase().includes(inner);
  }
  const regexp = new RegExp(`^${re}$`, 'i');
  return (s) => regexp.test(s);
}

/** One comparison: operand, operator, literal(s) or semi-join subquery. */
function comparison(op: Operand, cond: Ast, scope: Scope): Predicate {
  const operator = String(cond.operator).toUpperCase();
  const get = op.norm;
  const ctx = scope.ctx;

  if (cond.literalType === 'SUBQUERY') {
    if (operator !== 'IN' && operator !== 'NOT IN') {
      throw malformed(`A semi-join subquery needs IN or NOT IN, not ${operator}`);
    }
    if (op.kind !== 'id') {
      throw malformed(
        `Semi-join and anti-join subqueries compare an Id or reference field, not ${op.label}`
      );
    }
    const inner = compileSelect(cond.valueQuery, scope.source, ctx, { semiJoin: true });
    // "You can't query on the same object in a subquery as in the main query" (Considerations for
    // Semi-Join and Anti-Join Queries, see refuseSemiJoinShapes); the platform's words.
    if (inner.root.name === scope.root.name) {
      throw new ApiError(
        400,
        'INVALID_QUERY_FILTER_OPERATOR',
        'The inner and outer selects should not be on the same object type'
      );
    }
    let ids: Set<unknown> | null = null;
    scope.resets.push(() => {
      ids = null;
    });
    const set = (): Set<unknown> => {
      if (!ids) {
        const found = new Set<unknown>();
        inner.reset();
        const first = inner.columns[0].norm;
        for (const row of inner.windowed()) {
          const v = first(row);
          if (v !== null) found.add(v);
        }
        ids = found;
      }
      return ids;
    };
    return operator === 'IN'
      ? (item) => {
          const v = get(item);
          return v !== null && set().has(v);
        }
      : (item) => {
          const v = get(item);
          return v === null || !set().has(v);
        };
  }

  if (['IN', 'NOT IN', 'INCLUDES', 'EXCLUDES'].includes(operator)) {
    const raws: string[] = Array.isArray(cond.value) ? cond.value : [cond.value];
    const types: string[] = Array.isArray(cond.literalType)
      ? cond.literalType
      : raws.map(() => cond.literalType);
    const values = raws.map((raw, i) => {
      const lit = literal(op, String(types[i] ?? types[0]).toUpperCase(), String(raw), ctx);
      if ('range' in lit) throw malformed(`Date literals cannot be used with ${operator}`);
      return lit.value;
    });
    if (operator === 'INCLUDES' || operator === 'EXCLUDES') {
      if (op.kind !== 'multipicklist') {
        throw malformed(
          `INCLUDES and EXCLUDES can only be used with multi-select picklist fields, not ${op.label}`
        );
      }
      // Each listed value is a set ('a;b' = both a and b); the row matches if it has any set.
      const wanted = values.map((v) => (v === null ? [] : String(v).split(';')));
      const includes = (item: unknown) => {
        const v = get(item);
        if (v === null) return false;
        const have = new Set(String(v).split(';'));
        return wanted.some((all) => all.length > 0 && all.every((w) => have.has(w)));
      };
      return operator === 'INCLUDES' ? includes : (item) => !includes(item);
    }
    const hasNull = values.includes(null);
    const set = new Set(values.filter((v) => v !== null));
    return operator === 'IN'
      ? (item) => {
          const v = get(item);
          return v === null ? hasNull : set.has(v);
        }
      : (item) => {
          const v = get(item);
          return v === null ? !hasNull : !set.has(v);
        };
  }

  if (operator === 'LIKE') {
    if (op.kind !== 'string' && op.kind !== 'picklist' && op.kind !== 'id') {
      throw invalidField(
        `invalid operator on ${typeName(op.kind, op.field)} field: LIKE can only be used with text fields, not ${op.label}`
      );
    }
    if (cond.literalType !== 'STRING') throw filterTypeError(op, false);
    const lit = literal(op, 'STRING', String(cond.value), ctx, true) as { value: string };
    const matches = likeMatcher(lit.value);
    // The normalized value is lower-cased already; LIKE is case-insensitive either way.
    return (item) => {
      const v = get(item);
      return v !== null && matches(String(v));
    };
  }

  if (!['=', '!=', '<>', '<', '<=', '>', '>='].includes(operator)) {
    throw unsupported(`operator ${operator}`);
  }
  const lit = literal(op, String(cond.literalType).toUpperCase(), String(cond.value), ctx);

  if ('range' in lit) {
    const [lo, hi, exclusive] = lit.range as [string, string, boolean];
    const inRange = exclusive
      ? (v: string) => v >= lo && v < hi
      : (v: string) => v >= lo && v <= hi;
    const before = (v: string) => v < lo;
    const after = exclusive ? (v: string) => v >= hi : (v: string) => v > hi;
    switch (operator) {
      case '=':
        return (item) => {
          const v = get(item) as string | null;
          return v !== null && inRange(v);
        };
      case '!=':
      case '<>':
        return (item) => {
          const v = get(item) as string | null;
          return v === null || !inRange(v);
        };
      case '<':
        return (item) => {
          const v = get(item) as string | null;
          return v !== null && before(v);
        };
      case '<=':
        return (item) => {
          const v = get(item) as string | null;
          return v !== null && !after(v);
        };
      case '>':
        return (item) => {
          const v = get(item) as string | null;
          return v !== null && after(v);
        };
      default:
        return (item) => {
          const v = get(item) as string | null;
          return v !== null && !before(v);
        };
    }
  }

  let value = lit.value;
  // On a checkbox, null is false: `= null` is `= false` and `!= null` is `= true`.
  if (value === null && op.kind === 'boolean') {
    if (operator !== '=' && operator !== '!=' && operator !== '<>') {
      throw malformed(`invalid operator ${operator} on boolean field ${op.label}`);
    }
    value = operator === '=' ? false : true;
    return (item) => get(item) === value;
  }
  if (value === null) {
    if (operator === '=') return (item) => isNull(get(item));
    if (operator === '!=' || operator === '<>') return (item) => !isNull(get(item));
    throw malformed(`null can only be compared with = or !=, not ${operator}: ${op.label}`);
  }
  if (op.kind === 'multipicklist' && operator !== '=' && operator !== '!=' && operator !== '<>') {
    throw malformed(`invalid operator ${operator} on multi-select picklist field ${op.label}`);
  }
  if (op.kind === 'boolean' && operator !== '=' && operator !== '!=' && operator !== '<>') {
    throw malformed(`invalid operator ${operator} on boolean field ${op.label}`);
  }
  // SOQL treats null as a value: `!=` matches rows where the field is null; `<`, `>` never do.
  switch (operator) {
    case '=':
      return (item) => get(item) === value;
    case '!=':
    case '<>':
      return (item) => get(item) !== value;
    case '<':
      return (item) => {
        const v = get(item) as any;
        return v !== null && v < (value as any);
      };
    case '<=':
      return (item) => {
        const v = get(item) as any;
        return v !== null && v <= (value as any);
      };
    case '>':
      return (item) => {
        const v = get(item) as any;
        return v !== null && v > (value as any);
      };
    default:
      return (item) => {
        const v = get(item) as any;
        return v !== null && v >= (value as any);
      };
  }
}

type Token = '(' | ')' | 'AND' | 'OR' | 'NOT' | { p: Predicate };
type Shape<T> = '(' | ')' | 'AND' | 'OR' | 'NOT' | T;

/** The parser's right-leaning condition chain as tokens: parentheses, operators and leaves. */
function conditionTokens<T extends object>(
  node: Ast,
  leaf: (cond: Ast) => T,
  clause: string
): Shape<T>[] {
  const tokens: Shape<T>[] = [];
  for (let n = node; n; n = n.right) {
    if (String(n.operator ?? '').toUpperCase() === 'NOT') {
      for (let i = 0; i < (n.left?.openParen ?? 0); i++) tokens.push('(');
      tokens.push('NOT');
      continue;
    }
    if (!n.left) throw malformed(`Malformed ${clause} clause`);
    for (let i = 0; i < (n.left.openParen ?? 0); i++) tokens.push('(');
    tokens.push(leaf(n.left));
    for (let i = 0; i < (n.left.closeParen ?? 0); i++) tokens.push(')');
    if (n.operator) tokens.push(String(n.operator).toUpperCase() as Shape<T>);
  }
  return tokens;
}

/**
 * Salesforce's restrictions on semi-joins (`IN (SELECT ...)`) and anti-joins (`NOT IN (SELECT
 * ...)`), from "Considerations for Semi-Join and Anti-Join Queries" in the SOQL and SOSL
 * Reference, Comparison Operators:
 * https://developer.salesforce.com/docs/atlas.en-us.soql_sosl.meta/soql_sosl/sforce_api_calls_soql_select_comparisonoperators.htm
 * - "You can't use more than two IN or NOT IN statements per WHERE clause" (with a subquery);
 * - "You can't use the NOT operator as a conjunction with semi-joins and anti-joins" (write
 *   `Id NOT IN (SELECT ...)`, which is allowed, rather than `NOT Id IN (SELECT ...)`);
 * - "You can't nest a semi-join or anti-join statement in another semi-join or anti-join
 *   statement";
 * - "You can't use subqueries with OR".
 * The messages are the platform's where it is known to word them ("Semi join sub-selects are not
 * allowed with the 'OR' operator", "Nesting of semi join sub-selects is not supported", "Maximum 2
 * semi join sub-selects are allowed"); the NOT message is the local org's.
 */
function refuseSemiJoinShapes(where: Ast, inSemiJoin: boolean): void {
  const tokens = conditionTokens(
    where,
    (cond) => ({ semi: cond.literalType === 'SUBQUERY' }),
    'WHERE'
  );
  const semiJoins = tokens.filter((t) => typeof t === 'object' && t.semi).length;
  if (semiJoins === 0) return;
  if (inSemiJoin) throw malformed('Nesting of semi join sub-selects is not supported');
  if (semiJoins > 2) throw malformed('Maximum 2 semi join sub-selects are allowed');
  // Each open group: whether OR joins its parts, whether NOT applies to it, whether it holds a
  // semi-join. A NOT applies to the next leaf or parenthesised group.
  const groups = [{ or: false, not: false, semi: false }];
  let not = false;
  for (const t of tokens) {
    if (t === 'NOT') {
      not = true;
    } else if (t === '(') {
      groups.push({ or: false, not, semi: false });
      not = false;
    } else if (t === ')') {
      const g = groups.pop();
      if (g?.or && g.semi)
        throw malformed("Semi join sub-selects are not allowed with the 'OR' operator");
    } else if (t === 'OR') {
      groups[groups.length - 1].or = true;
    } else if (t !== 'AND') {
      if (t.semi && (not || groups.some((g) => g.not))) {
        throw malformed(
          'The NOT operator cannot be used with semi join or anti join sub-selects: write Id NOT IN (SELECT ...) instead'
        );
      }
      if (t.semi) for (const g of groups) g.semi = true;
      not = false;
    }
  }
  if (groups[0].or && groups[0].semi) {
    throw malformed("Semi join sub-selects are not allowed with the 'OR' operator");
  }
}

/**
 * Compiles the parser's WHERE/HAVING chain (a right-leaning list of conditions with parenthesis
 * counts) into one predicate; NOT applies to the condition or parenthesis after it.
 */
function logic(node: Ast, leaf: (cond: Ast) => Predicate, clause: string): Predicate {
  const tokens: Token[] = conditionTokens(node, (cond) => ({ p: leaf(cond) }), clause);
  let at = 0;
  const primary = (): Predicate => {
    const t = tokens[at];
    if (t === 'NOT') {
      at++;
      const inner = primary();
      return (item) => !inner(item);
    }
    if (t === '(') {
      at++;
      const inner = or();
      if (tokens[at] !== ')') throw malformed(`Unbalanced parentheses in ${clause}`);
      at++;
      return inner;
    }
    if (t && typeof t === 'object') {
      at++;
      return t.p;
    }
    throw malformed(`Malformed ${clause} clause`);
  };
  // SOQL refuses AND and OR at one level without parentheses rather than pick a precedence.
  const or = (): Predicate => {
    const parts = [primary()];
    let joiner: Token | null = null;
    while (tokens[at] === 'AND' || tokens[at] === 'OR') {
      const t = tokens[at++];
      if (joiner && t !== joiner) {
        throw malformed(`unexpected token: ${String(t)} (use parentheses to mix AND and OR)`);
      }
      joiner = t;
      parts.push(primary());
    }
    if (parts.length === 1) return parts[0];
    if (joiner === 'AND') {
      if (parts.length === 2) {
        const [a, b] = parts;
        return (item) => a(item) && b(item);
      }
      return (item) => {
        for (const p of parts) if (!p(item)) return false;
        return true;
      };
    }
    return (item) => {
      for (const p of parts) if (p(item)) return true;
      return false;
    };
  };
  const result = or();
  if (at !== tokens.length) throw malformed(`Malformed ${clause} clause`);
  return result;
}

function whereLeaf(scope: Scope): (cond: Ast) => Predicate {
  return (cond) => {
    let op: Operand;
    if (cond.fn) {
      const fn = String(cond.fn.functionName).toUpperCase();
      if (AGGREGATES.has(fn)) {
        throw malformed(`Aggregate functions cannot be used in WHERE; use HAVING: ${fn}()`);
      }
      op = dateFunctionOperand(scope, cond.fn);
    } else if (cond.field) {
      op = fieldOperand(scope, cond.field);
    } else throw malformed('Malformed WHERE clause');
    return comparison(op, cond, scope);
  };
}

// ---------------------------------------------------------------- sorting

interface SortKey {
  norm: (item: any) => unknown;
  cmp: (a: unknown, b: unknown) => number;
  dir: 1 | -1;
  nullsFirst: boolean;
}

function sortKey(op: Operand, o: Ast): SortKey {
  if (op.kind === 'multipicklist') {
    throw malformed(`ORDER BY cannot use multi-select picklist field ${op.label}`);
  }
  const dir = String(o.order ?? 'ASC').toUpperCase() === 'DESC' ? -1 : 1;
  // Nulls come first in either direction unless NULLS LAST says otherwise. SOQL and SOSL
  // Reference, "ORDER BY": "NULLS FIRST or NULLS LAST: Orders null records at the beginning
  // (NULLS FIRST) or end (NULLS LAST) of the results. By default, null values are sorted first."
  // https://developer.salesforce.com/docs/atlas.en-us.soql_sosl.meta/soql_sosl/sforce_api_calls_soql_select_orderby.htm
  const nullsFirst = o.nulls ? String(o.nulls).toUpperCase() === 'FIRST' : true;
  return { norm: op.norm, cmp: comparator(op.kind, op.field), dir, nullsFirst };
}

function sortItems<T>(items: T[], keys: SortKey[]): T[] {
  if (!keys.length) return items;
  const decorated = items.map((item) => ({ item, k: keys.map((key) => key.norm(item)) }));
  decorated.sort((a, b) => {
    for (let i = 0; i < keys.length; i++) {
      const x = a.k[i];
      const y = b.k[i];
      const xn = x === null || x === undefined;
      const yn = y === null || y === undefined;
      if (xn || yn) {
        if (xn && yn) continue;
        return xn === keys[i].nullsFirst ? -1 : 1;
      }
      const c = keys[i].cmp(x, y);
      if (c !== 0) return c * keys[i].dir;
    }
    return 0;
  });
  return decorated.map((d) => d.item);
}

// ---------------------------------------------------------------- aggregates

interface Measure {
  key: string;
  fn: string;
  op: Operand | null;
  cmp: (a: unknown, b: unknown) => number;
}

interface Group {
  raw: unknown[];
  norm: unknown[];
  acc: unknown[];
}

function measureKey(fn: string, label: string | null): string {
  return `${fn}(${(label ?? '').toLowerCase()})`;
}

function initAcc(m: Measure): unknown {
  switch (m.fn) {
    case 'COUNT':
      return { n: 0 };
    case 'COUNT_DISTINCT':
      return new Set();
    case 'SUM':
    case 'AVG':
      return { n: 0, sum: 0 };
    default:
      return { best: null };
  }
}

function accumulate(m: Measure, acc: any, row: Row): void {
  if (!m.op) {
    acc.n++;
    return;
  }
  const v = m.op.norm(row);
  if (v === null || v === undefined) return;
  switch (m.fn) {
    case 'COUNT':
      acc.n++;
      return;
    case 'COUNT_DISTINCT':
      acc.add(v);
      return;
    case 'SUM':
    case 'AVG':
      acc.n++;
      acc.sum += v as number;
      return;
    case 'MIN':
      if (acc.best === null || m.cmp(v, acc.best) < 0) acc.best = v;
      return;
    default:
      if (acc.best === null || m.cmp(v, acc.best) > 0) acc.best = v;
  }
}

/** The aggregate's value, normalized (for HAVING and ORDER BY). */
function measureValue(m: Measure, acc: any): unknown {
  switch (m.fn) {
    case 'COUNT':
      return acc.n;
    case 'COUNT_DISTINCT':
      return acc.size;
    case 'SUM':
      return acc.n ? round(acc.sum) : null;
    case 'AVG':
      return acc.n ? round(acc.sum) / acc.n : null;
    default:
      return acc.best;
  }
}

/** Sums of decimals without binary noise (0.1 + 0.2 = 0.3): 15 significant digits. */
function round(n: number): number {
  return Number.isInteger(n) ? n : Number(n.toPrecision(15));
}

/** MIN/MAX of a picklist, date or datetime prints in the field's own format. */
function measureOutput(m: Measure, value: unknown, rawOf: Map<unknown, unknown>): unknown {
  if (value === null) return null;
  if ((m.fn === 'MIN' || m.fn === 'MAX') && m.op) {
    if (m.op.kind === 'datetime') return `${value as string}+0000`;
    if (m.op.kind === 'string' || m.op.kind === 'picklist') return rawOf.get(value) ?? value;
  }
  return value;
}

// ---------------------------------------------------------------- compiled queries

interface Column {
  path: FieldPath;
  kind: Kind;
  get: (row: Row) => unknown;
  norm: (row: Row) => unknown;
}

interface ChildQuery {
  relationshipName: string;
  field: string;
  query: Compiled;
}

interface SelectItem {
  name: string;
  /** Index into groups (group) or measures (measure). */
  group?: number;
  measure?: number;
}

interface AggregatePlan {
  groups: (Operand & { key: string; raw: (row: Row) => unknown; outKind: Kind })[];
  measures: Measure[];
  select: SelectItem[];
  having: Predicate | null;
  orderBy: SortKey[];
}

interface Compiled {
  root: SObjectSchema;
  columns: Column[];
  children: ChildQuery[];
  aggregate: AggregatePlan | null;
  countOnly: boolean;
  columnNames: string[];
  reset(): void;
  /** Rows of the FROM object that pass WHERE (from a scan, or the given rows). */
  matching(rows?: Iterable<Row>): Iterable<Row>;
  /** Matching rows ordered, with OFFSET and LIMIT applied. */
  windowed(rows?: Iterable<Row>): Iterable<Row>;
  /** How many rows `windowed` gives, without ordering them. */
  windowedCount(): number;
  aggregateRows(): Record<string, unknown>[];
  shape(row: Row): Record<string, unknown>;
}

function attributes(type: string, id: string) {
  return { type, url: `/services/data/${API_VERSION}/sobjects/${type}/${id}` };
}

function refuseClauses(ast: Ast): void {
  if (ast.withSecurityEnforced) throw unsupported('WITH SECURITY_ENFORCED');
  if (ast.withAccessLevel) throw unsupported(`WITH ${String(ast.withAccessLevel).toUpperCase()}`);
  if (ast.withDataCategory) throw unsupported('WITH DATA CATEGORY');
  if (ast.for) throw unsupported(`FOR ${String(ast.for).toUpperCase()}`);
  if (ast.update) throw unsupported(`UPDATE ${String(ast.update).toUpperCase()}`);
  if (ast.usingScope) throw unsupported('USING SCOPE');
  if (ast.groupBy && !Array.isArray(ast.groupBy)) throw unsupported('GROUP BY ROLLUP');
  for (const g of ast.groupBy ?? []) {
    const refused = g.fn && refusedFunction(g.fn.functionName, g.fn.parameters);
    if (refused) throw refused;
  }
}

interface CompileOptions {
  semiJoin?: boolean;
  /** For a child subquery: the child object and relationship. */
  child?: { schema: SObjectSchema };
}

function compileSelect(
  ast: Ast,
  source: SoqlDataSource,
  ctx: SoqlContext,
  options: CompileOptions = {}
): Compiled {
  refuseClauses(ast);
  const root = options.child?.schema ?? resolveObject(source, ast.sObject);
  const scope = new Scope(source, ctx, root, ast.sObjectAlias);
  const columns: Column[] = [];
  const children: ChildQuery[] = [];
  const seen = new Set<string>();
  let countOnly = false;

  interface PendingFn {
    fn: string;
    item: Ast;
  }
  const selectOrder: ({ column: Column; alias?: string } | PendingFn)[] = [];

  for (const f of ast.fields ?? []) {
    if (f.type === 'FieldTypeof') throw unsupported('TYPEOF');
    if (f.type === 'FieldSubquery') {
      if (options.semiJoin || options.child) {
        throw unsupported('a subquery inside a subquery');
      }
      const sub = f.subquery;
      const rel = root.childRelationships.find(
        (r) => r.relationshipName.toLowerCase() === String(sub.relationshipName).toLowerCase()
      );
      if (!rel) {
        throw new ApiError(
          400,
          'INVALID_TYPE',
          `Didn't understand relationship '${sub.relationshipName}' in FROM part of query call. If you are attempting to use a custom relationship, be sure to append the '__r' after the custom relationship name. Please reference your WSDL or the describe call for the appropriate names.`
        );
      }
      const query = compileSelect(sub, source, ctx, {
        child: { schema: resolveObject(source, rel.childSObject) }
      });
      if (query.aggregate || query.countOnly) {
        throw malformed('Aggregate functions are not supported in child subqueries');
      }
      children.push({ relationshipName: rel.relationshipName, field: rel.field, query });
      continue;
    }
    if (f.type === 'FieldFunctionExpression') {
      const fn = String(f.functionName).toUpperCase();
      const refused = refusedFunction(fn, f.parameters);
      if (refused) throw refused;
      if (fn === 'COUNT' && (f.parameters ?? []).length === 0) {
        countOnly = true;
        continue;
      }
      if (!AGGREGATES.has(fn) && !DATE_FUNCTIONS[fn]) throw unsupported(`function ${fn}()`);
      selectOrder.push({ fn, item: f });
      continue;
    }
    if (f.type !== 'Field' && f.type !== 'FieldRelationship') {
      throw unsupported(`${f.type} in SELECT`);
    }
    const dotted =
      f.type === 'Field' ? f.field : (f.rawValue ?? [...f.relationships, f.field].join('.'));
    const op = fieldOperand(scope, dotted);
    if (seen.has(op.path.name.toLowerCase())) {
      throw malformed(`duplicate field selected: ${op.path.name}`);
    }
    seen.add(op.path.name.toLowerCase());
    const column: Column = {
      path: op.path,
      kind: op.kind,
      get: reader(op.path, source),
      norm: op.norm
    };
    columns.push(column);
    selectOrder.push({ column, alias: f.alias });
  }

  const hasFunctions = selectOrder.some((s) => 'fn' in s);
  const groupByAst: Ast[] = ast.groupBy ?? [];
  const isAggregate = hasFunctions || groupByAst.length > 0 || !!ast.having;
  if (countOnly && (selectOrder.length || children.length)) {
    throw malformed('COUNT() must be the only element in the SELECT list');
  }
  if (countOnly && groupByAst.length) throw unsupported('COUNT() with GROUP BY');
  if (isAggregate && children.length) {
    throw malformed('Child subqueries cannot be used in an aggregate query');
  }
  if (!isAggregate && ast.having) throw malformed('HAVING needs GROUP BY');
  if (options.semiJoin) {
    if (isAggregate || countOnly || columns.length !== 1 || columns[0].kind !== 'id') {
      throw malformed('A semi-join subquery must select exactly one Id or reference field');
    }
  }
  if (!isAggregate) {
    for (const s of selectOrder) {
      if ('column' in s && s.alias) {
        throw malformed(`Only aggregate expressions use field aliasing: ${s.alias}`);
      }
    }
  }

  if (options.semiJoin) {
    // "COUNT, FOR UPDATE, ORDER BY, and LIMIT aren't supported in subqueries" (Considerations for
    // Semi-Join and Anti-Join Queries; COUNT and FOR UPDATE are refused above).
    if (ast.orderBy) throw malformed('ORDER BY is not supported in a semi join sub-select');
    if (ast.limit !== undefined)
      throw malformed('LIMIT is not supported in a semi join sub-select');
  }
  if (ast.where) refuseSemiJoinShapes(ast.where, !!options.semiJoin);
  const predicate: Predicate = ast.where ? logic(ast.where, whereLeaf(scope), 'WHERE') : () => true;
  const limit: number | undefined = ast.limit;
  const offset: number = ast.offset ?? 0;
  if (offset > 2000) {
    throw new ApiError(400, 'NUMBER_OUTSIDE_VALID_RANGE', 'Maximum SOQL offset allowed is 2000');
  }

  // -------------------------------------------------------------- aggregate plan
  let aggregate: AggregatePlan | null = null;
  if (isAggregate) {
    const groups: AggregatePlan['groups'] = groupByAst.map((g: Ast) => {
      if (g.fn) {
        const op = dateFunctionOperand(scope, g.fn);
        return { ...op, raw: op.norm, outKind: op.kind };
      }
      const op = fieldOperand(scope, g.field);
      if (op.kind === 'multipicklist' || op.field?.type === 'textarea') {
        throw malformed(`field '${op.label}' can not be grouped in a query call`);
      }
      return {
        ...op,
        key: op.label.toLowerCase(),
        raw: reader(op.path, source),
        outKind: op.kind
      };
    });
    const measures: Measure[] = [];
    const measureIndex = (fn: string, params: unknown[]): number => {
      const param = params?.[0];
      const op = param === undefined ? null : fieldOperand(scope, String(param));
      if (fn === 'COUNT' && !op) throw malformed('COUNT() cannot be combined with GROUP BY');
      if ((fn === 'SUM' || fn === 'AVG') && op && op.kind !== 'number') {
        throw malformed(`field ${op.label} does not support aggregate operator ${fn}`);
      }
      if ((fn === 'MIN' || fn === 'MAX') && op && op.kind === 'multipicklist') {
        throw malformed(`field ${op.label} does not support aggregate operator ${fn}`);
      }
      const key = measureKey(fn, op ? op.label : null);
      const found = measures.findIndex((m) => m.key === key);
      if (found >= 0) return found;
      measures.push({
        key,
        fn,
        op,
        cmp: op ? comparator(op.kind, op.field) : comparator('number')
      });
      return measures.length - 1;
    };
    const groupIndex = (key: string): number => groups.findIndex((g) => g.key === key);

    const select: SelectItem[] = [];
    let expr = 0;
    for (const s of selectOrder) {
      if ('column' in s) {
        const i = groupIndex(s.column.path.name.toLowerCase());
        if (i < 0) throw malformed(`Field must be grouped or aggregated: ${s.column.path.name}`);
        select.push({ name: s.alias ?? s.column.path.field.name, group: i });
        continue;
      }
      const alias: string | undefined = s.item.alias;
      const name = alias ?? `expr${expr++}`;
      if (AGGREGATES.has(s.fn)) {
        select.push({ name, measure: measureIndex(s.fn, s.item.parameters) });
      } else {
        const op = dateFunctionOperand(scope, { ...s.item, functionName: s.fn });
        const i = groupIndex(op.key);
        if (i < 0) throw malformed(`Field must be grouped or aggregated: ${op.label}`);
        select.push({ name, group: i });
      }
    }
    const names = new Set<string>();
    for (const s of select) {
      if (names.has(s.name.toLowerCase())) throw malformed(`duplicate alias: ${s.name}`);
      names.add(s.name.toLowerCase());
    }

    // Operands over groups, for HAVING and ORDER BY: a grouping, an aggregate or an alias.
    const groupOperand = (node: { field?: string; fn?: Ast }): Operand => {
      if (node.fn) {
        const fn = String(node.fn.functionName).toUpperCase();
        const refused = refusedFunction(fn, node.fn.parameters);
        if (refused) throw refused;
        if (AGGREGATES.has(fn)) {
          const i = measureIndex(fn, node.fn.parameters);
          const m = measures[i];
          const kind: Kind =
            (fn === 'MIN' || fn === 'MAX') && m.op ? m.op.kind : ('number' as Kind);
          return {
            label: `${fn}(${m.op?.label ?? ''})`,
            kind,
            field: fn === 'MIN' || fn === 'MAX' ? m.op?.field : undefined,
            norm: (g: Group) => measureValue(m, g.acc[i])
          };
        }
        const op = dateFunctionOperand(scope, node.fn);
        const i = groupIndex(op.key);
        if (i < 0) throw malformed(`Field must be grouped or aggregated: ${op.label}`);
        return { label: op.label, kind: op.kind, norm: (g: Group) => g.norm[i] };
      }
      const name = String(node.field);
      const byAlias = select.find((s) => s.name.toLowerCase() === name.toLowerCase());
      if (byAlias && !name.includes('.')) {
        if (byAlias.measure !== undefined) {
          const i = byAlias.measure;
          const m = measures[i];
          const kind: Kind = (m.fn === 'MIN' || m.fn === 'MAX') && m.op ? m.op.kind : 'number';
          return {
            label: name,
            kind,
            field: m.op?.field,
            norm: (g: Group) => measureValue(m, g.acc[i])
          };
        }
        const i = byAlias.group!;
        return {
          label: name,
          kind: groups[i].kind,
          field: groups[i].field,
          norm: (g: Group) => g.norm[i]
        };
      }
      const op = fieldOperand(scope, name);
      const i = groupIndex(op.label.toLowerCase());
      if (i < 0) throw malformed(`Field must be grouped or aggregated: ${op.label}`);
      return { label: op.label, kind: op.kind, field: op.field, norm: (g: Group) => g.norm[i] };
    };
    const having = ast.having
      ? logic(ast.having, (cond) => comparison(groupOperand(cond), cond, scope), 'HAVING')
      : null;
    const orderBy = (ast.orderBy ?? []).map((o: Ast) => sortKey(groupOperand(o), o));
    aggregate = { groups, measures, select, having, orderBy };
  }

  const orderBy: SortKey[] = isAggregate
    ? []
    : (ast.orderBy ?? []).map((o: Ast) => {
        if (o.fn) {
          const refused = refusedFunction(o.fn.functionName, o.fn.parameters);
          if (refused) throw refused;
          const fn = String(o.fn.functionName).toUpperCase();
          if (AGGREGATES.has(fn)) throw malformed(`ORDER BY ${fn}() needs GROUP BY`);
          return sortKey(dateFunctionOperand(scope, o.fn), o);
        }
        return sortKey(fieldOperand(scope, o.field), o);
      });

  // -------------------------------------------------------------- running
  const resets = scope.resets;

  function* matching(rows?: Iterable<Row>): Iterable<Row> {
    const input = rows ?? source.scan(root.name, { includeDeleted: ctx.includeDeleted });
    for (const row of input) if (predicate(row)) yield row;
  }

  function* windowed(rows?: Iterable<Row>): Iterable<Row> {
    let input: Iterable<Row> = matching(rows);
    if (orderBy.length) input = sortItems([...input], orderBy);
    if (limit === 0) return;
    let skipped = 0;
    let taken = 0;
    for (const row of input) {
      if (skipped < offset) {
        skipped++;
        continue;
      }
      yield row;
      if (limit !== undefined && ++taken >= limit) return;
    }
  }

  function aggregateRows(): Record<string, unknown>[] {
    const plan = aggregate!;
    const groups = new Map<string, Group>();
    const rawOf = new Map<unknown, unknown>();
    const single = plan.groups.length === 0;
    const newGroup = (raw: unknown[], norm: unknown[]): Group => ({
      raw,
      norm,
      acc: plan.measures.map(initAcc)
    });
    const minMaxText = plan.measures.filter(
      (m) =>
        (m.fn === 'MIN' || m.fn === 'MAX') && (m.op?.kind === 'string' || m.op?.kind === 'picklist')
    );
    const rawReaders = new Map(
      minMaxText.map((m) => [m, reader((m.op as Operand & { path: FieldPath }).path, source)])
    );
    if (single) groups.set('', newGroup([], []));
    for (const row of matching()) {
      let group: Group;
      if (single) group = groups.get('')!;
      else {
        const norm = plan.groups.map((g) => g.norm(row));
        const key = JSON.stringify(norm);
        let found = groups.get(key);
        if (!found) {
          found = newGroup(
            plan.groups.map((g) => g.raw(row)),
            norm
          );
          groups.set(key, found);
        }
        group = found;
      }
      for (let i = 0; i < plan.measures.length; i++) {
        accumulate(plan.measures[i], group.acc[i], row);
      }
      // Text MIN/MAX compare lower-cased; print the spelling of a row that has the value.
      for (const [m, read] of rawReaders) {
        const n = m.op!.norm(row);
        if (n !== null && !rawOf.has(n)) rawOf.set(n, read(row));
      }
    }
    let list = [...groups.values()];
    if (plan.having) list = list.filter(plan.having);
    list = sortItems(list, plan.orderBy);
    list = list.slice(offset, limit === undefined ? undefined : offset + limit);
    return list.map((g) => {
      const rec: Record<string, unknown> = { attributes: { type: 'AggregateResult' } };
      for (const s of plan.select) {
        if (s.group !== undefined) {
          const group = plan.groups[s.group];
          rec[s.name] =
            group.outKind === 'number' && group.key.includes('(')
              ? g.norm[s.group]
              : output(group.outKind, g.raw[s.group]);
        } else {
          const m = plan.measures[s.measure!];
          rec[s.name] = measureOutput(m, measureValue(m, g.acc[s.measure!]), rawOf);
        }
      }
      return rec;
    });
  }

  function shape(row: Row): Record<string, unknown> {
    const out: Record<string, unknown> = { attributes: attributes(root.name, row.Id) };
    let parents: Map<string, Row | null> | null = null;
    for (const c of columns) {
      const hops = c.path.hops;
      if (hops.length === 0) {
        const f = c.path.field;
        out[f.name] =
          f.type === 'address' ? compoundAddress(row, f.name) : output(c.kind, row[f.name]);
        continue;
      }
      parents ??= new Map();
      let target = out;
      let current: Row | null = row;
      let prefix = '';
      const last = c.path.parentType ? hops.length - 1 : hops.length;
      for (let i = 0; i < last; i++) {
        const hop = hops[i];
        const rel = hop.relationshipName!;
        prefix += `${rel}.`;
        let parent = parents.get(prefix);
        if (parent === undefined) {
          const id: unknown = current[hop.name];
          parent = (typeof id === 'string' && source.getById(id)) || null;
          parents.set(prefix, parent);
        }
        if (!parent) {
          if (!(rel in target)) target[rel] = null;
          current = null;
          break;
        }
        if (!target[rel]) {
          const type =
            hop.referenceTo!.length > 1
              ? objectOfId(source, parent.Id, hop.referenceTo!)
              : resolveObject(source, hop.referenceTo![0]).name;
          target[rel] = { attributes: attributes(type, parent.Id) };
        }
        target = target[rel] as Record<string, unknown>;
        current = parent;
      }
      if (!current) continue;
      if (c.path.parentType) {
        const hop = hops[hops.length - 1];
        const rel = hop.relationshipName!;
        const id: unknown = current[hop.name];
        const parent = typeof id === 'string' ? source.getById(id) : undefined;
        if (!parent) {
          if (!(rel in target)) target[rel] = null;
          continue;
        }
        const type = objectOfId(source, parent.Id, hop.referenceTo!);
        if (!target[rel]) target[rel] = { attributes: attributes(type, parent.Id) };
        (target[rel] as Record<string, unknown>).Type = type;
        continue;
      }
      target[c.path.field.name] = output(c.kind, current[c.path.field.name]);
    }
    for (const child of children) {
      const records: Record<string, unknown>[] = [];
      for (const r of child.query.windowed(
        source.children(child.query.root.name, child.field, row.Id)
      )) {
        records.push(child.query.shape(r));
      }
      out[child.relationshipName] = records.length
        ? { totalSize: records.length, done: true, records }
        : null;
    }
    return out;
  }

  const columnNames = aggregate
    ? aggregate.select.map((s) => s.name)
    : countOnly
      ? []
      : columns.map((c) => c.path.name);

  const compiled: Compiled = {
    root,
    columns,
    children,
    aggregate,
    countOnly,
    columnNames,
    reset: () => {
      for (const r of resets) r();
      for (const c of children) c.query.reset();
    },
    matching,
    windowed,
    windowedCount: () => {
      let n = 0;
      for (const _row of matching()) n++;
      const after = Math.max(0, n - offset);
      return limit === undefined ? after : Math.min(limit, after);
    },
    aggregateRows,
    shape
  };
  return compiled;
}

/**
 * Parsed queries by text (the parser takes most of the time of a prepare; paging and Bulk API
 * result requests prepare the same query again). The compiler never modifies an AST.
 */
const parsed = new Map<string, Ast>();
const PARSE_CACHE = 500;

/** Parses and checks a SOQL query for a data source; errors are Salesforce's. */
export function prepareSoql(soql: string, source: SoqlDataSource, ctx: SoqlContext): PreparedQuery {
  if (/^\s*FIND\s*\{/i.test(soql)) throw unsupported('SOSL');
  let ast: Ast = parsed.get(soql);
  if (ast) {
    // Most recently used last, so the oldest entry is the first to go.
    parsed.delete(soql);
    parsed.set(soql, ast);
  } else {
    try {
      ast = parseQuery(soql);
    } catch (e) {
      const text = e instanceof Error ? e.message.split('\n')[0] : String(e);
      const typeOf = /\bTYPEOF\b/i.test(soql) ? 'TYPEOF' : null;
      if (typeOf) throw unsupported(typeOf);
      throw malformed(`unexpected token in query: ${text}`);
    }
    parsed.set(soql, ast);
    if (parsed.size > PARSE_CACHE) parsed.delete(parsed.keys().next().value as string);
  }
  const compiled = compileSelect(ast, source, ctx);
  return {
    sobject: compiled.root.name,
    columns: compiled.columnNames,
    isAggregate: compiled.aggregate !== null,
    totalSize() {
      compiled.reset();
      if (compiled.aggregate) return compiled.aggregateRows().length;
      return compiled.windowedCount();
    },
    *rows() {
      compiled.reset();
      if (compiled.countOnly) return;
      if (compiled.aggregate) {
        yield* compiled.aggregateRows();
        return;
      }
      for (const row of compiled.windowed()) yield compiled.shape(row);
    }
  };
}

/** Schema resolution for SOQL: field paths through parent relationships, and operands over rows. */
import { ApiError } from '../errors';
import type { FieldSchema, Row, SObjectSchema, SoqlContext, SoqlDataSource } from '../types';
import { type Ast, invalidField, malformed, refusedFunction, unsupported } from './common';
import { applyDateFunction, DATE_FUNCTIONS } from './dates';
import { kindOf, normalize, typeName, type Kind } from './values';

/* eslint-disable @typescript-eslint/no-explicit-any -- operands read rows or groups */

/** A path from an object to a field through parent relationships. */
export interface FieldPath {
  /** The reference fields followed, in order. */
  hops: FieldSchema[];
  field: FieldSchema;
  /** As the schema spells it: Account.Owner.Name. */
  name: string;
  /** The synthetic `Type` of a polymorphic parent (What.Type): the parent's object name. */
  parentType?: boolean;
}

export const fieldMaps = new WeakMap<SObjectSchema, Map<string, FieldSchema>>();
export function fieldMap(schema: SObjectSchema): Map<string, FieldSchema> {
  let map = fieldMaps.get(schema);
  if (!map) {
    map = new Map(schema.fields.map((f) => [f.name.toLowerCase(), f]));
    fieldMaps.set(schema, map);
  }
  return map;
}

export const relationshipMaps = new WeakMap<SObjectSchema, Map<string, FieldSchema>>();
export function relationshipMap(schema: SObjectSchema): Map<string, FieldSchema> {
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

export const TYPE_FIELD: FieldSchema = {
  name: 'Type',
  label: 'Type',
  type: 'string',
  nillable: true,
  createable: false,
  updateable: false
};

/** What a semi-join condition needs of its compiled subquery. */
export interface SemiJoinQuery {
  root: SObjectSchema;
  columns: { norm: (row: Row) => unknown }[];
  reset(): void;
  windowed(): Iterable<Row>;
}

export class Scope {
  /** Work to undo before each run (semi-join id sets are recomputed per run). */
  readonly resets: (() => void)[];

  constructor(
    readonly source: SoqlDataSource,
    readonly ctx: SoqlContext,
    readonly root: SObjectSchema,
    readonly alias: string | undefined,
    /** Compiles the subquery of `Id IN (SELECT ...)` over the same data source. */
    readonly semiJoin: (ast: Ast) => SemiJoinQuery,
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

export function resolveObject(source: SoqlDataSource, name: string): SObjectSchema {
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
export function objectOfId(source: SoqlDataSource, id: string, candidates: string[]): string {
  for (const name of candidates) {
    const schema = source.describe(name);
    if (schema && id.startsWith(schema.keyPrefix)) return schema.name;
  }
  return candidates[0];
}

/** Reads a path's raw value from a row, following parent lookups through the data source. */
export function reader(path: FieldPath, source: SoqlDataSource): (row: Row) => unknown {
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

// ---------------------------------------------------------------- operands

/**
 * Something a condition or sort key reads: a field path over rows, a date function of one, or
 * (in HAVING and aggregate ORDER BY) a grouping key or aggregate over a group.
 */
export interface Operand {
  label: string;
  kind: Kind;
  field?: FieldSchema;
  /** The normalized comparable value (see values.ts), null when missing. */
  norm: (item: any) => unknown;
}

export function fieldOperand(scope: Scope, dotted: string): Operand & { path: FieldPath } {
  const path = scope.path(dotted);
  const get = reader(path, scope.source);
  const kind = kindOf(path.field);
  return { path, label: path.name, kind, field: path.field, norm: normalizer(kind, get) };
}

export function normalizer(kind: Kind, get: (row: Row) => unknown): (row: Row) => unknown {
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
export function dateFunctionOperand(scope: Scope, fn: Ast): Operand & { key: string } {
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

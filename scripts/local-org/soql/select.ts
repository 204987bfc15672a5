/**
 * A SELECT compiled once into closures: the SELECT list, the WHERE predicate, the aggregate plan
 * or row order, and the runners that scan, window and shape rows.
 */
import { ApiError } from '../errors';
import type { Row, SObjectSchema, SoqlContext, SoqlDataSource } from '../types';
import { aggregateRows, compileAggregate, type AggregatePlan, type SelectEntry } from './aggregate';
import { AGGREGATES, type Ast, malformed, refusedFunction, unsupported } from './common';
import { DATE_FUNCTIONS } from './dates';
import { sortKey, sortLazily, type SortKey } from './order';
import {
  dateFunctionOperand,
  fieldOperand,
  reader,
  resolveObject,
  Scope,
  type FieldPath
} from './scope';
import { shapeRow } from './shape';
import type { Kind } from './values';
import { logic, refuseSemiJoinShapes, whereLeaf, type Predicate } from './where';

export interface Column {
  path: FieldPath;
  kind: Kind;
  get: (row: Row) => unknown;
  norm: (row: Row) => unknown;
}

export interface ChildQuery {
  relationshipName: string;
  field: string;
  query: Compiled;
}

export interface Compiled {
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
  /** Rows that already passed WHERE (`matching`), ordered, with OFFSET and LIMIT applied. */
  window(matched: Row[]): Iterable<Row>;
  /** How many rows `window(matched)` gives. */
  windowCount(matched: number): number;
  /** How many rows `windowed` gives, without ordering them. */
  windowedCount(): number;
  /** ORDER BY given: `windowed` sorts every matching row before it gives the first. */
  ordered: boolean;
  aggregateRows(): Record<string, unknown>[];
  shape(row: Row): Record<string, unknown>;
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

/** The SELECT list: plain columns, child subqueries, functions, and whether it is COUNT(). */
interface SelectList {
  columns: Column[];
  children: ChildQuery[];
  selectOrder: SelectEntry[];
  countOnly: boolean;
}

function childQuery(sub: Ast, scope: Scope): ChildQuery {
  const rel = scope.root.childRelationships.find(
    (r) => r.relationshipName.toLowerCase() === String(sub.relationshipName).toLowerCase()
  );
  if (!rel) {
    throw new ApiError(
      400,
      'INVALID_TYPE',
      `Didn't understand relationship '${sub.relationshipName}' in FROM part of query call. If you are attempting to use a custom relationship, be sure to append the '__r' after the custom relationship name. Please reference your WSDL or the describe call for the appropriate names.`
    );
  }
  const query = compileSelect(sub, scope.source, scope.ctx, {
    child: { schema: resolveObject(scope.source, rel.childSObject) }
  });
  if (query.aggregate || query.countOnly) {
    throw malformed('Aggregate functions are not supported in child subqueries');
  }
  return { relationshipName: rel.relationshipName, field: rel.field, query };
}

function selectList(ast: Ast, scope: Scope, options: CompileOptions): SelectList {
  const list: SelectList = { columns: [], children: [], selectOrder: [], countOnly: false };
  const seen = new Set<string>();
  for (const f of ast.fields ?? []) {
    if (f.type === 'FieldTypeof') throw unsupported('TYPEOF');
    if (f.type === 'FieldSubquery') {
      if (options.semiJoin || options.child) {
        throw unsupported('a subquery inside a subquery');
      }
      list.children.push(childQuery(f.subquery, scope));
      continue;
    }
    if (f.type === 'FieldFunctionExpression') {
      const fn = String(f.functionName).toUpperCase();
      const refused = refusedFunction(fn, f.parameters);
      if (refused) throw refused;
      if (fn === 'COUNT' && (f.parameters ?? []).length === 0) {
        list.countOnly = true;
        continue;
      }
      if (!AGGREGATES.has(fn) && !DATE_FUNCTIONS[fn]) throw unsupported(`function ${fn}()`);
      list.selectOrder.push({ fn, item: f });
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
      get: reader(op.path, scope.source),
      norm: op.norm
    };
    list.columns.push(column);
    list.selectOrder.push({ column, alias: f.alias });
  }
  return list;
}

/** The combinations of SELECT list and clauses Salesforce refuses; whether it is aggregate. */
function checkShape(ast: Ast, list: SelectList, options: CompileOptions): boolean {
  const { columns, children, selectOrder, countOnly } = list;
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
  return isAggregate;
}

/** ORDER BY of a query over rows (an aggregate query orders its groups instead). */
function rowOrder(ast: Ast, scope: Scope): SortKey[] {
  return (ast.orderBy ?? []).map((o: Ast) => {
    if (o.fn) {
      const refused = refusedFunction(o.fn.functionName, o.fn.parameters);
      if (refused) throw refused;
      const fn = String(o.fn.functionName).toUpperCase();
      if (AGGREGATES.has(fn)) throw malformed(`ORDER BY ${fn}() needs GROUP BY`);
      return sortKey(dateFunctionOperand(scope, o.fn), o);
    }
    return sortKey(fieldOperand(scope, o.field), o);
  });
}

export function compileSelect(
  ast: Ast,
  source: SoqlDataSource,
  ctx: SoqlContext,
  options: CompileOptions = {}
): Compiled {
  refuseClauses(ast);
  const root = options.child?.schema ?? resolveObject(source, ast.sObject);
  const scope = new Scope(source, ctx, root, ast.sObjectAlias, (sub) =>
    compileSelect(sub, source, ctx, { semiJoin: true })
  );
  const list = selectList(ast, scope, options);
  const isAggregate = checkShape(ast, list, options);
  if (ast.where) refuseSemiJoinShapes(ast.where, !!options.semiJoin);
  const predicate: Predicate = ast.where ? logic(ast.where, whereLeaf(scope), 'WHERE') : () => true;
  const limit: number | undefined = ast.limit;
  const offset: number = ast.offset ?? 0;
  if (offset > 2000) {
    throw new ApiError(400, 'NUMBER_OUTSIDE_VALID_RANGE', 'Maximum SOQL offset allowed is 2000');
  }
  const aggregate = isAggregate ? compileAggregate(ast, scope, list.selectOrder) : null;
  const orderBy = isAggregate ? [] : rowOrder(ast, scope);
  return runner({ ...list, root, scope, predicate, aggregate, orderBy, limit, offset });
}

interface RunnerParts extends SelectList {
  root: SObjectSchema;
  scope: Scope;
  predicate: Predicate;
  aggregate: AggregatePlan | null;
  orderBy: SortKey[];
  limit: number | undefined;
  offset: number;
}

/** The compiled query's runners over its data source. */
function runner(parts: RunnerParts): Compiled {
  const { root, scope, columns, children, countOnly, predicate, aggregate, orderBy } = parts;
  const { limit, offset } = parts;
  const { source, ctx, resets } = scope;

  function* matching(rows?: Iterable<Row>): Iterable<Row> {
    if (!rows) {
      yield* source.scan(root.name, { includeDeleted: ctx.includeDeleted, where: predicate });
      return;
    }
    for (const row of rows) if (predicate(row)) yield row;
  }

  function windowed(rows?: Iterable<Row>): Iterable<Row> {
    const input = matching(rows);
    return orderBy.length ? window([...input]) : limited(input);
  }

  // Sorted only as far as it is read: a query's first page does not sort a whole table.
  const window = (matched: Row[]) => limited(sortLazily(matched, orderBy));
  const windowCount = (n: number) => {
    const after = Math.max(0, n - offset);
    return limit === undefined ? after : Math.min(limit, after);
  };

  function* limited(input: Iterable<Row>): Iterable<Row> {
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

  const columnNames = aggregate
    ? aggregate.select.map((s) => s.name)
    : countOnly
      ? []
      : columns.map((c) => c.path.name);

  return {
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
    ordered: orderBy.length > 0,
    window,
    windowCount,
    windowedCount: () => {
      let n = 0;
      for (const _row of matching()) n++;
      return windowCount(n);
    },
    aggregateRows: () => aggregateRows(aggregate!, matching(), source, { offset, limit }),
    shape: (row) => shapeRow({ root, columns, children, source }, row)
  };
}

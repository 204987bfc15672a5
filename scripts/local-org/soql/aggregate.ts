/** Aggregate queries: measures (COUNT, SUM, AVG, MIN, MAX), groups, HAVING and their output. */
import type { FieldSchema, Row, SoqlDataSource } from '../types';
import { AGGREGATES, type Ast, malformed, refusedFunction } from './common';
import { sortItems, sortKey, type SortKey } from './order';
import {
  dateFunctionOperand,
  fieldOperand,
  reader,
  type FieldPath,
  type Operand,
  type Scope
} from './scope';
import type { Column } from './select';
import { comparator, output, type Kind } from './values';
import { comparison, logic, type Predicate } from './where';

/* eslint-disable @typescript-eslint/no-explicit-any -- accumulators differ per function */
export interface Measure {
  key: string;
  fn: string;
  op: Operand | null;
  cmp: (a: unknown, b: unknown) => number;
}

export interface Group {
  raw: unknown[];
  norm: unknown[];
  acc: unknown[];
}

export function measureKey(fn: string, label: string | null): string {
  return `${fn}(${(label ?? '').toLowerCase()})`;
}

export function initAcc(m: Measure): unknown {
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

export function accumulate(m: Measure, acc: any, row: Row): void {
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
export function measureValue(m: Measure, acc: any): unknown {
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
export function round(n: number): number {
  return Number.isInteger(n) ? n : Number(n.toPrecision(15));
}

/** MIN/MAX of a picklist, date or datetime prints in the field's own format. */
export function measureOutput(m: Measure, value: unknown, rawOf: Map<unknown, unknown>): unknown {
  if (value === null) return null;
  if ((m.fn === 'MIN' || m.fn === 'MAX') && m.op) {
    if (m.op.kind === 'datetime') return `${value as string}+0000`;
    if (m.op.kind === 'string' || m.op.kind === 'picklist') return rawOf.get(value) ?? value;
  }
  return value;
}

/** One grouping of GROUP BY: a field or date function, its raw reader and output kind. */
export type Grouping = Operand & { key: string; raw: (row: Row) => unknown; outKind: Kind };

export interface SelectItem {
  name: string;
  /** Index into groups (group) or measures (measure). */
  group?: number;
  measure?: number;
}

export interface AggregatePlan {
  groups: Grouping[];
  measures: Measure[];
  select: SelectItem[];
  having: Predicate | null;
  orderBy: SortKey[];
}

/** An entry of the SELECT list before the aggregate plan places it: a field or a function. */
export type SelectEntry = { column: Column; alias?: string } | { fn: string; item: Ast };

function groupings(scope: Scope, groupByAst: Ast[]): Grouping[] {
  return groupByAst.map((g: Ast) => {
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
      raw: reader(op.path, scope.source),
      outKind: op.kind
    };
  });
}

/** Finds or adds the measure of an aggregate function over its parameter; returns its index. */
function measureIndexer(
  scope: Scope,
  measures: Measure[]
): (fn: string, params: unknown[]) => number {
  return (fn, params) => {
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
}

/** The SELECT list as groupings and measures, named by alias or `exprN`. */
function selectItems(
  scope: Scope,
  selectOrder: SelectEntry[],
  groups: Grouping[],
  measureIndex: (fn: string, params: unknown[]) => number
): SelectItem[] {
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
  return select;
}

/** Operands over groups, for HAVING and ORDER BY: a grouping, an aggregate or an alias. */
function groupOperands(
  scope: Scope,
  plan: Pick<AggregatePlan, 'groups' | 'measures' | 'select'>,
  measureIndex: (fn: string, params: unknown[]) => number
): (node: { field?: string; fn?: Ast }) => Operand {
  const { groups, measures, select } = plan;
  const groupIndex = (key: string): number => groups.findIndex((g) => g.key === key);
  const ofMeasure = (label: string, i: number, field: FieldSchema | undefined): Operand => {
    const m = measures[i];
    const kind: Kind = (m.fn === 'MIN' || m.fn === 'MAX') && m.op ? m.op.kind : 'number';
    return { label, kind, field, norm: (g: Group) => measureValue(m, g.acc[i]) };
  };
  return (node) => {
    if (node.fn) {
      const fn = String(node.fn.functionName).toUpperCase();
      const refused = refusedFunction(fn, node.fn.parameters);
      if (refused) throw refused;
      if (AGGREGATES.has(fn)) {
        const i = measureIndex(fn, node.fn.parameters);
        const m = measures[i];
        const field = fn === 'MIN' || fn === 'MAX' ? m.op?.field : undefined;
        return ofMeasure(`${fn}(${m.op?.label ?? ''})`, i, field);
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
        return ofMeasure(name, byAlias.measure, measures[byAlias.measure].op?.field);
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
}

/** GROUP BY, the aggregate SELECT list, HAVING and ORDER BY over groups. */
export function compileAggregate(
  ast: Ast,
  scope: Scope,
  selectOrder: SelectEntry[]
): AggregatePlan {
  const groups = groupings(scope, ast.groupBy ?? []);
  const measures: Measure[] = [];
  const measureIndex = measureIndexer(scope, measures);
  const select = selectItems(scope, selectOrder, groups, measureIndex);
  const groupOperand = groupOperands(scope, { groups, measures, select }, measureIndex);
  const having = ast.having
    ? logic(ast.having, (cond) => comparison(groupOperand(cond), cond, scope), 'HAVING')
    : null;
  const orderBy = (ast.orderBy ?? []).map((o: Ast) => sortKey(groupOperand(o), o));
  return { groups, measures, select, having, orderBy };
}

/** The groups of the matching rows, filtered by HAVING, ordered and windowed, as records. */
export function aggregateRows(
  plan: AggregatePlan,
  rows: Iterable<Row>,
  source: SoqlDataSource,
  window: { offset: number; limit: number | undefined }
): Record<string, unknown>[] {
  const { offset, limit } = window;
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
  for (const row of rows) {
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

/** ORDER BY: sort keys and a stable sort honouring NULLS FIRST/LAST. */
import { type Ast, malformed } from './common';
import type { Operand } from './scope';
import { comparator } from './values';

/* eslint-disable @typescript-eslint/no-explicit-any -- sort keys read rows or groups */
export interface SortKey {
  norm: (item: any) => unknown;
  cmp: (a: unknown, b: unknown) => number;
  dir: 1 | -1;
  nullsFirst: boolean;
}

export function sortKey(op: Operand, o: Ast): SortKey {
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

/** Orders two rows' sort keys (already normalised) by the ORDER BY items. */
function compareKeys(a: unknown[], b: unknown[], keys: SortKey[]): number {
  for (let i = 0; i < keys.length; i++) {
    const x = a[i];
    const y = b[i];
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
}

export function sortItems<T>(items: T[], keys: SortKey[]): T[] {
  if (!keys.length) return items;
  const decorated = items.map((item) => ({ item, k: keys.map((key) => key.norm(item)) }));
  decorated.sort((a, b) => compareKeys(a.k, b.k, keys));
  return decorated.map((d) => d.item);
}

interface Decorated<T> {
  item: T;
  at: number;
  k: unknown[];
}

/**
 * The items in the order sortItems gives them (ties in their first order), sorted only as far as
 * they are read: the first `head` come off a heap (linear to build, a logarithm a row), the rest
 * are sorted when the reader gets past them. A query's first page then costs no full sort of a
 * large table; a read to the end costs one, as sortItems does.
 */
export function* sortLazily<T>(items: T[], keys: SortKey[], head = 2000): Generator<T> {
  if (!keys.length) {
    yield* items;
    return;
  }
  const heap: Decorated<T>[] = items.map((item, at) => ({
    item,
    at,
    k: keys.map((key) => key.norm(item))
  }));
  const less = (a: Decorated<T>, b: Decorated<T>) =>
    (compareKeys(a.k, b.k, keys) || a.at - b.at) < 0;
  let size = heap.length;
  const down = (from: number) => {
    for (let i = from; ;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let least = i;
      if (l < size && less(heap[l], heap[least])) least = l;
      if (r < size && less(heap[r], heap[least])) least = r;
      if (least === i) return;
      [heap[i], heap[least]] = [heap[least], heap[i]];
      i = least;
    }
  };
  for (let i = (size >> 1) - 1; i >= 0; i--) down(i);
  for (let taken = 0; taken < head && size > 0; taken++) {
    const top = heap[0];
    heap[0] = heap[--size];
    down(0);
    yield top.item;
  }
  heap.length = size;
  heap.sort((a, b) => compareKeys(a.k, b.k, keys) || a.at - b.at);
  for (const d of heap) yield d.item;
}

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

export function sortItems<T>(items: T[], keys: SortKey[]): T[] {
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

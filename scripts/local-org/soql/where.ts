/** WHERE and HAVING: comparisons compiled into predicates, and the AND/OR/NOT chain over them. */
import { ApiError } from '../errors';
import type { SoqlContext } from '../types';
import { AGGREGATES, type Ast, invalidField, malformed, unsupported } from './common';
import { filterTypeError, literal } from './literals';
import { dateFunctionOperand, fieldOperand, type Operand, type Scope } from './scope';
import { typeName } from './values';

/* eslint-disable @typescript-eslint/no-explicit-any -- predicates test rows or groups */
// ---------------------------------------------------------------- conditions

export type Predicate = (item: any) => boolean;

export const isNull = (v: unknown) => v === null || v === undefined;

export function likeMatcher(pattern: string): (s: string) => boolean {
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
export function comparison(op: Operand, cond: Ast, scope: Scope): Predicate {
  const operator = String(cond.operator).toUpperCase();
  if (cond.literalType === 'SUBQUERY') return semiJoinPredicate(op, cond, scope, operator);
  if (['IN', 'NOT IN', 'INCLUDES', 'EXCLUDES'].includes(operator)) {
    return listPredicate(op, cond, scope.ctx, operator);
  }
  if (operator === 'LIKE') return likePredicate(op, cond, scope.ctx);
  if (!['=', '!=', '<>', '<', '<=', '>', '>='].includes(operator)) {
    throw unsupported(`operator ${operator}`);
  }
  const lit = literal(op, String(cond.literalType).toUpperCase(), String(cond.value), scope.ctx);
  if ('range' in lit) return rangePredicate(op, lit.range as [string, string, boolean], operator);
  return valuePredicate(op, lit.value, operator);
}

/** `Id IN (SELECT ...)` and `NOT IN`: the inner query's ids, computed once per run. */
function semiJoinPredicate(op: Operand, cond: Ast, scope: Scope, operator: string): Predicate {
  const get = op.norm;
  if (operator !== 'IN' && operator !== 'NOT IN') {
    throw malformed(`A semi-join subquery needs IN or NOT IN, not ${operator}`);
  }
  if (op.kind !== 'id') {
    throw malformed(
      `Semi-join and anti-join subqueries compare an Id or reference field, not ${op.label}`
    );
  }
  const inner = scope.semiJoin(cond.valueQuery);
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

/** IN, NOT IN over a list of literals; INCLUDES, EXCLUDES over multi-select picklist sets. */
function listPredicate(op: Operand, cond: Ast, ctx: SoqlContext, operator: string): Predicate {
  const get = op.norm;
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

function likePredicate(op: Operand, cond: Ast, ctx: SoqlContext): Predicate {
  const get = op.norm;
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

/** A comparison with a date literal (THIS_MONTH, LAST_N_DAYS:30): the range it covers. */
function rangePredicate(
  op: Operand,
  range: [string, string, boolean],
  operator: string
): Predicate {
  const get = op.norm;
  const [lo, hi, exclusive] = range;
  const inRange = exclusive ? (v: string) => v >= lo && v < hi : (v: string) => v >= lo && v <= hi;
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

/** A comparison with one value (null included). */
function valuePredicate(op: Operand, literalValue: unknown, operator: string): Predicate {
  const get = op.norm;
  let value = literalValue;
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

export type Token = '(' | ')' | 'AND' | 'OR' | 'NOT' | { p: Predicate };
export type Shape<T> = '(' | ')' | 'AND' | 'OR' | 'NOT' | T;

/** The parser's right-leaning condition chain as tokens: parentheses, operators and leaves. */
export function conditionTokens<T extends object>(
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
export function refuseSemiJoinShapes(where: Ast, inSemiJoin: boolean): void {
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
export function logic(node: Ast, leaf: (cond: Ast) => Predicate, clause: string): Predicate {
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

export function whereLeaf(scope: Scope): (cond: Ast) => Predicate {
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

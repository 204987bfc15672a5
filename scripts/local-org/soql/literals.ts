/** SOQL literals in conditions: string escapes, type checks against the operand, date literals. */
import { ApiError } from '../errors';
import { normalizeId } from '../ids';
import type { SoqlContext } from '../types';
import { invalidField, malformed, unsupported } from './common';
import { dateLiteralRange, dayString } from './dates';
import type { Operand } from './scope';
import { canonicalDatetime, multiSet, typeName } from './values';

/** SOQL string literal escapes; in LIKE patterns `\%` and `\_` stay escaped. */
export function unquote(raw: string, like = false): string {
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

export function filterTypeError(op: Operand, quoted: boolean): ApiError {
  return invalidField(
    `value of filter criterion for field '${op.label}' must be of type ${typeName(op.kind, op.field)} and should ${quoted ? 'not ' : ''}be enclosed in quotes`
  );
}

export type Literal = { value: unknown } | { range: [unknown, unknown, boolean] };

/**
 * A literal as the normalized value of the operand's kind, or for a date literal the range it
 * covers: [first, last, lastIsExclusive].
 */
export function literal(
  op: Operand,
  type: string,
  raw: string,
  ctx: SoqlContext,
  like = false
): Literal {
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

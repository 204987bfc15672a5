/**
 * Value kinds of the SOQL engine: how a stored value of a field type is compared, ordered and
 * printed. Comparisons run on a normalized form computed once per value: strings lower-cased
 * (SOQL compares text case-insensitively), dates as `YYYY-MM-DD`, datetimes as the 23-character
 * UTC form `YYYY-MM-DDTHH:mm:ss.SSS` (both order correctly as strings), numbers as numbers.
 */
import type { FieldSchema } from '../types';

export type Kind =
  'string' | 'picklist' | 'multipicklist' | 'id' | 'number' | 'boolean' | 'date' | 'datetime';

export function kindOf(field: FieldSchema): Kind {
  switch (field.type) {
    case 'id':
    case 'reference':
      return 'id';
    case 'int':
    case 'double':
    case 'currency':
    case 'percent':
      return 'number';
    case 'boolean':
      return 'boolean';
    case 'date':
      return 'date';
    case 'datetime':
      return 'datetime';
    case 'picklist':
      return 'picklist';
    case 'multipicklist':
      return 'multipicklist';
    default:
      return 'string';
  }
}

/** The type name Salesforce uses in its filter error messages. */
export function typeName(kind: Kind, field?: FieldSchema): string {
  if (field) return field.type === 'datetime' ? 'dateTime' : field.type;
  return kind === 'number' ? 'double' : kind === 'datetime' ? 'dateTime' : kind;
}

const CANONICAL = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}(Z|\+0000|\+00:00)$/;

/** A datetime as `YYYY-MM-DDTHH:mm:ss.SSS` in UTC, or null. Fast for the stored form. */
export function canonicalDatetime(value: unknown): string | null {
  if (value === null || value === undefined || value === '') return null;
  const s = String(value);
  if (CANONICAL.test(s)) return s.slice(0, 23);
  const t = Date.parse(s.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
  return Number.isNaN(t) ? null : new Date(t).toISOString().slice(0, 23);
}

/** The normalized, comparable form of a stored value (null for a missing value). */
export function normalize(kind: Kind, value: unknown): unknown {
  if (kind === 'boolean') return value === true || value === 'true';
  if (value === null || value === undefined || value === '') return null;
  switch (kind) {
    case 'string':
    case 'picklist':
      return String(value).toLowerCase();
    case 'number':
      return typeof value === 'number' ? value : Number(value);
    case 'date':
      return String(value).slice(0, 10);
    case 'datetime':
      return canonicalDatetime(value);
    case 'multipicklist':
      return multiSet(String(value));
    default:
      return String(value);
  }
}

/** A multi-select picklist value as a sorted, lower-cased, `;`-joined key. */
export function multiSet(value: string): string {
  return [
    ...new Set(
      value
        .split(';')
        .map((s) => s.trim().toLowerCase())
        .filter((s) => s !== '')
    )
  ]
    .sort()
    .join(';');
}

/** A value as the REST API prints it: dates `YYYY-MM-DD`, datetimes `...T00:00:00.000+0000`. */
export function output(kind: Kind, value: unknown): unknown {
  if (kind === 'boolean') return value === true || value === 'true';
  if (value === null || value === undefined) return null;
  switch (kind) {
    case 'date':
      return String(value).slice(0, 10);
    case 'datetime': {
      const c = canonicalDatetime(value);
      return c === null ? null : `${c}+0000`;
    }
    case 'number':
      return typeof value === 'number' ? value : Number(value);
    default:
      return value;
  }
}

/**
 * Orders two normalized non-null values. Picklists sort in the order their values are defined,
 * as Salesforce sorts them; values not in the list come after, alphabetically.
 */
export function comparator(kind: Kind, field?: FieldSchema): (a: unknown, b: unknown) => number {
  if (kind === 'picklist' && field?.picklistValues?.length) {
    const rank = new Map(field.picklistValues.map((p, i) => [p.value.toLowerCase(), i]));
    const n = rank.size;
    return (a, b) => {
      const ra = rank.get(a as string) ?? n;
      const rb = rank.get(b as string) ?? n;
      if (ra !== rb) return ra - rb;
      return a === b ? 0 : (a as string) < (b as string) ? -1 : 1;
    };
  }
  if (kind === 'number') return (a, b) => (a as number) - (b as number);
  if (kind === 'boolean') return (a, b) => Number(a) - Number(b);
  return (a, b) => (a === b ? 0 : (a as string) < (b as string) ? -1 : 1);
}

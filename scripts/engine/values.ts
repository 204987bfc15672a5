import type { VisibleFields } from './types';

/**
 * Whether trim() would return a non-empty string unchanged: it starts and ends with a character
 * between U+0020 and U+00A0, both excluded (every character trim() removes, white space or line
 * terminator, is at most U+0020 or at least U+00A0). Most field values do, and skip the trim.
 */
function isTrimmed(s: string): boolean {
  const n = s.length;
  if (n === 0) return false;
  const first = s.charCodeAt(0);
  const last = s.charCodeAt(n - 1);
  return first > 0x20 && first < 0xa0 && last > 0x20 && last < 0xa0;
}

/** null, undefined, '' and whitespace-only strings are blank; false and 0 are values. */
export function isBlank(value: unknown): boolean {
  if (value === null || value === undefined) return true;
  if (typeof value === 'string') return !isTrimmed(value) && value.trim() === '';
  return false;
}

/** A finite number from a number or a numeric string; null otherwise. */
export function toNumber(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'string' && value.trim() !== '') {
    const n = Number(value);
    return Number.isFinite(n) ? n : null;
  }
  return null;
}

/** Trimmed string of a string value, or null for blank/non-string values. */
export function toText(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  if (isTrimmed(value)) return value;
  const t = value.trim();
  return t === '' ? null : t;
}

/**
 * Stores a computed value in a memo of at most `limit` entries and returns it. A full memo is
 * emptied: the values a sync meets (days, titles, roles) repeat, so it refills at once.
 */
export function remember<K, V>(memo: Map<K, V>, limit: number, key: K, value: V): V {
  if (memo.size >= limit) memo.clear();
  memo.set(key, value);
  return value;
}

/** true/false from a boolean or a 'true'/'false' string (as CSV or Bulk API results give it). */
export function toBool(value: unknown): boolean | null {
  if (typeof value === 'boolean') return value;
  if (value === 'true') return true;
  if (value === 'false') return false;
  return null;
}

/** The visible set as a Set (null: decide per record, see isFieldVisible). */
export function visibleSet(visible: VisibleFields | null | undefined): ReadonlySet<string> | null {
  if (visible === null || visible === undefined) return null;
  return Array.isArray(visible)
    ? new Set(visible as readonly string[])
    : (visible as ReadonlySet<string>);
}

/**
 * Whether the user can see `field`: in the explicit set when one is given, else when the
 * record holds the key (LDS leaves out optional fields the user cannot see).
 */
export function isFieldVisible(
  set: ReadonlySet<string> | null,
  record: Record<string, unknown>,
  field: string
): boolean {
  if (set !== null) return set.has(field);
  return record[field] !== undefined || field in record;
}

/** Orders text by UTF-16 code units (as Salesforce orders Ids); null as ''. */
export function compareText(a: string | null | undefined, b: string | null | undefined): number {
  const x = a ?? '';
  const y = b ?? '';
  return x < y ? -1 : x > y ? 1 : 0;
}

/** Orders team keys (manager ids) by compareText, null (no team) last. */
export function compareTeam(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return compareText(a, b);
}

/** `x` rounded to one decimal place. */
export function round1(x: number): number {
  return Math.round(x * 10) / 10;
}

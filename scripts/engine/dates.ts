/**
 * Calendar arithmetic on UTC days. A 'YYYY-MM-DD' date is that day; a datetime counts on its
 * UTC calendar day ('2024-03-01T00:30:00+02:00' is 2024-02-29). Invalid dates such as
 * 2023-02-29 are treated as blank rather than rolled over.
 */

const MS_PER_DAY = 86_400_000;

function num(s: string, i: number, n: number): number {
  let v = 0;
  for (let k = i; k < i + n; k++) {
    const c = s.charCodeAt(k) - 48;
    if (c < 0 || c > 9) return -1;
    v = v * 10 + c;
  }
  return v;
}

/** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil). */
function civilDay(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function isLeap(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

/**
 * UTC day number (days since 1970-01-01) of a 'YYYY-MM-DD' date or an ISO datetime
 * ('YYYY-MM-DDTHH:MM[:SS[.fff]]' followed by Z, ±HH, ±HHMM or ±HH:MM, or nothing for UTC);
 * null when not a valid date. Hand-parsed: it runs millions of times in the sync.
 */
export function toDayNumber(value: unknown): number | null {
  const t = toEpochSeconds(value);
  return t === null ? null : Math.floor(t / 86400);
}

/** Seconds since 1970-01-01T00:00Z of a date (its UTC midnight) or datetime; null if not a date. */
export function toEpochSeconds(value: unknown): number | null {
  if (typeof value !== 'string') return null;
  let s = value;
  if (s.length < 10) return null;
  if (s.charCodeAt(0) <= 32 || s.charCodeAt(s.length - 1) <= 32) s = s.trim();
  if (s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45) return null;
  const y = num(s, 0, 4);
  const m = num(s, 5, 2);
  const d = num(s, 8, 2);
  if (y < 0 || m < 1 || m > 12 || d < 1) return null;
  if (d > (m === 2 && isLeap(y) ? 29 : MONTH_DAYS[m - 1])) return null;
  const day = civilDay(y, m, d) * 86400;
  if (s.length === 10) return day;
  const sep = s[10];
  if ((sep !== 'T' && sep !== ' ') || s.length < 16 || s[13] !== ':') return null;
  const hh = num(s, 11, 2);
  const mi = num(s, 14, 2);
  if (hh < 0 || hh > 23 || mi < 0 || mi > 59) return null;
  let i = 16;
  let ss = 0;
  if (s[i] === ':') {
    ss = num(s, i + 1, 2);
    if (ss < 0 || ss > 59) return null;
    i += 3;
    if (s[i] === '.') {
      i++;
      const from = i;
      while (i < s.length && num(s, i, 1) >= 0) i++;
      if (i === from) return null;
    }
  }
  let offset = 0;
  if (i < s.length) {
    const z = s[i];
    if (z === 'Z' || z === 'z') {
      if (i + 1 !== s.length) return null;
    } else if (z === '+' || z === '-') {
      const rest = s.slice(i + 1).replace(':', '');
      if (rest.length !== 2 && rest.length !== 4) return null;
      const oh = num(rest, 0, 2);
      const om = rest.length === 4 ? num(rest, 2, 2) : 0;
      if (oh < 0 || oh > 23 || om < 0 || om > 59) return null;
      offset = (z === '-' ? -1 : 1) * (oh * 60 + om);
    } else {
      return null;
    }
  }
  return day + (hh * 60 + mi - offset) * 60 + ss;
}

/** 'YYYY-MM-DD' of a UTC day number. */
export function fromDayNumber(dayNumber: number): string {
  return new Date(dayNumber * MS_PER_DAY).toISOString().slice(0, 10);
}

/** 'YYYY-MM-DD' of a date or datetime on its UTC day; null for blank or unparseable values. */
export function toUtcDate(value: unknown): string | null {
  const n = toDayNumber(value);
  return n === null ? null : fromDayNumber(n);
}

/** Whole days from `from` to `to` (positive when `to` is later); null if either is not a date. */
export function daysBetween(from: unknown, to: unknown): number | null {
  const a = toDayNumber(from);
  const b = toDayNumber(to);
  return a === null || b === null ? null : b - a;
}

/** The 'YYYY-MM-DD' date `days` after `date` (a date or datetime); throws on a non-date. */
export function addDays(date: string, days: number): string {
  return fromDayNumber(requireDay(date, 'date') + days);
}

/** Day number of a required date argument such as asOf; throws a clear error otherwise. */
export function requireDay(value: unknown, name: string): number {
  const n = toDayNumber(value);
  if (n === null) {
    throw new Error(
      `${name} must be a 'YYYY-MM-DD' date or an ISO datetime, got ${JSON.stringify(value)}`
    );
  }
  return n;
}

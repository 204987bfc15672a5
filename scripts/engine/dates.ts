/**
 * Calendar arithmetic on UTC days. A 'YYYY-MM-DD' date is that day; a datetime counts on its
 * UTC calendar day ('2024-03-01T00:30:00+02:00' is 2024-02-29). Invalid dates such as
 * 2023-02-29 are treated as blank rather than rolled over.
 */
import { remember } from './values';

function d2(s: string, i: number): number {
  const a = s.charCodeAt(i) - 48;
  const b = s.charCodeAt(i + 1) - 48;
  return a >= 0 && a <= 9 && b >= 0 && b <= 9 ? a * 10 + b : -1;
}

/** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil). */
function civilDay(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = yy >= 0 ? (yy / 400) | 0 : Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = (((153 * (m > 2 ? m - 3 : m + 9) + 2) / 5) | 0) + d - 1;
  const doe = yoe * 365 + ((yoe / 4) | 0) - ((yoe / 100) | 0) + doy;
  return era * 146097 + doe - 719468;
}

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function isLeap(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

/** Day number of the 'YYYY-MM-DD' that starts `s`; null unless it is a real calendar date. */
function leadingDate(s: string): number | null {
  if (s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45) return null;
  const hi = d2(s, 0);
  const lo = d2(s, 2);
  const m = d2(s, 5);
  const d = d2(s, 8);
  if (hi < 0 || lo < 0 || m < 1 || m > 12 || d < 1) return null;
  const y = hi * 100 + lo;
  if (d > (m === 2 && isLeap(y) ? 29 : MONTH_DAYS[m - 1])) return null;
  return civilDay(y, m, d);
}

/**
 * UTC day number (days since 1970-01-01) of a 'YYYY-MM-DD' date or an ISO datetime
 * ('YYYY-MM-DDTHH:MM[:SS[.fff]]' followed by Z, ±HH, ±HHMM or ±HH:MM, or nothing for UTC);
 * null when not a valid date. Hand-parsed: it runs millions of times in the sync.
 */
export function toDayNumber(value: unknown): number | null {
  // Plain dates (most values) skip the seconds round trip.
  if (typeof value === 'string' && value.length === 10) return leadingDate(value);
  const t = toEpochSeconds(value);
  return t === null ? null : Math.floor(t / 86400);
}

/** Seconds since 1970-01-01T00:00Z of a date (its UTC midnight) or datetime; null if not a date. */
export function toEpochSeconds(value: unknown): number | null {
  if (typeof value !== 'string') return null;
  let s = value;
  if (s.length < 10) return null;
  if (s.charCodeAt(0) <= 32 || s.charCodeAt(s.length - 1) <= 32) s = s.trim();
  const date = leadingDate(s);
  if (date === null) return null;
  const day = date * 86400;
  const len = s.length;
  if (len === 10) return day;
  const sep = s.charCodeAt(10);
  // 'T' or ' ', then HH:MM
  if ((sep !== 84 && sep !== 32) || len < 16 || s.charCodeAt(13) !== 58) return null;
  const hh = d2(s, 11);
  const mi = d2(s, 14);
  if (hh < 0 || hh > 23 || mi < 0 || mi > 59) return null;
  let i = 16;
  let ss = 0;
  if (i < len && s.charCodeAt(i) === 58) {
    ss = d2(s, i + 1);
    if (ss < 0 || ss > 59) return null;
    i += 3;
    if (i < len && s.charCodeAt(i) === 46) {
      i++;
      const from = i;
      while (i < len) {
        const c = s.charCodeAt(i);
        if (c < 48 || c > 57) break;
        i++;
      }
      if (i === from) return null;
    }
  }
  let offset = 0;
  if (i < len) {
    const z = s.charCodeAt(i);
    if (z === 90 || z === 122) {
      // Z
      if (i + 1 !== len) return null;
    } else if (z === 43 || z === 45) {
      // ±HH, ±HHMM or ±HH:MM
      const oh = d2(s, i + 1);
      let om = 0;
      const rest = len - i - 1;
      if (rest === 4) om = d2(s, i + 3);
      else if (rest === 5 && s.charCodeAt(i + 3) === 58) om = d2(s, i + 4);
      else if (rest !== 2) return null;
      if (oh < 0 || oh > 23 || om < 0 || om > 59) return null;
      offset = (z === 45 ? -1 : 1) * (oh * 60 + om);
    } else {
      return null;
    }
  }
  return day + (hh * 60 + mi - offset) * 60 + ss;
}

// Day number → text, for the few hundred days a sync's dates fall on (one string each, not one
// per deal).
const DAY_TEXT = new Map<number, string>();
const DAY_TEXT_LIMIT = 4_096;

/**
 * formatDay, remembered: for the sync's per-deal dates. Code that formats a date now and then
 * (and the browser's) calls formatDay.
 */
export function fromDayNumber(dayNumber: number): string {
  const text = DAY_TEXT.get(dayNumber);
  return text ?? remember(DAY_TEXT, DAY_TEXT_LIMIT, dayNumber, formatDay(dayNumber));
}

/** 'YYYY-MM-DD' of a UTC day number (years 0–9999). */
export function formatDay(dayNumber: number): string {
  return new Date(dayNumber * 86_400_000).toISOString().slice(0, 10);
}

/** 'YYYY-MM-DD' of a date or datetime on its UTC day; null for blank or unparseable values. */
export function toUtcDate(value: unknown): string | null {
  const n = toDayNumber(value);
  return n === null ? null : formatDay(n);
}

/** Whole days from `from` to `to` (positive when `to` is later); null if either is not a date. */
export function daysBetween(from: unknown, to: unknown): number | null {
  const a = toDayNumber(from);
  const b = toDayNumber(to);
  return a === null || b === null ? null : b - a;
}

/** The 'YYYY-MM-DD' date `days` after `date` (a date or datetime); throws on a non-date. */
export function addDays(date: string, days: number): string {
  return formatDay(requireDay(date, 'date') + days);
}

let lastRequired: unknown = undefined;
let lastRequiredDay = 0;

/** Day number of a required date argument such as asOf; throws a clear error otherwise. */
export function requireDay(value: unknown, name: string): number {
  // asOf is the same value for millions of calls in a sync run: remember the last one.
  if (value === lastRequired && typeof value === 'string') return lastRequiredDay;
  const n = toDayNumber(value);
  if (n === null) {
    throw new Error(
      `${name} must be a 'YYYY-MM-DD' date or an ISO datetime, got ${JSON.stringify(value)}`
    );
  }
  lastRequired = value;
  lastRequiredDay = n;
  return n;
}

// A one-record memo: the same opportunity's CloseDate, LastActivityDate… are read by the risk
// flags, the rollup and the rep's figures in turn (completeness parses the values it is given).
// A hit needs the same record object AND the same field value, so a record changed in place is
// parsed again.
const MEMO_SLOTS = 8;
let memoRecord: object | null = null;
let memoCount = 0;
// Pure: the browser bundle, which leaves recordDay out, drops them too.
const memoFields: string[] = /* @__PURE__ */ new Array(MEMO_SLOTS).fill('');
const memoValues: unknown[] = /* @__PURE__ */ new Array(MEMO_SLOTS).fill(undefined);
const memoDays: (number | null)[] = /* @__PURE__ */ new Array(MEMO_SLOTS).fill(null);

/** toDayNumber(record[field]), remembered for the last record seen. */
export function recordDay(record: Record<string, unknown>, field: string): number | null {
  const value = record[field];
  if (record === memoRecord) {
    for (let i = 0; i < memoCount; i++) {
      if (memoFields[i] === field && memoValues[i] === value) return memoDays[i];
    }
  } else {
    memoRecord = record;
    memoCount = 0;
  }
  const day = toDayNumber(value);
  if (memoCount < MEMO_SLOTS) {
    memoFields[memoCount] = field;
    memoValues[memoCount] = value;
    memoDays[memoCount] = day;
    memoCount++;
  }
  return day;
}

/**
 * Month number (year × 12 + month − 1) of a UTC day number: later months compare greater.
 * H. Hinnant's civil_from_days, without the day of the month.
 */
export function monthOfDay(dayNumber: number): number {
  const z = dayNumber + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  return y * 12 + m - 1;
}

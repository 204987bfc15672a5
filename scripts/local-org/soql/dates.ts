/**
 * SOQL date literals as Salesforce defines them, resolved to inclusive UTC day ranges
 * (day numbers since 1970-01-01). Weeks start on Sunday (en_US); quarters are calendar quarters.
 * "Date Formats and Date Literals in WHERE", SOQL and SOSL Reference:
 * https://developer.salesforce.com/docs/atlas.en-us.soql_sosl.meta/soql_sosl/sforce_api_calls_soql_select_dateformats.htm
 */
import { ApiError } from '../errors';

export type DayRange = [number, number];

const DAY = 86400000;

export function dayNumber(value: string): number {
  return Math.floor(Date.parse(`${value.slice(0, 10)}T00:00:00Z`) / DAY);
}

function ymd(day: number): [number, number, number] {
  const d = new Date(day * DAY);
  return [d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()];
}

function dayOf(y: number, m: number, d = 1): number {
  return Math.floor(Date.UTC(y, m, d) / DAY);
}

function month(today: number, offset: number): DayRange {
  const [y, m] = ymd(today);
  return [dayOf(y, m + offset), dayOf(y, m + offset + 1) - 1];
}

function quarter(today: number, offset: number): DayRange {
  const [y, m] = ymd(today);
  const q = Math.floor(m / 3) + offset;
  return [dayOf(y, q * 3), dayOf(y, q * 3 + 3) - 1];
}

function year(today: number, offset: number): DayRange {
  const [y] = ymd(today);
  return [dayOf(y + offset, 0), dayOf(y + offset + 1, 0) - 1];
}

function week(today: number, offset: number): DayRange {
  // 1970-01-01 was a Thursday: Sunday-based weekday = (day + 4) mod 7.
  const start = today - ((today + 4) % 7) + offset * 7;
  return [start, start + 6];
}

/** The calendar periods of the date literals: the range `offset` periods from today's. */
const PERIODS: Record<string, (today: number, offset: number) => DayRange> = {
  WEEK: week,
  MONTH: month,
  QUARTER: quarter,
  YEAR: year
};
const OFFSETS: Record<string, number> = { THIS: 0, LAST: -1, NEXT: 1 };

/**
 * The range of a literal over calendar periods: THIS_, LAST_ or NEXT_<period>; LAST_N_ or
 * NEXT_N_<period>S (the N whole periods before or after the current one); N_<period>S_AGO (not
 * for quarters). Null for any other literal. `n` is the literal's N, checked.
 */
function periodRange(name: string, today: number, n: () => number): DayRange | null {
  const one = /^(THIS|LAST|NEXT)_(WEEK|MONTH|QUARTER|YEAR)$/.exec(name);
  if (one) return PERIODS[one[2]](today, OFFSETS[one[1]]);
  const many = /^(LAST|NEXT)_N_(WEEK|MONTH|QUARTER|YEAR)S$/.exec(name);
  if (many) {
    const of = PERIODS[many[2]];
    return many[1] === 'LAST'
      ? [of(today, -n())[0], of(today, -1)[1]]
      : [of(today, 1)[0], of(today, n())[1]];
  }
  const ago = /^N_(WEEK|MONTH|YEAR)S_AGO$/.exec(name);
  return ago ? PERIODS[ago[1]](today, -n()) : null;
}

/** The range a date literal (TODAY, LAST_N_DAYS:30, THIS_QUARTER ...) covers on `now`. */
export function dateLiteralRange(literal: string, now: Date): DayRange {
  const today = Math.floor(now.getTime() / DAY);
  const [name, arg] = literal.toUpperCase().split(':');
  const n = arg === undefined ? NaN : Number(arg);
  const needsN = () => {
    if (!Number.isInteger(n) || n < 0) {
      throw new ApiError(400, 'MALFORMED_QUERY', `Invalid date literal value: ${literal}`);
    }
    return n;
  };
  const period = periodRange(name, today, needsN);
  if (period) return period;
  switch (name) {
    case 'TODAY':
      return [today, today];
    case 'YESTERDAY':
      return [today - 1, today - 1];
    case 'TOMORROW':
      return [today + 1, today + 1];
    case 'LAST_90_DAYS':
      return [today - 90, today];
    case 'NEXT_90_DAYS':
      return [today + 1, today + 90];
    case 'LAST_N_DAYS':
      return [today - needsN(), today];
    case 'NEXT_N_DAYS':
      return [today + 1, today + needsN()];
    case 'N_DAYS_AGO':
      return [today - needsN(), today - needsN()];
    default:
      // Fiscal literals need the org's fiscal year settings, which the local org does not have.
      throw new ApiError(
        400,
        'MALFORMED_QUERY',
        name.includes('FISCAL')
          ? `Unsupported in the local org: date literal ${literal}`
          : `Invalid date literal: ${literal}`
      );
  }
}

/** A day number as `YYYY-MM-DD`. */
export function dayString(day: number): string {
  return new Date(day * DAY).toISOString().slice(0, 10);
}

/** Date functions of SOQL (GROUP BY, WHERE, aggregate SELECT): the value as a number or date. */
export const DATE_FUNCTIONS: Record<string, { datetimeOnly?: boolean; date?: boolean }> = {
  CALENDAR_YEAR: {},
  CALENDAR_QUARTER: {},
  CALENDAR_MONTH: {},
  DAY_IN_MONTH: {},
  DAY_IN_WEEK: {},
  DAY_IN_YEAR: {},
  WEEK_IN_MONTH: {},
  WEEK_IN_YEAR: {},
  HOUR_IN_DAY: { datetimeOnly: true },
  DAY_ONLY: { datetimeOnly: true, date: true }
};

/** Applies a date function to a normalized date (`YYYY-MM-DD`) or datetime (UTC, 23 chars). */
export function applyDateFunction(fn: string, value: string | null): number | string | null {
  if (value === null) return null;
  const y = Number(value.slice(0, 4));
  const m = Number(value.slice(5, 7));
  const d = Number(value.slice(8, 10));
  switch (fn) {
    case 'CALENDAR_YEAR':
      return y;
    case 'CALENDAR_QUARTER':
      return Math.floor((m - 1) / 3) + 1;
    case 'CALENDAR_MONTH':
      return m;
    case 'DAY_IN_MONTH':
      return d;
    case 'DAY_IN_WEEK': {
      // 1 = Sunday ... 7 = Saturday; 1970-01-01 was a Thursday (5).
      const day = dayNumber(value);
      return ((((day + 4) % 7) + 7) % 7) + 1;
    }
    case 'DAY_IN_YEAR':
      return dayNumber(value) - dayOf(y, 0) + 1;
    case 'WEEK_IN_MONTH':
      return Math.floor((d - 1) / 7) + 1;
    case 'WEEK_IN_YEAR':
      return Math.floor((dayNumber(value) - dayOf(y, 0)) / 7) + 1;
    case 'HOUR_IN_DAY':
      return Number(value.slice(11, 13));
    case 'DAY_ONLY':
      return value.slice(0, 10);
    default:
      return null;
  }
}

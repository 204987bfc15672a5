import { addDays, daysBetween, toUtcDate } from '../../scripts/engine';
import * as dates from '../../scripts/engine/dates';

describe('dates', () => {
  // First in the file, before any date argument was accepted: a missing date is refused even
  // when nothing was remembered yet (the remembered asOf starts out undefined).
  it('refuses a missing required date on the first call', () => {
    expect(() => dates.requireDay(undefined, 'asOf')).toThrow(
      "asOf must be a 'YYYY-MM-DD' date or an ISO datetime, got undefined"
    );
  });

  it('reads dates and counts datetimes on their UTC day', () => {
    expect(toUtcDate('2024-02-29')).toBe('2024-02-29');
    expect(toUtcDate('2024-02-29T23:30:00.000Z')).toBe('2024-02-29');
    expect(toUtcDate('2024-02-29T23:30:00.000+0000')).toBe('2024-02-29');
    // 00:30 at +02:00 is 22:30 UTC the day before.
    expect(toUtcDate('2024-03-01T00:30:00+02:00')).toBe('2024-02-29');
    // 21:30 at -03:00 is 00:30 UTC the next day.
    expect(toUtcDate('2024-02-28T21:30:00-0300')).toBe('2024-02-29');
    expect(toUtcDate('2024-02-28T21:30-03')).toBe('2024-02-29');
    expect(toUtcDate('2024-12-31T23:59:59.999999Z')).toBe('2024-12-31');
    expect(toUtcDate('  2024-01-05  ')).toBe('2024-01-05');
    expect(toUtcDate('2024-01-05 10:00:00')).toBe('2024-01-05');
  });

  it('treats blank, malformed and impossible dates as no date', () => {
    for (const v of [
      null,
      undefined,
      '',
      '   ',
      'tomorrow',
      '2023-02-29',
      '2024-13-01',
      '2024-04-31',
      '2024-02-30',
      '2024-1-5',
      '2024-01-05T25:00:00Z',
      '2024-01-05T10:00:00+99:00',
      '2024-01-05X',
      20240105
    ]) {
      expect(toUtcDate(v)).toBeNull();
    }
  });

  it('counts whole days across leap days and year ends', () => {
    expect(daysBetween('2024-02-28', '2024-03-01')).toBe(2);
    expect(daysBetween('2023-02-28', '2023-03-01')).toBe(1);
    expect(daysBetween('2023-03-03', '2024-03-03')).toBe(366);
    expect(daysBetween('2024-03-01', '2024-02-28')).toBe(-2);
    expect(daysBetween('2024-12-31T23:00:00Z', '2025-01-01T00:00:00+01:00')).toBe(0);
    expect(daysBetween(null, '2024-01-01')).toBeNull();
    expect(dates.toDayNumber('1970-01-01')).toBe(0);
    expect(dates.toDayNumber('1969-12-31T23:59:59Z')).toBe(-1);
    expect(dates.toDayNumber('2000-03-01')).toBe(11017);
  });

  it('adds days and refuses a non-date', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2024-02-29', 1)).toBe('2024-03-01');
    expect(addDays('2024-03-01T01:00:00+02:00', -1)).toBe('2024-02-28');
    expect(() => addDays('soon', 1)).toThrow("date must be a 'YYYY-MM-DD' date");
  });
});

// Day numbers worked out by hand: 1970-01-01 is day 0; 2024-01-01 is 54 × 365 days plus the 13
// leap days 1972…2020 = 19723; 1900-01-01 is −(70 × 365 + 17 leap days 1904…1968) = −25567;
// 0000-01-01 is −(1970 × 365 + 478 leap days: 493 multiples of 4 in 0…1968, less the 15
// centuries not divisible by 400) = −719528; 9999-12-31 is 8030 × 365 + 1947 leap days − 1 =
// 2932896.
describe('dates at their edges', () => {
  it('reads and writes days across eras, centuries and years before 1000', () => {
    expect(dates.toDayNumber('0000-01-01')).toBe(-719528);
    expect(dates.toDayNumber('0000-02-29')).toBe(-719528 + 31 + 28); // year 0 is a leap year
    expect(dates.toDayNumber('0000-03-01')).toBe(-719528 + 31 + 29);
    expect(dates.toDayNumber('1900-03-01')).toBe(-25567 + 31 + 28); // 1900 is not a leap year
    expect(dates.toDayNumber('2000-02-29')).toBe(11016); // the day before 2000-03-01 (11017)
    expect(dates.toDayNumber('9999-12-31')).toBe(2932896);
    // Each date written back as read: the last day of an era (2000-02-29), the turn of
    // centuries, years with leading zeros.
    for (const d of [
      '0000-01-01',
      '0000-02-29',
      '0000-03-01',
      '0024-01-05',
      '0999-12-31',
      '1000-01-01',
      '1600-02-29',
      '1700-03-01',
      '1899-12-31',
      '1900-02-28',
      '1900-03-01',
      '1970-01-01',
      '1999-12-31',
      '2000-02-29',
      '2000-03-01',
      '2100-02-28',
      '2100-03-01',
      '9999-12-31'
    ]) {
      expect(toUtcDate(d)).toBe(d);
    }
    expect(toUtcDate('1900-02-29')).toBeNull(); // divisible by 100, not by 400
  });

  it('refuses a non-digit in any digit place and a wrong separator', () => {
    for (const v of [
      ':024-01-05', // ':' is the character after '9'
      'X024-01-05',
      '20X4-01-05',
      '2024-00-05',
      '2024-01-00',
      '2024-01-0:',
      '2024-01-1/', // '/' is the character before '0'
      '2024/01/05',
      '2024/01-05',
      '2024-01/05',
      '2024-02-30T10:00:00Z',
      '2024-01-05X10:00',
      '2024-01-05T10-00Z',
      '2024-01-05TX0:00Z',
      '2024-01-05T10:X0Z',
      '2024-01-05T10:60Z',
      '2024-01-05T10:00:60Z',
      '2024-01-05T10:00:X0Z',
      '2024-01-05T10:00:00.Z', // a decimal point with no digit
      '2024-01-05T10:00:00.5x',
      '2024-01-05T10:00:00Zx',
      '2024-01-05T10:00:00x05',
      '2024-01-05T10:00:00+053',
      '2024-01-05T10:00:00+05:300',
      '2024-01-05T10:00:00+05x30',
      '2024-01-05T10:00:00+X5:00',
      '2024-01-05T10:00:00+24:00',
      '2024-01-05T10:00:00+05:X0',
      '2024-01-05T10:00:00+05:60'
    ]) {
      expect([v, dates.toDayNumber(v)]).toEqual([v, null]);
    }
    expect(toUtcDate('1999-12-31')).toBe('1999-12-31'); // a 9 in first place of a pair
  });

  it('counts seconds, offsets, a lower-case z and one-sided spaces', () => {
    // 2024-01-05 is day 19727: 19727 × 86400 = 1,704,412,800 s.
    const jan5 = 1_704_412_800;
    expect(dates.toEpochSeconds('2024-01-05')).toBe(jan5);
    expect(dates.toEpochSeconds('1970-01-01T00:00:30Z')).toBe(30);
    expect(dates.toEpochSeconds('1970-01-01T00:00')).toBe(0);
    expect(dates.toEpochSeconds('2024-01-05T10:00:00z')).toBe(jan5 + 36_000);
    // 05:20 at +05:30 is 23:50 UTC the day before; 01:00:00.5 at +05:30 is 19:30 UTC.
    expect(toUtcDate('2024-03-01T05:20:00+05:30')).toBe('2024-02-29');
    expect(toUtcDate('2024-03-01T01:00:00.5+05:30')).toBe('2024-02-29');
    expect(dates.toEpochSeconds('2024-01-05T05:20:00+0530')).toBe(jan5 - 10 * 60);
    // A decimal fraction, then the offset: 00:30 at +02:00 is 22:30 UTC the day before.
    expect(toUtcDate('2024-03-01T00:30:00.000+02:00')).toBe('2024-02-29');
    // 22:00 at +23:00 is 23:00 UTC the day before; 23:59 with no zone is UTC.
    expect(toUtcDate('2024-01-05T22:00:00+23:00')).toBe('2024-01-04');
    expect(toUtcDate('2024-01-05T23:59')).toBe('2024-01-05');
    expect(dates.toEpochSeconds('2024-01-05T00:00:00-00:59')).toBe(jan5 + 59 * 60);
    // Leading or trailing white space alone is trimmed too.
    expect(dates.toEpochSeconds(' 2024-01-05T00:00:00Z')).toBe(jan5);
    expect(dates.toEpochSeconds('2024-01-05T00:00:00Z ')).toBe(jan5);
    expect(dates.toEpochSeconds('\t2024-01-05')).toBe(jan5);
    expect(dates.toEpochSeconds('2024-01-0')).toBeNull();
    expect(daysBetween('2024-01-01', null)).toBeNull();
  });

  it('reads a record field again when its value changed in place', () => {
    const r: Record<string, unknown> = { CloseDate: '2024-01-01', LastActivityDate: '2024-01-05' };
    expect(dates.recordDay(r, 'CloseDate')).toBe(19723);
    expect(dates.recordDay(r, 'LastActivityDate')).toBe(19727);
    expect(dates.recordDay(r, 'CloseDate')).toBe(19723);
    r.CloseDate = '2024-01-02';
    expect(dates.recordDay(r, 'CloseDate')).toBe(19724);
    expect(dates.recordDay({ CloseDate: '2024-01-05' }, 'CloseDate')).toBe(19727);
  });
});

describe('day numbers as text', () => {
  it('formats a day number as its date, and the remembered form agrees', () => {
    // Day 0 is 1970-01-01; day -1 is 1969-12-31; 2024-02-29 is 54 years of 365 days plus 13
    // leap days (1972 … 2020) plus 31 + 28 days into 2024: 19,710 + 13 + 59 = 19,782.
    // Year 1 (0001-01-01) is 719,162 days before 1970: 1,969 years × 365 + 477 leap days
    // (492 divisible by 4, less 19 centuries, plus 4 divisible by 400).
    const cases: [number, string][] = [
      [0, '1970-01-01'],
      [-1, '1969-12-31'],
      [19_782, '2024-02-29'],
      [-719_162, '0001-01-01']
    ];
    for (const [day, text] of cases) {
      expect(dates.formatDay(day)).toBe(text);
      expect(dates.fromDayNumber(day)).toBe(text);
      expect(dates.toDayNumber(text)).toBe(day);
    }
  });
});

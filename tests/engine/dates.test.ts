import { addDays, daysBetween, toUtcDate } from '../../scripts/engine';
import { toDayNumber } from '../../scripts/engine/dates';

describe('dates', () => {
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
    expect(toDayNumber('1970-01-01')).toBe(0);
    expect(toDayNumber('1969-12-31T23:59:59Z')).toBe(-1);
    expect(toDayNumber('2000-03-01')).toBe(11017);
  });

  it('adds days and refuses a non-date', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2024-02-29', 1)).toBe('2024-03-01');
    expect(addDays('2024-03-01T01:00:00+02:00', -1)).toBe('2024-02-28');
    expect(() => addDays('soon', 1)).toThrow("date must be a 'YYYY-MM-DD' date");
  });
});

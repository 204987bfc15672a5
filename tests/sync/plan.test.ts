/**
 * The run's plan (scripts/sync/plan.ts): the days a run covers and the audience's queries,
 * worked out by hand from the calendar and the SOQL rules.
 */
import { loadConfigFile } from '../../scripts/build/load-config';
import type { CoachingConfig } from '../../scripts/engine';
import {
  audienceOf,
  audienceQueries,
  DEFAULT_AUDIENCE,
  invalidAudienceName,
  periodStartOf,
  plan,
  weekStart
} from '../../scripts/sync/plan';

const loaded = loadConfigFile();
/** The shipped config with the values the plan reads set here, so the arithmetic below is ours. */
const config: CoachingConfig = {
  ...loaded,
  periodDays: 7,
  winRateWindowDays: 365,
  risk: { ...loaded.risk, staleAfterDays: 14 }
};

describe('periods', () => {
  it('a week runs from Monday: 2026-11-16 is a Monday, 11-20 a Friday, 11-22 a Sunday', () => {
    expect(periodStartOf('2026-11-16', 7)).toBe('2026-11-16');
    expect(periodStartOf('2026-11-20', 7)).toBe('2026-11-16');
    expect(periodStartOf('2026-11-22', 7)).toBe('2026-11-16');
    expect(periodStartOf('2026-11-23', 7)).toBe('2026-11-23');
    // A time of day is ignored: the date's first 10 characters.
    expect(periodStartOf('2026-11-22T23:59:59Z', 7)).toBe('2026-11-16');
    expect(weekStart('2026-11-20')).toBe('2026-11-16');
    expect(weekStart('2026-11-23')).toBe('2026-11-23');
  });

  it('before the counting Monday 1970-01-05: the remainder is taken as positive', () => {
    // 1970-01-04 is day −1: −1 mod 7 = 6, so the period began 7 days before 1970-01-05.
    expect(periodStartOf('1970-01-04', 7)).toBe('1969-12-29');
    expect(periodStartOf('1969-12-29', 7)).toBe('1969-12-29');
    expect(periodStartOf('1969-12-28', 7)).toBe('1969-12-22');
  });

  it('periods of 14 days are counted from 1970-01-05 too', () => {
    // Day 13 → the period of day 0; day 14 → its own; day 27 (02-01) → day 14 (01-19).
    expect(periodStartOf('1970-01-18', 14)).toBe('1970-01-05');
    expect(periodStartOf('1970-01-19', 14)).toBe('1970-01-19');
    expect(periodStartOf('1970-02-01', 14)).toBe('1970-01-19');
    expect(periodStartOf('1970-02-02', 14)).toBe('1970-02-02');
  });

  it('the plan of a run as of Friday 2026-11-20', () => {
    expect(plan(config, '2026-11-20')).toEqual({
      asOf: '2026-11-20',
      periodStart: '2026-11-16',
      // Monday + 6 days.
      periodEnd: '2026-11-22',
      // 365 days ending on the scoring day: 2025-11-21 … 2026-11-20 (no 29 February between).
      windowStart: '2025-11-21',
      // The earlier of Monday − 15 (11-01) and the scoring day − 14 (11-06).
      activitiesFrom: '2026-11-01',
      // 8 weeks before Monday: 11-16 − 56 days = 09-21; 7 weeks: 09-28.
      earlierFrom: '2026-09-21',
      trendFrom: '2026-09-28',
      backfilled: false
    });
    expect(plan(config, '2026-11-20', true).backfilled).toBe(true);
  });

  it('the plan with 14-day periods and a 30-day window, as of 1970-01-20', () => {
    const fortnight = { ...config, periodDays: 14, winRateWindowDays: 30 };
    expect(plan(fortnight, '1970-01-20')).toEqual({
      asOf: '1970-01-20',
      // Day 15 → the period of day 14.
      periodStart: '1970-01-19',
      periodEnd: '1970-02-01',
      // 30 days ending on 01-20: from 1969-12-22.
      windowStart: '1969-12-22',
      // 01-19 − 15 = 01-04, earlier than 01-20 − 14 = 01-06.
      activitiesFrom: '1970-01-04',
      // 8 × 14 = 112 days before 01-19: 1969-09-29; 7 × 14 = 98: 1969-10-13.
      earlierFrom: '1969-09-29',
      trendFrom: '1969-10-13',
      backfilled: false
    });
  });
});

describe('the audience', () => {
  it('names must be API names: a letter, then letters, digits and underscores', () => {
    expect(invalidAudienceName([])).toBe('');
    expect(invalidAudienceName(['Adoption_Coach_Rep', 'b2_x'])).toBeNull();
    expect(invalidAudienceName(['Ok', '1x', 'y-z'])).toBe('1x');
    expect(invalidAudienceName(['_x'])).toBe('_x');
    expect(invalidAudienceName(['a b'])).toBe('a b');
    expect(invalidAudienceName(['ab-'])).toBe('ab-');
    expect(invalidAudienceName(['-ab'])).toBe('-ab');
  });

  it('the command line’s permission sets, else the config’s audience, else Rep and Manager', () => {
    expect(audienceOf(config, ['Sales_Team'])).toEqual({
      permissionSets: ['Sales_Team'],
      profiles: [],
      roles: []
    });
    expect(audienceOf({ ...config, audience: undefined })).toBe(DEFAULT_AUDIENCE);
    expect(DEFAULT_AUDIENCE).toEqual({
      permissionSets: ['Adoption_Coach_Rep', 'Adoption_Coach_Manager'],
      profiles: [],
      roles: []
    });
    expect(audienceOf({ ...config, audience: { profiles: ['Standard User'] } })).toEqual({
      permissionSets: [],
      profiles: ['Standard User'],
      roles: []
    });
    expect(
      audienceOf({ ...config, audience: { permissionSets: ['P'], roles: ['R'] } }, undefined)
    ).toEqual({ permissionSets: ['P'], profiles: [], roles: ['R'] });
  });

  it('one query per kind of rule, names quoted as SOQL strings', () => {
    expect(audienceQueries({ permissionSets: [], profiles: [], roles: [] })).toEqual([]);
    expect(
      audienceQueries({
        permissionSets: ['A', 'B_2'],
        // A quote and a backslash in a profile name are escaped with a backslash each.
        profiles: ["O'Brien\\Team", 'Standard User'],
        roles: ['Sales_Rep']
      })
    ).toEqual([
      [
        'audience by permission set',
        'PermissionSetAssignment',
        "SELECT AssigneeId FROM PermissionSetAssignment WHERE PermissionSet.Name IN ('A', 'B_2')"
      ],
      [
        'audience by profile',
        'User',
        "SELECT Id FROM User WHERE IsActive = true AND Profile.Name IN ('O\\'Brien\\\\Team', 'Standard User')"
      ],
      [
        'audience by role',
        'User',
        "SELECT Id FROM User WHERE IsActive = true AND UserRole.DeveloperName IN ('Sales_Rep')"
      ]
    ]);
  });

  it('refuses a permission set or role that is not an API name, naming it', () => {
    expect(() =>
      audienceQueries({ permissionSets: ['Ok', "x') OR Id != ('"], profiles: [], roles: [] })
    ).toThrow("audience: 'x') OR Id != ('' is not a permission set API name");
    expect(() =>
      audienceQueries({ permissionSets: [], profiles: [], roles: ['Sales Rep'] })
    ).toThrow("audience: 'Sales Rep' is not a role API name");
    // Profiles are names with spaces, quoted rather than refused.
    expect(
      audienceQueries({ permissionSets: [], profiles: ['Custom: Sales'], roles: [] })
    ).toHaveLength(1);
  });
});

/**
 * Plan: the days a run covers, worked out from the day it scores as and the config before
 * anything is read.
 */
import { addDays, type CoachingConfig } from '../engine';

/** Earlier periods read for the ladder trend of the sponsor's report (this one included). */
export const TREND_PERIODS = 8;

/**
 * The first day of the period that holds `day`. Periods are `periodDays` long and counted from
 * Monday 1970-01-05, so the default of 7 gives the week from Monday, the period snapshots have
 * always had. The setting is honoured rather than removed: the components already size their
 * windows in periods of config.periodDays, and the engine's rollups end a period after that many
 * days, so a sync that fixed the period at a week would disagree with both for any other value.
 */
export function periodStartOf(day: string, periodDays: number): string {
  const epochMonday = Date.UTC(1970, 0, 5) / 86_400_000;
  const n = Date.parse(`${day.slice(0, 10)}T00:00:00Z`) / 86_400_000 - epochMonday;
  return addDays('1970-01-05', n - (((n % periodDays) + periodDays) % periodDays));
}

/** Monday of the week (UTC) that contains `day`. */
export function weekStart(day: string): string {
  return periodStartOf(day, 7);
}

export interface Plan {
  /** 'YYYY-MM-DD': the day scored as. */
  asOf: string;
  periodStart: string;
  /** The period's last day. */
  periodEnd: string;
  /** First day of the win-rate window, which ends on asOf. */
  windowStart: string;
  /**
   * Activities from here on: the period's count for the rollup, and with the staleness window
   * before it each deal's last activity as of a past day, which LastActivityDate cannot give,
   * and whether an activity in the period revived a deal gone quiet.
   */
  activitiesFrom: string;
  /** Earlier periods' snapshots from here on: the previous stage of each rep and the trend. */
  earlierFrom: string;
  /** Snapshots shared (and ladder counts reported) from here on. */
  trendFrom: string;
  /**
   * An earlier period scored from the org's history by the first sync: deals as they stood then,
   * snapshots marked Backfilled__c, no deal insight written (insights are today's).
   */
  backfilled: boolean;
}

export function plan(config: CoachingConfig, asOf: string, backfilled = false): Plan {
  const periodStart = periodStartOf(asOf, config.periodDays);
  return {
    asOf,
    periodStart,
    periodEnd: addDays(periodStart, config.periodDays - 1),
    windowStart: addDays(asOf, -config.winRateWindowDays + 1),
    // The staleness window before the period's first day: an activity in the period on a deal
    // quiet for longer is a fix the data shows (engine addDealFixes).
    activitiesFrom: [
      addDays(periodStart, -config.risk.staleAfterDays - 1),
      addDays(asOf, -config.risk.staleAfterDays)
    ].sort()[0],
    earlierFrom: addDays(periodStart, -TREND_PERIODS * config.periodDays),
    trendFrom: addDays(periodStart, -(TREND_PERIODS - 1) * config.periodDays),
    backfilled
  };
}

/** The first name in `names` that is not a permission set API name, or null when all are. */
export function invalidAudienceName(names: readonly string[]): string | null {
  if (names.length === 0) return '';
  return names.find((n) => !/^[A-Za-z][A-Za-z0-9_]*$/.test(n)) ?? null;
}

/** Who the rollout is for: the holders of the permission sets, the users of the profiles and roles. */
export interface Audience {
  permissionSets: readonly string[];
  profiles: readonly string[];
  roles: readonly string[];
}

/** The audience when the config names none: the holders of the Rep and Manager permission sets. */
export const DEFAULT_AUDIENCE: Audience = {
  permissionSets: ['Adoption_Coach_Rep', 'Adoption_Coach_Manager'],
  profiles: [],
  roles: []
};

/**
 * The audience of a run: the permission sets given on the command line, else the config's
 * audience, else the holders of the Rep and Manager permission sets.
 */
export function audienceOf(config: CoachingConfig, permissionSets?: readonly string[]): Audience {
  if (permissionSets) return { permissionSets, profiles: [], roles: [] };
  const a = config.audience;
  if (!a) return DEFAULT_AUDIENCE;
  return {
    permissionSets: a.permissionSets ?? [],
    profiles: a.profiles ?? [],
    roles: a.roles ?? []
  };
}

/**
 * The audience's queries, one per kind of rule it names, each returning user ids: permission set
 * holders (AssigneeId), users of a profile or of a role (Id). Names are API names (refused
 * otherwise) or, for profiles, quoted as SOQL string literals.
 */
export function audienceQueries(a: Audience): [label: string, object: string, soql: string][] {
  const bad = a.permissionSets.length ? invalidAudienceName(a.permissionSets) : null;
  if (bad !== null) throw new Error(`audience: '${bad}' is not a permission set API name`);
  const badRole = a.roles.length ? invalidAudienceName(a.roles) : null;
  if (badRole !== null) throw new Error(`audience: '${badRole}' is not a role API name`);
  const list = (names: readonly string[]) => names.map(soqlString).join(', ');
  const queries: [string, string, string][] = [];
  if (a.permissionSets.length)
    queries.push([
      'audience by permission set',
      'PermissionSetAssignment',
      `SELECT AssigneeId FROM PermissionSetAssignment WHERE PermissionSet.Name IN (${list(a.permissionSets)})`
    ]);
  if (a.profiles.length)
    queries.push([
      'audience by profile',
      'User',
      `SELECT Id FROM User WHERE IsActive = true AND Profile.Name IN (${list(a.profiles)})`
    ]);
  if (a.roles.length)
    queries.push([
      'audience by role',
      'User',
      `SELECT Id FROM User WHERE IsActive = true AND UserRole.DeveloperName IN (${list(a.roles)})`
    ]);
  return queries;
}

/**
 * A SOQL string literal: backslash and single quote escaped, as SOQL's quoted-string escapes say:
 * https://developer.salesforce.com/docs/atlas.en-us.soql_sosl.meta/soql_sosl/sforce_api_calls_soql_select_quotedstringescapes.htm
 */
function soqlString(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

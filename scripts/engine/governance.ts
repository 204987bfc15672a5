/**
 * The governance view: what the sponsor's governance page and the governance report show, from
 * the rows both read from the org (members, meetings, roadblocks, 1:1s, the teams' stored
 * rollups of this week and the week before, and this week's measure counts). One function for both hosts, so the page and the report cannot
 * disagree about the same week.
 */
import type { BrowserConfig } from './browser-config';
import type { CoachingConfig, RiskFlag } from './config-types';
import type { GovernanceConfig, ObjectiveMeasure } from './governance-schema';
import { addDays, requireDay, toDayNumber } from './dates';
import type { DecodedRollup } from './records';
import type { DealScore } from './types';
import { compareText, round1 } from './values';

/** Parts of the governance group: the sponsor, the programme lead and one expert of each kind. */
export const GOVERNANCE_PARTS = ['Sponsor', 'Lead', 'People', 'Process', 'Technology'] as const;
export type GovernancePart = (typeof GOVERNANCE_PARTS)[number];

/** Governance_Member__c as read (User__r.Name flattened to UserName). */
export interface MemberRow {
  Id: string;
  User__c: string | null;
  UserName?: string | null;
  Part__c: string | null;
  Active__c?: boolean | null;
}

/** Governance_Meeting__c as read. */
export interface MeetingRow {
  Id: string;
  Meeting_Date__c: string | null;
  Status__c: string | null;
}

/** Roadblock__c as read (owner's and blocked team manager's names flattened). */
export interface RoadblockRow {
  Id: string;
  Name?: string | null;
  Subject__c: string | null;
  OwnerId: string | null;
  OwnerName?: string | null;
  Status__c: string | null;
  Blocked_Team__c?: string | null;
  BlockedTeamName?: string | null;
  Blocked_Rule__c?: string | null;
  Raised_On__c: string | null;
  Due_Date__c?: string | null;
}

/** Coaching_Session__c as read, with the rep's manager now (Rep__r.ManagerId). */
export interface SessionRow {
  Manager__c: string | null;
  Rep__c: string | null;
  Session_Date__c: string | null;
  RepManagerId?: string | null;
}

/** The team rollups read: Adoption_Rollup__c rows decoded by the engine's decodeRollup. */
export type RollupRow = Pick<DecodedRollup, 'scope' | 'managerId' | 'periodStart' | 'users'> & {
  tippingPointPct: number | null;
};

/** Governance_Measure__c as read: a measure's counts for one week. */
export interface MeasureRow {
  Measure__c: string | null;
  Period_Start__c: string | null;
  Met__c: number | null;
  Counted__c: number | null;
}

export interface GovernanceInput {
  /** The day the view is for (YYYY-MM-DD). */
  asOf: string;
  /**
   * Start of the week shown (the rollups' and measures' Period_Start__c); null: the latest
   * Period_Start__c of the rollups (else of the measures) on or before asOf.
   */
  periodStart: string | null;
  members: readonly MemberRow[];
  meetings: readonly MeetingRow[];
  roadblocks: readonly RoadblockRow[];
  /**
   * Closed roadblocks when `roadblocks` holds only the open ones (a count query); otherwise
   * those among `roadblocks` are counted.
   */
  closedRoadblocks?: number;
  /** 1:1s; those outside the coaching window are left out here. */
  sessions: readonly SessionRow[];
  /**
   * The stored rollups (Adoption_Rollup__c) of the week shown and of the week before; the
   * teams' (Scope__c Team) are read, the org's left out.
   */
  rollups: readonly RollupRow[];
  measures: readonly MeasureRow[];
  /** User id → name, for managers. */
  names?: Readonly<Record<string, string>>;
}

export interface ManagerCoaching {
  managerId: string;
  name: string;
  /** 1:1s held in the window (asOf − coachingWindowDays, asOf]. */
  sessions: number;
  /** Reps in the manager's team this week (the team rollup's audience size). */
  reps: number;
  /**
   * Reps who had at least one 1:1 with the manager in the window and report to the manager
   * (Rep__r.ManagerId), at most `reps`.
   */
  covered: number;
  /** covered ÷ reps × 100 to one decimal; null with no rep. */
  coveredPct: number | null;
  tippingPointPct: number | null;
  previousTippingPointPct: number | null;
  /** Change of the tipping point since the week before, one decimal; null if either is null. */
  climb: number | null;
}

export interface MeasureFigure {
  id: string;
  /** The rule id or risk flag measured. */
  source: { rule: string } | { flag: string };
  targetPct: number;
  recognition: string;
  met: number | null;
  counted: number | null;
  /** met ÷ counted × 100, one decimal; null when nothing was counted this week. */
  pct: number | null;
  reached: boolean;
}

export interface GovernanceView {
  asOf: string;
  /** The week shown; null when no snapshot or measure row was given. */
  periodStart: string | null;
  members: { id: string; userId: string | null; name: string; part: GovernancePart }[];
  /** Parts with no active member, in GOVERNANCE_PARTS order. */
  gaps: GovernancePart[];
  cadence: {
    lastMeeting: string | null;
    nextMeeting: string | null;
    daysSinceLast: number | null;
    everyDays: number;
    /** No meeting held yet, or more than everyDays since the last one. */
    overdue: boolean;
  };
  /** Roadblocks not Closed, due date first (none last), then raised date. */
  openRoadblocks: (RoadblockRow & { overdue: boolean })[];
  closedRoadblocks: number;
  /** Days of the coaching window the managers' 1:1s are counted in. */
  coachingWindowDays: number;
  managers: ManagerCoaching[];
  objectives: {
    id: string;
    label: string;
    behaviours: { id: string; label: string; measures: MeasureFigure[] }[];
  }[];
}

/** Defaults when the config has no governance section: no map, no paths. */
export const DEFAULT_GOVERNANCE: GovernanceConfig = {
  meetingEveryDays: 91,
  coachingWindowDays: 30,
  objectives: [],
  training: { paths: [], remedial: {}, newHire: '', newHireDays: 30 }
};

const pctOf = (n: number, d: number) => (d === 0 ? null : round1((100 * n) / d));

function isPart(v: unknown): v is GovernancePart {
  return (GOVERNANCE_PARTS as readonly unknown[]).includes(v);
}

/** The latest Period_Start__c on or before asOf among the team rollups, else the measures. */
function latestPeriod(input: GovernanceInput, asOfDay: number): string | null {
  const weeks = [
    input.rollups.filter((r) => r.scope === 'Team').map((r) => r.periodStart),
    input.measures.map((m) => m.Period_Start__c)
  ];
  for (const starts of weeks) {
    let latest: string | null = null;
    for (const start of starts) {
      const day = toDayNumber(start);
      if (day === null || day > asOfDay) continue;
      const p = start!.slice(0, 10);
      if (latest === null || p > latest) latest = p;
    }
    if (latest !== null) return latest;
  }
  return null;
}

function measureFigure(m: ObjectiveMeasure, row: MeasureRow | undefined): MeasureFigure {
  const met = row?.Met__c ?? null;
  const counted = row?.Counted__c ?? null;
  const pct = met === null || counted === null ? null : pctOf(met, counted);
  return {
    id: m.id,
    source: 'rule' in m ? { rule: m.rule } : { flag: m.flag },
    targetPct: m.targetPct,
    recognition: m.recognition,
    met,
    counted,
    pct,
    reached: pct !== null && pct >= m.targetPct
  };
}

/** The last Held meeting on or before asOf, the next Planned one on or after it, and the gap. */
function meetingCadence(
  meetings: readonly MeetingRow[],
  asOfDay: number,
  everyDays: number
): GovernanceView['cadence'] {
  let last: string | null = null;
  let next: string | null = null;
  for (const m of meetings) {
    const day = toDayNumber(m.Meeting_Date__c);
    if (day === null) continue;
    const date = m.Meeting_Date__c!.slice(0, 10);
    if (m.Status__c === 'Held' && day <= asOfDay && (last === null || date > last)) last = date;
    if (m.Status__c === 'Planned' && day >= asOfDay && (next === null || date < next)) next = date;
  }
  const daysSinceLast = last === null ? null : asOfDay - (toDayNumber(last) as number);
  return {
    lastMeeting: last,
    nextMeeting: next,
    daysSinceLast,
    everyDays,
    overdue: daysSinceLast === null || daysSinceLast > everyDays
  };
}

/**
 * Each manager with a team in the week: 1:1s in the window (the `windowDays` days up to asOf),
 * reps covered, the team's climb.
 */
function managerCoaching(
  config: BrowserConfig,
  input: GovernanceInput,
  periodStart: string | null,
  asOfDay: number,
  windowDays: number
): ManagerCoaching[] {
  const names = input.names ?? {};
  const previousStart = periodStart === null ? null : addDays(periodStart, -config.periodDays);
  const thisWeek = new Map<string, RollupRow>();
  const lastWeek = new Map<string, RollupRow>();
  for (const r of input.rollups) {
    if (r.scope !== 'Team' || !r.managerId) continue;
    const week = r.periodStart?.slice(0, 10);
    const target = week === periodStart ? thisWeek : week === previousStart ? lastWeek : null;
    if (target) target.set(r.managerId, r);
  }
  const fromDay = asOfDay - windowDays + 1;
  const sessionsBy = new Map<string, { count: number; reps: Set<string> }>();
  for (const s of input.sessions) {
    const day = toDayNumber(s.Session_Date__c);
    if (!s.Manager__c || day === null || day < fromDay || day > asOfDay) continue;
    const entry = sessionsBy.get(s.Manager__c) ?? { count: 0, reps: new Set<string>() };
    entry.count++;
    if (s.Rep__c && s.RepManagerId === s.Manager__c) entry.reps.add(s.Rep__c);
    sessionsBy.set(s.Manager__c, entry);
  }
  const managers: ManagerCoaching[] = [...thisWeek].map(([managerId, team]) => {
    const held = sessionsBy.get(managerId);
    const covered = Math.min(held?.reps.size ?? 0, team.users);
    const now = team.tippingPointPct;
    const before = lastWeek.get(managerId)?.tippingPointPct ?? null;
    return {
      managerId,
      name: names[managerId] ?? managerId,
      sessions: held?.count ?? 0,
      reps: team.users,
      covered,
      coveredPct: pctOf(covered, team.users),
      tippingPointPct: now,
      previousTippingPointPct: before,
      climb: now === null || before === null ? null : round1(now - before)
    };
  });
  managers.sort((a, b) => compareText(a.name, b.name) || compareText(a.managerId, b.managerId));
  return managers;
}

/**
 * The governance view for the week starting `periodStart`, as of `asOf`:
 * - members with their part; a gap is a part (sponsor, lead, people, process, technology) with
 *   no active member;
 * - cadence: the last Held meeting on or before asOf and the next Planned one on or after it;
 *   overdue when none was held or more than governance.meetingEveryDays days have passed;
 * - open roadblocks (status not Closed), overdue when their due date is before asOf;
 * - per manager with a team rollup this week: 1:1s held in the last coachingWindowDays days
 *   (asOf included), the share of the team's reps covered, and the team's tipping point this
 *   week and the week before, as the sync stored them (Adoption_Rollup__c, from rollupTeam);
 * - the objective map with each measure's figure for the week (Governance_Measure__c).
 */
export function buildGovernanceView(config: BrowserConfig, input: GovernanceInput): GovernanceView {
  const g = config.governance ?? DEFAULT_GOVERNANCE;
  const asOfDay = requireDay(input.asOf, 'asOf');
  const periodStart = input.periodStart ?? latestPeriod(input, asOfDay);
  if (periodStart !== null) requireDay(periodStart, 'periodStart');

  const members = input.members
    .filter((m) => m.Active__c !== false && isPart(m.Part__c))
    .map((m) => ({
      id: m.Id,
      userId: m.User__c,
      name: m.UserName ?? m.User__c ?? '',
      part: m.Part__c as GovernancePart
    }))
    .sort(
      (a, b) =>
        GOVERNANCE_PARTS.indexOf(a.part) - GOVERNANCE_PARTS.indexOf(b.part) ||
        compareText(a.name, b.name)
    );
  const gaps = GOVERNANCE_PARTS.filter((p) => !members.some((m) => m.part === p));

  const cadence = meetingCadence(input.meetings, asOfDay, g.meetingEveryDays);

  const open = input.roadblocks
    .filter((r) => r.Status__c !== 'Closed')
    .map((r) => {
      const due = toDayNumber(r.Due_Date__c);
      return { ...r, overdue: due !== null && due < asOfDay };
    })
    .sort(
      (a, b) =>
        (a.Due_Date__c ? 0 : 1) - (b.Due_Date__c ? 0 : 1) ||
        compareText(a.Due_Date__c, b.Due_Date__c) ||
        compareText(a.Raised_On__c, b.Raised_On__c) ||
        compareText(a.Id, b.Id)
    );

  const managers = managerCoaching(config, input, periodStart, asOfDay, g.coachingWindowDays);

  const figures = new Map<string, MeasureRow>();
  for (const m of input.measures) {
    if (m.Measure__c && m.Period_Start__c === periodStart) figures.set(m.Measure__c, m);
  }
  const objectives = g.objectives.map((o) => ({
    id: o.id,
    label: o.label,
    behaviours: o.behaviours.map((b) => ({
      id: b.id,
      label: b.label,
      measures: b.measures.map((m) => measureFigure(m, figures.get(m.id)))
    }))
  }));

  return {
    asOf: input.asOf,
    periodStart,
    members,
    gaps,
    cadence,
    openRoadblocks: open,
    closedRoadblocks: input.closedRoadblocks ?? input.roadblocks.length - open.length,
    coachingWindowDays: g.coachingWindowDays,
    managers,
    objectives
  };
}

/** Counts of each measure of the objective map over a week's open deals (sync side). */
export interface MeasureTally {
  readonly measures: readonly ObjectiveMeasure[];
  readonly met: number[];
  counted: number;
}

/** Starts the counts of every measure in the config's objective map. */
export function createMeasureTally(config: CoachingConfig): MeasureTally {
  const measures = (config.governance ?? DEFAULT_GOVERNANCE).objectives.flatMap((o) =>
    o.behaviours.flatMap((b) => b.measures)
  );
  return { measures, met: measures.map(() => 0), counted: 0 };
}

/**
 * Folds in a scored deal. Only open deals count. A deal meets a rule measure when the rule did
 * not cost it points (a rule that does not apply yet, e.g. a next step before its stage, costs
 * none), and a flag measure when the deal does not carry the flag.
 */
export function tallyDeal(tally: MeasureTally, score: DealScore): void {
  if (score.risk.status !== 'open') return;
  tally.counted++;
  tally.measures.forEach((m, i) => {
    const meets =
      'rule' in m
        ? !score.completeness.items.some((item) => item.ruleId === m.rule)
        : !score.risk.flags.includes(m.flag as RiskFlag);
    if (meets) tally.met[i]++;
  });
}

/** The Governance_Measure__c rows of the week starting `periodStart`. */
export function measureRecords(
  tally: MeasureTally,
  periodStart: string
): (MeasureRow & { Measure_Key__c: string })[] {
  requireDay(periodStart, 'periodStart');
  return tally.measures.map((m, i) => ({
    Measure_Key__c: `${m.id}:${periodStart}`,
    Measure__c: m.id,
    Period_Start__c: periodStart,
    Met__c: tally.met[i],
    Counted__c: tally.counted
  }));
}

// The governance view and the measure tally, case by case: each expected value below is worked
// out by hand from the shipped config (tests/engine/helpers.ts) and the rows given, as the
// comments say. The shipped config: periodDays 7; governance.meetingEveryDays 91,
// coachingWindowDays 30; five measures in map order DecisionMakerKnown (flag
// NO_DECISION_MAKER, 80 %), BuyersNamed (flag NO_CONTACT_ROLE, 90 %), NextStepAgreed (rule
// opp-next-step, 85 %), DealsTouched (flag STALE, 80 %), CloseDateCurrent (rule opp-close-date,
// 90 %).
import {
  buildGovernanceView,
  createMeasureTally,
  measureRecords,
  tallyDeal,
  type GovernanceInput,
  type RollupRow
} from '../../scripts/engine/governance';
import type { CoachingConfig, DealScore } from '../../scripts/engine';
import { config, configCopy } from './helpers';

/** The view as of Wednesday 2026-11-25 for the week of Monday 2026-11-23, from `over`'s rows. */
function viewOf(over: Partial<GovernanceInput> = {}, cfg: CoachingConfig = config) {
  return buildGovernanceView(cfg, {
    asOf: '2026-11-25',
    periodStart: '2026-11-23',
    members: [],
    meetings: [],
    roadblocks: [],
    sessions: [],
    rollups: [],
    measures: [],
    ...over
  });
}

const team = (
  managerId: string | null,
  periodStart: string | null,
  users: number,
  tippingPointPct: number | null
): RollupRow => ({ scope: 'Team', managerId, periodStart, users, tippingPointPct });

const session = (
  manager: string | null,
  rep: string | null,
  day: string | null,
  repManager: string | null
) => ({ Manager__c: manager, Rep__c: rep, Session_Date__c: day, RepManagerId: repManager });

/** The shipped config without its governance section. */
function withoutGovernance(): CoachingConfig {
  const c = configCopy();
  delete c.governance;
  return c;
}

const DATE_ERROR = "must be a 'YYYY-MM-DD' date or an ISO datetime, got";

describe('the governance view, case by case', () => {
  it('refuses an asOf or a week that is not a date, naming which', () => {
    // November has 30 days; 2026 is no leap year.
    expect(() => viewOf({ asOf: '2026-11-31' })).toThrow(`asOf ${DATE_ERROR} "2026-11-31"`);
    expect(() => viewOf({ periodStart: 'week 48' })).toThrow(`periodStart ${DATE_ERROR} "week 48"`);
    expect(() => measureRecords(createMeasureTally(config), '2026-02-30')).toThrow(
      `periodStart ${DATE_ERROR} "2026-02-30"`
    );
  });

  it('shows no week and no manager when there is neither a rollup nor a measure row', () => {
    const v = viewOf({ periodStart: null });
    expect([v.periodStart, v.managers]).toEqual([null, []]);
  });

  it("without a week given, takes the teams' latest week on or before asOf, read as a date", () => {
    const rollups = [
      team('mgrA', '2026-11-09', 2, 50),
      // Stored as a datetime: the week of 2026-11-16.
      team('mgrA', '2026-11-16T00:00:00.000Z', 3, 66.7),
      // No week: neither counted nor shown.
      team('mgrA', null, 9, 0),
      // After asOf.
      team('mgrA', '2026-11-30', 5, 80),
      // The org's rollup is no team's, though its week is later.
      { scope: 'Org', managerId: null, periodStart: '2026-11-23', users: 6, tippingPointPct: 20 }
    ] satisfies RollupRow[];
    // A measure row of a later week: the teams' weeks come first.
    const measures = [
      { Measure__c: 'DealsTouched', Period_Start__c: '2026-11-23', Met__c: 1, Counted__c: 2 }
    ];
    const v = viewOf({ periodStart: null, rollups, measures });
    expect(v.periodStart).toBe('2026-11-16');
    // The week before is 2026-11-09 (7 days back): 66.7 − 50 = 16.7.
    expect(
      v.managers.map((m) => [
        m.managerId,
        m.reps,
        m.tippingPointPct,
        m.previousTippingPointPct,
        m.climb
      ])
    ).toEqual([['mgrA', 3, 66.7, 50, 16.7]]);
    // On 2026-11-16 itself that week is shown (on or before asOf).
    expect(viewOf({ asOf: '2026-11-16', periodStart: null, rollups, measures }).periodStart).toBe(
      '2026-11-16'
    );
  });

  it("without a team rollup, takes the measures' latest week on or before asOf", () => {
    const measure = (week: string | null) => ({
      Measure__c: 'DealsTouched',
      Period_Start__c: week,
      Met__c: 1,
      Counted__c: 2
    });
    const v = viewOf({
      periodStart: null,
      rollups: [
        { scope: 'Org', managerId: null, periodStart: '2026-11-23', users: 6, tippingPointPct: 20 },
        team('mgrA', null, 2, 0)
      ],
      // 2026-11-30 is after asOf; the row with no week is left out.
      measures: [measure('2026-11-09'), measure('2026-11-30'), measure('2026-11-16'), measure(null)]
    });
    expect(v.periodStart).toBe('2026-11-16');
  });

  it('reads the meetings in any order: the last held on or before asOf, the next planned on or after', () => {
    const meeting = (Id: string, Meeting_Date__c: string | null, Status__c: string) => ({
      Id,
      Meeting_Date__c,
      Status__c
    });
    const v = viewOf({
      meetings: [
        meeting('g8', null, 'Held'), // no date: left out
        meeting('g5', '2026-12-20', 'Planned'),
        meeting('g1', '2026-11-25T15:00:00.000Z', 'Held'), // held on asOf (a datetime)
        meeting('g9', '2026-11-25', 'Planned'), // planned on asOf: the next one
        meeting('g6', '2026-12-01', 'Cancelled'), // neither held nor planned
        meeting('g3', '2026-12-01', 'Held'), // after asOf: not held yet as of asOf
        meeting('g4', '2026-11-24', 'Planned'), // planned before asOf: missed, not next
        meeting('g7', '2026-12-10', 'Planned'),
        meeting('g2', '2026-09-01', 'Held')
      ]
    });
    // Held on or before 2026-11-25: g1 (11-25), g2 (09-01) → 11-25, 0 days ago. Planned on or
    // after it: g5 (12-20), g9 (11-25), g7 (12-10) → 11-25.
    expect(v.cadence).toEqual({
      lastMeeting: '2026-11-25',
      nextMeeting: '2026-11-25',
      daysSinceLast: 0,
      everyDays: 91,
      overdue: false
    });
    const noneHeld = viewOf({
      meetings: [
        meeting('g1', '2026-11-01', 'Cancelled'),
        meeting('g2', '2026-12-10', 'Planned'),
        // Cancelled, though after asOf and before g2: not the next meeting.
        meeting('g3', '2026-12-01', 'Cancelled')
      ]
    });
    expect(noneHeld.cadence).toEqual({
      lastMeeting: null,
      nextMeeting: '2026-12-10',
      daysSinceLast: null,
      everyDays: 91,
      overdue: true
    });
  });

  it("takes the meeting interval and the coaching window from the config's governance, else 91 and 30 days", () => {
    const input: Partial<GovernanceInput> = {
      // 2026-10-25 → 2026-11-25: 6 days to 10-31, then 25: 31 days.
      meetings: [{ Id: 'g1', Meeting_Date__c: '2026-10-25', Status__c: 'Held' }],
      rollups: [team('mgrA', '2026-11-23', 2, 0)],
      sessions: [
        session('mgrA', 'a1', '2026-11-11', 'mgrA'),
        session('mgrA', 'a2', '2026-11-12', 'mgrA')
      ]
    };
    const short = configCopy();
    short.governance!.meetingEveryDays = 30;
    short.governance!.coachingWindowDays = 14;
    const v = viewOf(input, short);
    // 31 > 30: overdue.
    expect([v.cadence.daysSinceLast, v.cadence.everyDays, v.cadence.overdue]).toEqual([
      31,
      30,
      true
    ]);
    // 14 days ending 2026-11-25 start 2026-11-12: a2's 1:1 only.
    expect(v.coachingWindowDays).toBe(14);
    expect(v.managers.map((m) => [m.sessions, m.covered])).toEqual([[1, 1]]);

    const defaults = viewOf(input, withoutGovernance());
    // 31 ≤ 91: not overdue; 30 days ending 2026-11-25 start 2026-10-27: both 1:1s. No map.
    expect([defaults.cadence.everyDays, defaults.cadence.overdue]).toEqual([91, false]);
    expect(defaults.coachingWindowDays).toBe(30);
    expect(defaults.managers.map((m) => [m.sessions, m.covered])).toEqual([[2, 2]]);
    expect(defaults.objectives).toEqual([]);
  });

  it('lists active members in part order, then by name, with the user id when there is no name', () => {
    const member = (
      Id: string,
      User__c: string | null,
      UserName: string | null | undefined,
      Part__c: string,
      Active__c?: boolean | null
    ) => ({ Id, User__c, UserName, Part__c, Active__c });
    const v = viewOf({
      members: [
        member('m1', 'u7', 'Zoe Tech', 'Technology'),
        member('m2', 'u2', 'Ben People', 'People'),
        member('m3', 'u3', null, 'People'), // no name: the user id
        member('m4', null, undefined, 'Process'), // no user: blank
        member('m5', 'u5', 'Ann People', 'People', true),
        member('m6', 'u6', 'Sue Sponsor', 'Sponsor', null), // blank Active__c: active
        member('m7', 'u8', 'Old Lead', 'Lead', false), // inactive
        member('m8', 'u9', 'Odd One', 'Champion') // not a governance part
      ]
    });
    // Parts in order Sponsor, Lead, People, Process, Technology; within People by name:
    // 'Ann People' < 'Ben People' < 'u3' (capitals sort before small letters).
    expect(v.members).toEqual([
      { id: 'm6', userId: 'u6', name: 'Sue Sponsor', part: 'Sponsor' },
      { id: 'm5', userId: 'u5', name: 'Ann People', part: 'People' },
      { id: 'm2', userId: 'u2', name: 'Ben People', part: 'People' },
      { id: 'm3', userId: 'u3', name: 'u3', part: 'People' },
      { id: 'm4', userId: null, name: '', part: 'Process' },
      { id: 'm1', userId: 'u7', name: 'Zoe Tech', part: 'Technology' }
    ]);
    // The lead left: the one part nobody plays.
    expect(v.gaps).toEqual(['Lead']);
    expect(viewOf().gaps).toEqual(['Sponsor', 'Lead', 'People', 'Process', 'Technology']);
  });

  it('sorts open roadblocks by due date (none last), then raised date, then id', () => {
    const roadblock = (
      Id: string,
      Status__c: string,
      Due_Date__c: string | null | undefined,
      Raised_On__c: string
    ) => ({
      Id,
      Subject__c: `Subject ${Id}`,
      OwnerId: 'rep1',
      Status__c,
      Due_Date__c,
      Raised_On__c
    });
    const v = viewOf({
      roadblocks: [
        roadblock('r9', 'Open', null, '2026-11-03'),
        roadblock('r8', 'Open', '2026-12-05', '2026-11-01'),
        roadblock('r7', 'In_Progress', '2026-12-01', '2026-11-10'),
        roadblock('r6', 'Open', undefined, '2026-11-02'),
        roadblock('r5', 'Open', '2026-12-01', '2026-11-10'),
        roadblock('r4', 'Open', '2026-12-01', '2026-11-04'),
        roadblock('r3', 'Closed', '2026-11-01', '2026-10-01'),
        roadblock('r2', 'Open', '2026-11-24', '2026-11-20')
      ]
    });
    // Due: r2 11-24 (before asOf: overdue); r4, r5, r7 12-01 (r4 raised 11-04 first; r5 and r7
    // both raised 11-10, by id); r8 12-05. No due date: r6 raised 11-02, r9 11-03. r3 is closed.
    expect(v.openRoadblocks.map((r) => [r.Id, r.overdue])).toEqual([
      ['r2', true],
      ['r4', false],
      ['r5', false],
      ['r7', false],
      ['r8', false],
      ['r6', false],
      ['r9', false]
    ]);
    expect(v.openRoadblocks[0]).toEqual({
      Id: 'r2',
      Subject__c: 'Subject r2',
      OwnerId: 'rep1',
      Status__c: 'Open',
      Due_Date__c: '2026-11-24',
      Raised_On__c: '2026-11-20',
      overdue: true
    });
    // Eight rows, seven open.
    expect(v.closedRoadblocks).toBe(1);
    // Two without a due date, given in raised order, stay in it (a blank due date and a missing
    // one are alike).
    const undated = viewOf({
      roadblocks: [
        roadblock('r1', 'Open', undefined, '2026-11-02'),
        roadblock('r2', 'Open', null, '2026-11-03')
      ]
    });
    expect(undated.openRoadblocks.map((r) => r.Id)).toEqual(['r1', 'r2']);
  });

  it("gives each team manager's 1:1s, reps covered and tipping points, from that team's rows only", () => {
    const v = viewOf({
      rollups: [
        team('mgrA', '2026-11-23T00:00:00.000Z', 3, 66.7), // this week, as a datetime
        team('mgrA', '2026-11-16', 3, null), // the week before, tipping point blank
        team('mgrB', '2026-11-23', 0, null), // a team with no rep this week
        team('mgrB', '2026-11-16', 1, 20),
        team('mgrC', '2026-11-23', 2, 40),
        team('mgrC', '2026-11-09', 2, 10), // two weeks back: not the week before
        // The org's row carries no team, whatever its manager field; a team row needs a manager
        // and a week.
        {
          scope: 'Org',
          managerId: 'mgrO',
          periodStart: '2026-11-23',
          users: 6,
          tippingPointPct: 33.3
        },
        team(null, '2026-11-23', 4, 25),
        team('mgrD', null, 1, 0)
      ],
      sessions: [
        // The window: 30 days ending 2026-11-25, from 2026-10-27.
        session('mgrA', 'a1', '2026-11-25', 'mgrA'),
        session('mgrA', 'a1', '2026-11-01', 'mgrA'), // a1 again: one rep
        session('mgrA', null, '2026-11-02', 'mgrA'), // a 1:1, no rep named
        session('mgrA', 'a2', '2026-11-03', 'mgrZ'), // a2 reports to mgrZ now
        session('mgrA', 'a3', '2026-10-27', 'mgrA'),
        session('mgrA', 'a4', '2026-10-26', 'mgrA'), // before the window
        session('mgrA', 'a5', '2026-11-26', 'mgrA'), // after asOf
        session('mgrA', 'a6', null, 'mgrA'), // no date
        session(null, 'a7', '2026-11-10', null), // no manager
        session('mgrC', 'c1', '2026-11-20', 'mgrC'),
        session('mgrC', 'c2', '2026-11-21', 'mgrC')
      ]
    });
    // No names given: each manager is named by id, so sorted mgrA, mgrB, mgrC.
    expect(v.managers).toEqual([
      {
        managerId: 'mgrA',
        name: 'mgrA',
        // 11-25, 11-01, 11-02, 11-03, 10-27.
        sessions: 5,
        reps: 3,
        // a1 and a3 (a2 reports elsewhere, one 1:1 names no rep): 2 of 3 = 66.666… → 66.7.
        covered: 2,
        coveredPct: 66.7,
        tippingPointPct: 66.7,
        previousTippingPointPct: null,
        climb: null
      },
      {
        managerId: 'mgrB',
        name: 'mgrB',
        sessions: 0,
        reps: 0,
        covered: 0,
        // No rep: no share.
        coveredPct: null,
        tippingPointPct: null,
        previousTippingPointPct: 20,
        climb: null
      },
      {
        managerId: 'mgrC',
        name: 'mgrC',
        sessions: 2,
        reps: 2,
        covered: 2,
        coveredPct: 100,
        tippingPointPct: 40,
        previousTippingPointPct: null,
        climb: null
      }
    ]);
  });

  it('sorts managers by name, then by id when two share a name', () => {
    const ids = ['m2', 'm1', 'm4', 'm3', 'm5', 'm6', 'm7'];
    const v = viewOf({
      rollups: ids.map((id) => team(id, '2026-11-23', 1, 0)),
      // m7 has no name: named by its id, and 'm7' sorts after capitals.
      names: { m1: 'Kim', m2: 'Kim', m3: 'Amy', m4: 'Zed', m5: 'Lou', m6: 'Lou' }
    });
    expect(v.managers.map((m) => `${m.name}/${m.managerId}`)).toEqual([
      'Amy/m3',
      'Kim/m1',
      'Kim/m2',
      'Lou/m5',
      'Lou/m6',
      'Zed/m4',
      'm7/m7'
    ]);
    // A later name with an earlier id still sorts by name: Amy (m9) before Zed (m1).
    const twoTeams = viewOf({
      rollups: [team('m9', '2026-11-23', 1, 0), team('m1', '2026-11-23', 1, 0)],
      names: { m1: 'Zed', m9: 'Amy' }
    });
    expect(twoTeams.managers.map((m) => m.managerId)).toEqual(['m9', 'm1']);
  });

  it('does not take a 1:1 with no date for one on 1970-01-01 (day 0)', () => {
    const v = viewOf({
      asOf: '1970-01-10',
      periodStart: '1970-01-05',
      rollups: [team('mgrA', '1970-01-05', 2, 0)],
      // The window runs 30 days to 1970-01-10, from 1969-12-12: 1970-01-01 is inside it.
      sessions: [session('mgrA', 'a1', null, 'mgrA'), session('mgrA', 'a2', '1970-01-01', 'mgrA')]
    });
    expect(v.managers.map((m) => [m.sessions, m.covered])).toEqual([[1, 1]]);
  });

  it("gives each measure its row of the week shown: the share met, against the measure's target", () => {
    const row = (
      Measure__c: string | null,
      Period_Start__c: string,
      Met__c: number | null,
      Counted__c: number | null
    ) => ({ Measure__c, Period_Start__c, Met__c, Counted__c });
    const v = viewOf({
      measures: [
        row('DecisionMakerKnown', '2026-11-23', 9, 10),
        row('DecisionMakerKnown', '2026-11-16', 10, 10), // the week before: not shown
        row('BuyersNamed', '2026-11-23', null, 10), // blank met
        row('NextStepAgreed', '2026-11-23', 0, 0), // nothing counted
        row('DealsTouched', '2026-11-23', 3, 4),
        row('CloseDateCurrent', '2026-11-16', 9, 10), // only the week before
        row(null, '2026-11-23', 1, 1) // no measure named
      ]
    });
    const figure = (
      id: string,
      source: { rule: string } | { flag: string },
      targetPct: number,
      met: number | null,
      counted: number | null,
      pct: number | null,
      reached: boolean
    ) => ({ id, source, targetPct, recognition: `Gov_Rec_${id}`, met, counted, pct, reached });
    expect(v.objectives).toEqual([
      {
        id: 'WinCompetitive',
        label: 'Gov_Obj_WinCompetitive',
        behaviours: [
          {
            id: 'KnowDecider',
            label: 'Gov_Beh_KnowDecider',
            measures: [
              // 9 of 10 = 90 % ≥ 80.
              figure('DecisionMakerKnown', { flag: 'NO_DECISION_MAKER' }, 80, 9, 10, 90, true),
              // Met blank: no share.
              figure('BuyersNamed', { flag: 'NO_CONTACT_ROLE' }, 90, null, 10, null, false)
            ]
          }
        ]
      },
      {
        id: 'KeepPromises',
        label: 'Gov_Obj_KeepPromises',
        behaviours: [
          {
            id: 'AgreeNextStep',
            label: 'Gov_Beh_AgreeNextStep',
            // 0 of 0: no share.
            measures: [figure('NextStepAgreed', { rule: 'opp-next-step' }, 85, 0, 0, null, false)]
          },
          {
            id: 'StayInTouch',
            label: 'Gov_Beh_StayInTouch',
            // 3 of 4 = 75 % < 80.
            measures: [figure('DealsTouched', { flag: 'STALE' }, 80, 3, 4, 75, false)]
          }
        ]
      },
      {
        id: 'ReliableDates',
        label: 'Gov_Obj_ReliableDates',
        behaviours: [
          {
            id: 'RealisticClose',
            label: 'Gov_Beh_RealisticClose',
            measures: [
              figure('CloseDateCurrent', { rule: 'opp-close-date' }, 90, null, null, null, false)
            ]
          }
        ]
      }
    ]);
    // Counted blank, met given: no share either.
    const countedBlank = viewOf({ measures: [row('DecisionMakerKnown', '2026-11-23', 3, null)] });
    const first = countedBlank.objectives[0].behaviours[0].measures[0];
    expect([first.met, first.counted, first.pct, first.reached]).toEqual([3, null, null, false]);
  });

  it('does not count a target of 0 % as reached in a week with no figure', () => {
    // The schema allows a target of 0; with no row there is no share to compare with it.
    const zero = configCopy();
    zero.governance!.objectives[0].behaviours[0].measures[0].targetPct = 0;
    const figure = viewOf({}, zero).objectives[0].behaviours[0].measures[0];
    expect([figure.id, figure.targetPct, figure.pct, figure.reached]).toEqual([
      'DecisionMakerKnown',
      0,
      null,
      false
    ]);
  });

  it('tallies no measure, and writes no row, for a config without governance', () => {
    const t = createMeasureTally(withoutGovernance());
    tallyDeal(t, {
      opportunityId: null,
      risk: { status: 'open', flags: [] },
      completeness: { items: [] }
    } as unknown as DealScore);
    expect([t.counted, measureRecords(t, '2026-11-23')]).toEqual([1, []]);
  });
});

import { createMeasureTally, measureRecords, tallyDeal } from '../../scripts/engine/governance';
import {
  buildGovernanceView,
  trainingOffers,
  type DealScore,
  type GovernanceInput,
  type RollupRow
} from '../../scripts/engine';
import { formatIssues, validateConfig } from '../../scripts/engine/config-schema';
import { config, configCopy } from './helpers';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

function issuesOf(mutate: (g: Json) => void): string[] {
  const c = configCopy() as unknown as Json;
  mutate(c.governance);
  const r = validateConfig(c);
  return r.ok ? [] : formatIssues(r.issues).split('\n');
}

/** A measure `id` of the deals `flag` marks, target 90 %, with the close-date recognition label. */
const flagMeasure = (id: string, flag: string) => ({
  id,
  flag,
  targetPct: 90,
  recognition: 'Gov_Rec_CloseDateCurrent'
});

describe('the objective map in the config', () => {
  it('accepts the shipped map', () => {
    expect(issuesOf(() => {})).toEqual([]);
  });

  it('refuses a behaviour with no measure, naming it', () => {
    expect(
      issuesOf((g) => {
        g.objectives[1].behaviours[1].measures = [];
      })
    ).toEqual([
      'governance.objectives[1].behaviours[1].measures: expected at least one measure for behaviour "StayInTouch", found []'
    ]);
  });

  it('refuses two measures in conflict, naming both', () => {
    // The shipped map measures current close dates (rule opp-close-date, a notInPast check on
    // CloseDate). Meeting it moves past close dates later, which the engine counts as pushes:
    // a measure of pushed deals added under the same behaviour works against it.
    const found = issuesOf((g) => {
      g.objectives[2].behaviours[0].measures.push(flagMeasure('FewPushes', 'PUSHED'));
    });
    expect(found).toEqual([
      'governance.objectives[2].behaviours[0].measures[1].flag: expected no measure that conflicts with measure "CloseDateCurrent": meeting "CloseDateCurrent" moves close dates later, which "FewPushes" counts as pushed deals, found "PUSHED"'
    ]);
  });

  it('refuses a past-due measure beside a pushed-deals measure, wherever they sit', () => {
    const found = issuesOf((g) => {
      g.objectives[0].behaviours[0].measures.push(flagMeasure('NoPastDue', 'PAST_DUE'));
      g.objectives[1].behaviours[0].measures.push(flagMeasure('FewPushes', 'PUSHED'));
    });
    // Two measures move close dates later (CloseDateCurrent, NoPastDue): each conflicts with
    // FewPushes, one issue for each pair.
    expect(
      found.map((l) => /^(\S+): .*measure "(\w+)": .* which "(\w+)"/.exec(l)?.slice(1))
    ).toEqual([
      ['governance.objectives[1].behaviours[0].measures[1].flag', 'NoPastDue', 'FewPushes'],
      ['governance.objectives[1].behaviours[0].measures[1].flag', 'CloseDateCurrent', 'FewPushes']
    ]);
  });

  it('refuses unknown rules, rules of other objects, unknown nudges and paths, and duplicates', () => {
    const found = issuesOf((g) => {
      g.objectives[0].behaviours[0].measures[0].id = 'BuyersNamed';
      g.objectives[1].behaviours[0].measures[0].rule = 'opp-nothing';
      g.objectives[1].behaviours[1].measures[0] = {
        id: 'Titles',
        rule: 'con-title',
        targetPct: 50,
        recognition: 'Gov_Rec_DealsTouched'
      };
      g.training.paths[1].nudges.push('Opp_Nothing');
      g.training.remedial.Acceptance = 'No_Path';
      g.training.newHire = 'No_Path';
    });
    expect(found).toEqual([
      'governance.objectives[0].behaviours[0].measures[1].id: expected a measure id used only once, found "BuyersNamed"',
      'governance.objectives[1].behaviours[0].measures[0].rule: expected the id of a rule under objects, found "opp-nothing"',
      'governance.objectives[1].behaviours[1].measures[0].rule: expected a rule of Opportunity (measures count open deals; this rule belongs to Contact), found "con-title"',
      'governance.training.paths[1].nudges[4]: expected the key of a nudge in nudges.catalogue, found "Opp_Nothing"',
      'governance.training.remedial.Acceptance: expected one of the training paths: Getting_Started, Opportunity_Basics, Buying_Committee, Activity_Habits, found "No_Path"',
      'governance.training.newHire: expected one of the training paths: Getting_Started, Opportunity_Basics, Buying_Committee, Activity_Habits, found "No_Path"'
    ]);
  });

  it('refuses a training link that is not https', () => {
    const found = issuesOf((g) => {
      g.training.paths[0].url = 'http://lms.example.com/course/1';
    });
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(/^governance\.training\.paths\[0\]\.url: expected .*https/);
  });
});

/** A stored team rollup (or the org's, with manager null). */
const rollup = (
  manager: string | null,
  period: string,
  users: number,
  tippingPointPct: number | null
): RollupRow => ({
  scope: manager === null ? 'Org' : 'Team',
  managerId: manager,
  periodStart: period,
  users,
  tippingPointPct
});

function input(over: Partial<GovernanceInput> = {}): GovernanceInput {
  return {
    asOf: '2026-11-25',
    periodStart: '2026-11-23',
    members: [
      { Id: 'm1', User__c: 'u1', UserName: 'Sam Sponsor', Part__c: 'Sponsor' },
      { Id: 'm2', User__c: 'u2', UserName: 'Lee Lead', Part__c: 'Lead', Active__c: true },
      { Id: 'm3', User__c: 'u3', UserName: 'Pat People', Part__c: 'People' },
      { Id: 'm4', User__c: 'u4', UserName: 'Tess Tech', Part__c: 'Technology' },
      // Left the group: not a member, and the process part stays empty.
      { Id: 'm5', User__c: 'u5', UserName: 'Old Process', Part__c: 'Process', Active__c: false }
    ],
    meetings: [
      { Id: 'g1', Meeting_Date__c: '2026-06-10', Status__c: 'Held' },
      { Id: 'g2', Meeting_Date__c: '2026-08-20', Status__c: 'Held' },
      { Id: 'g3', Meeting_Date__c: '2026-11-20', Status__c: 'Cancelled' },
      { Id: 'g4', Meeting_Date__c: '2027-01-15', Status__c: 'Planned' },
      { Id: 'g5', Meeting_Date__c: '2026-12-10', Status__c: 'Planned' }
    ],
    roadblocks: [
      {
        Id: 'r1',
        Subject__c: 'No due date',
        OwnerId: 'rep1',
        Status__c: 'Open',
        Raised_On__c: '2026-11-01'
      },
      {
        Id: 'r2',
        Subject__c: 'Late',
        OwnerId: 'rep2',
        Status__c: 'In_Progress',
        Raised_On__c: '2026-11-02',
        Due_Date__c: '2026-11-24'
      },
      {
        Id: 'r3',
        Subject__c: 'Done',
        OwnerId: 'rep2',
        Status__c: 'Closed',
        Raised_On__c: '2026-10-02',
        Due_Date__c: '2026-10-24'
      },
      {
        Id: 'r4',
        Subject__c: 'Due today',
        OwnerId: 'rep3',
        Status__c: 'Open',
        Raised_On__c: '2026-11-20',
        Due_Date__c: '2026-11-25'
      }
    ],
    sessions: [
      // Window of 30 days ending 2026-11-25: 2026-10-27 to 2026-11-25.
      ...[
        ['a1', '2026-10-26'], // a day too early
        ['a1', '2026-10-27'],
        ['a1', '2026-11-10'],
        ['a2', '2026-11-25'],
        ['a2', '2026-11-26'] // after asOf
      ].map(([rep, day]) => ({
        Manager__c: 'mgrA',
        Rep__c: rep,
        Session_Date__c: day,
        RepManagerId: 'mgrA'
      })),
      // x9 reports to someone else now: a 1:1, but no rep of B's team covered.
      { Manager__c: 'mgrB', Rep__c: 'x9', Session_Date__c: '2026-11-12', RepManagerId: 'mgrC' }
    ],
    rollups: [
      // Team A this week: 4 reps (a1 Involvement, a2 Commitment, a3 Acceptance, a4 Awareness),
      // 2 of 4 adopters = 50 %; the week before 3 reps, a1 the only adopter: 33.3 %.
      rollup('mgrA', '2026-11-23', 4, 50),
      rollup('mgrA', '2026-11-16', 3, 33.3),
      // Team B this week: 2 reps at Acceptance: 0 %; its rollup of two weeks back is not the
      // week before.
      rollup('mgrB', '2026-11-23', 2, 0),
      rollup('mgrB', '2026-11-09', 1, 100),
      // The org's rollup is no team.
      rollup(null, '2026-11-23', 6, 33.3)
    ],
    measures: [
      {
        Measure__c: 'DecisionMakerKnown',
        Period_Start__c: '2026-11-23',
        Met__c: 8,
        Counted__c: 10
      },
      {
        Measure__c: 'DecisionMakerKnown',
        Period_Start__c: '2026-11-16',
        Met__c: 1,
        Counted__c: 10
      },
      { Measure__c: 'NextStepAgreed', Period_Start__c: '2026-11-23', Met__c: 5, Counted__c: 6 }
    ],
    names: { mgrA: 'Alex Manager', mgrB: 'Bo Manager' },
    ...over
  };
}

describe('buildGovernanceView', () => {
  // Built before each test, not once for the block: each test then runs the code it checks.
  let view: ReturnType<typeof buildGovernanceView>;
  beforeEach(() => {
    view = buildGovernanceView(config, input());
  });

  it('lists active members by part and names the part nobody plays', () => {
    expect(view.members.map((m) => `${m.part}:${m.name}`)).toEqual([
      'Sponsor:Sam Sponsor',
      'Lead:Lee Lead',
      'People:Pat People',
      'Technology:Tess Tech'
    ]);
    expect(view.gaps).toEqual(['Process']);
  });

  it('gives the last meeting held, the next planned, and warns after more than a quarter', () => {
    // Last held 2026-08-20; 2026-08-20 → 2026-11-25 is 11 + 30 + 31 + 25 = 97 days > 91.
    expect(view.cadence).toEqual({
      lastMeeting: '2026-08-20',
      nextMeeting: '2026-12-10',
      daysSinceLast: 97,
      everyDays: 91,
      overdue: true
    });
    // On 2026-11-19 it is 91 days: not more than a quarter, no warning.
    const earlier = buildGovernanceView(config, input({ asOf: '2026-11-19' })).cadence;
    expect([earlier.daysSinceLast, earlier.overdue]).toEqual([91, false]);
    const never = buildGovernanceView(config, input({ meetings: [] })).cadence;
    expect([never.lastMeeting, never.nextMeeting, never.overdue]).toEqual([null, null, true]);
  });

  it('lists open roadblocks, those with a due date first, and marks those past due', () => {
    expect(view.openRoadblocks.map((r) => [r.Id, r.overdue])).toEqual([
      ['r2', true], // due 2026-11-24, before asOf
      ['r4', false], // due on asOf
      ['r1', false] // no due date: last
    ]);
    expect(view.closedRoadblocks).toBe(1);
    // A host that reads only the open ones gives the count of the closed ones.
    const counted = buildGovernanceView(
      config,
      input({
        roadblocks: input().roadblocks.filter((r) => r.Status__c !== 'Closed'),
        closedRoadblocks: 7
      })
    );
    expect([counted.openRoadblocks.length, counted.closedRoadblocks]).toEqual([3, 7]);
  });

  it("counts each manager's 1:1s in the window and the reps covered, beside the team's climb", () => {
    expect(view.managers).toEqual([
      {
        managerId: 'mgrA',
        name: 'Alex Manager',
        // 2026-10-27, 2026-11-10, 2026-11-25 (not 10-26 nor 11-26).
        sessions: 3,
        // The team rollup's audience.
        reps: 4,
        // a1 and a2, both reporting to mgrA, of 4.
        covered: 2,
        coveredPct: 50,
        // The stored tipping points of this week and the week before.
        tippingPointPct: 50,
        previousTippingPointPct: 33.3,
        // 50 − 33.3.
        climb: 16.7
      },
      {
        managerId: 'mgrB',
        name: 'Bo Manager',
        sessions: 1,
        reps: 2,
        covered: 0,
        coveredPct: 0,
        tippingPointPct: 0,
        // No rollup of 2026-11-16.
        previousTippingPointPct: null,
        climb: null
      }
    ]);
  });

  it("shows the map with this week's figure of each measure against its target", () => {
    const measures = view.objectives.flatMap((o) => o.behaviours.flatMap((b) => b.measures));
    expect(measures.map((m) => [m.id, m.met, m.counted, m.pct, m.targetPct, m.reached])).toEqual([
      // 8 of 10 = 80 %, target 80: reached.
      ['DecisionMakerKnown', 8, 10, 80, 80, true],
      ['BuyersNamed', null, null, null, 90, false],
      // 5 of 6 = 83.3 %, target 85: not reached.
      ['NextStepAgreed', 5, 6, 83.3, 85, false],
      ['DealsTouched', null, null, null, 80, false],
      ['CloseDateCurrent', null, null, null, 90, false]
    ]);
    expect(view.objectives.map((o) => o.label)).toEqual([
      'Gov_Obj_WinCompetitive',
      'Gov_Obj_KeepPromises',
      'Gov_Obj_ReliableDates'
    ]);
  });

  it('counts a rep at most once and never more reps covered than the team has', () => {
    const one = buildGovernanceView(
      config,
      input({ rollups: [rollup('mgrA', '2026-11-23', 1, 0)] })
    ).managers;
    // a1 and a2 both report to mgrA and had 1:1s, but the team's audience is 1 rep.
    expect(one.map((m) => [m.covered, m.reps, m.coveredPct])).toEqual([[1, 1, 100]]);
  });

  it('without a week given, shows the latest week of the team rollups on or before asOf', () => {
    const latest = buildGovernanceView(config, input({ periodStart: null }));
    expect(latest.periodStart).toBe('2026-11-23');
    const before = buildGovernanceView(config, input({ periodStart: null, asOf: '2026-11-20' }));
    expect(before.periodStart).toBe('2026-11-16');
  });
});

describe('measure tally', () => {
  const deal = (status: string, flags: string[], failedRules: string[]) =>
    ({
      opportunityId: null,
      risk: { status, flags },
      completeness: { items: failedRules.map((ruleId) => ({ ruleId })) }
    }) as unknown as DealScore;

  it('counts open deals that meet each measure, and writes one row per measure and week', () => {
    const t = createMeasureTally(config);
    tallyDeal(t, deal('open', ['NO_CONTACT_ROLE', 'STALE'], ['opp-next-step', 'opp-close-date']));
    tallyDeal(t, deal('open', ['STALE'], ['opp-next-step', 'opp-close-date']));
    tallyDeal(t, deal('open', ['STALE'], ['opp-close-date']));
    tallyDeal(t, deal('open', [], ['opp-close-date']));
    // Closed: not counted, whatever it carries.
    tallyDeal(t, deal('won', ['NO_DECISION_MAKER'], ['opp-next-step']));
    expect(measureRecords(t, '2026-11-23')).toEqual([
      row('DecisionMakerKnown', 4), // no open deal lacks a decision maker
      row('BuyersNamed', 3), // one lacks a contact role
      row('NextStepAgreed', 2), // two miss the next step
      row('DealsTouched', 1), // three are stale
      row('CloseDateCurrent', 0) // all four have a close date in the past
    ]);
    function row(id: string, met: number) {
      return {
        Measure_Key__c: `${id}:2026-11-23`,
        Measure__c: id,
        Period_Start__c: '2026-11-23',
        Met__c: met,
        Counted__c: 4
      };
    }
  });
});

describe('training offers', () => {
  const base = {
    asOf: '2026-11-25',
    userCreated: '2025-01-01T09:00:00.000Z',
    stage: 'Acceptance',
    previousStage: 'Acceptance',
    dontKnowNudges: [] as string[],
    done: [] as string[]
  };

  it('offers nothing to a rep who held their rung and is not new', () => {
    expect(trainingOffers(config, base)).toEqual([]);
  });

  it('offers the remedial path of the rung dropped from, marked done once done', () => {
    const offers = trainingOffers(config, { ...base, previousStage: 'Involvement' });
    // remedial.Involvement = Activity_Habits.
    expect(offers.map((o) => [o.key, o.reason, o.because, o.done])).toEqual([
      ['Activity_Habits', 'remedial', 'Involvement', false]
    ]);
    const done = trainingOffers(config, {
      ...base,
      previousStage: 'Involvement',
      done: ['Activity_Habits']
    });
    expect(done[0].done).toBe(true);
  });

  it('offers the path of a nudge answered "I don\'t know how", and the new-hire path, each once', () => {
    const offers = trainingOffers(config, {
      ...base,
      // Created 2026-10-27: 29 days before asOf, inside 30 days.
      userCreated: '2026-10-27T10:00:00.000Z',
      previousStage: 'Commitment',
      stage: 'Involvement',
      dontKnowNudges: ['Opp_DecisionMaker', 'Con_Title', 'Opp_NextStep']
    });
    expect(offers.map((o) => [o.key, o.reason, o.because])).toEqual([
      // remedial.Commitment = Buying_Committee, which also covers Opp_DecisionMaker, Con_Title.
      ['Buying_Committee', 'remedial', 'Commitment'],
      ['Opportunity_Basics', 'dontKnow', 'Opp_NextStep'],
      ['Getting_Started', 'newHire', null]
    ]);
    // Created 2026-10-26: 30 days before, no longer new.
    const later = trainingOffers(config, { ...base, userCreated: '2026-10-26T10:00:00.000Z' });
    expect(later).toEqual([]);
  });
});

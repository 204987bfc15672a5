import { isActiveSnapshot, rollupTeam } from '../../scripts/engine';
import { mergeEvidence } from '../../scripts/engine/wiifm';
import {
  addActivity,
  addDeal,
  addNudgeResponse,
  addRecord,
  createRepRollup,
  finishRep,
  repEvidence
} from '../../scripts/engine/rollup';
import { EMPTY_SNAPSHOT, IDLE_SIGNALS, teamSnapshot as snap } from '../support/snapshots';
import { config } from './helpers';
import { asOf, closedDeal, periodStart, weekRollup } from './support/week';

// The week of support/week.ts: Monday 2024-02-26, asOf its last day 2024-03-03; win-rate window
// 2023-03-05 … 2024-03-03 (2024-02-29 is inside).
const closed = (id: string, won: boolean, close: string, extra: Record<string, unknown> = {}) => ({
  opportunity: closedDeal(id, won, close, { Amount: 100, NextStep: null, ...extra })
});

function repU1() {
  const acc = weekRollup('U1', null, {
    previous: { Adoption_Stage__c: 'Acceptance', Weeks_Below_Stage__c: 0 }
  });
  const d1 = addDeal(acc, {
    opportunity: {
      Id: 'D1',
      StageName: 'Qualification',
      IsClosed: false,
      Amount: 1000,
      CloseDate: '2024-03-10',
      NextStep: 'Demo',
      LastActivityDate: '2024-03-01',
      CreatedDate: '2024-02-01T00:00:00Z',
      LastStageChangeDate: '2024-02-20',
      LeadSource: 'Web',
      Type: 'New',
      Description: 'd'
    }
  });
  const d2 = addDeal(acc, {
    opportunity: {
      Id: 'D2',
      StageName: 'Prospecting',
      IsClosed: false,
      Amount: -50,
      CloseDate: '2024-02-29',
      NextStep: null,
      LastActivityDate: '2024-01-01',
      CreatedDate: '2024-01-01T00:00:00Z',
      LeadSource: null,
      Type: null,
      Description: null
    },
    history: [
      { CreatedDate: '2024-01-01T00:00:00Z', StageName: 'Prospecting', CloseDate: '2024-01-31' },
      { CreatedDate: '2024-01-15T00:00:00Z', StageName: 'Prospecting', CloseDate: '2024-02-15' },
      { CreatedDate: '2024-02-01T00:00:00Z', StageName: 'Prospecting', CloseDate: '2024-02-29' }
    ]
  });
  addDeal(acc, closed('D3', true, '2023-03-05', { NextStep: 'Kick-off' })); // first day of the window
  addDeal(acc, closed('D4', false, '2023-03-04')); // one day before the window
  addDeal(acc, closed('D5', false, '2024-03-03')); // asOf itself
  addDeal(acc, closed('D6', true, '2024-03-04')); // after asOf
  addDeal(acc, { opportunity: { Id: 'D7', StageName: 'Verbal yes', Amount: 5000 } }); // unknown stage
  addRecord(acc, 'Contact', {
    Email: 'a@b.co',
    Title: 'CTO',
    AccountId: '001x',
    Phone: '555-0100 1',
    LastActivityDate: '2024-02-01'
  });
  for (const a of [
    { ActivityDate: '2024-02-26' },
    { ActivityDate: '2024-03-03' },
    { ActivityDate: '2024-03-04' },
    { ActivityDate: '2024-02-25' },
    { ActivityDate: null, CreatedDate: '2024-02-26T00:30:00+01:00' }, // 2024-02-25 UTC
    { ActivityDate: '  ', CreatedDate: '2024-03-03T23:30:00-01:00' } // 2024-03-04 UTC
  ]) {
    addActivity(acc, a);
  }
  addNudgeResponse(acc, {
    Nudge_Key__c: 'Opp_NextStep:D2',
    Action__c: 'Fixed',
    CreatedDate: '2024-02-27T10:00:00Z'
  });
  addNudgeResponse(acc, {
    Nudge_Key__c: 'Opp_Amount:D2',
    Action__c: 'Dismissed',
    CreatedDate: '2024-02-27T10:00:00Z'
  });
  addNudgeResponse(acc, {
    Nudge_Key__c: 'Opp_Type:D2',
    Action__c: 'Fixed',
    CreatedDate: '2024-02-20T10:00:00Z'
  });
  return { acc, d1, d2 };
}

describe('rep rollup', () => {
  it('produces every Adoption_Snapshot__c figure (hand-computed)', () => {
    const { acc, d1, d2 } = repU1();
    expect(d1.risk.flags).toEqual([]);
    expect(d1.completeness.score).toBe(100);
    // D2's close date moved 01-31 → 02-15 (into a later month: a push) → 02-29 (same month:
    // not a push): 1 push, under pushedAfter 2, so no PUSHED flag.
    expect(d2.risk.pushCount).toBe(1);
    expect(d2.risk.flags).toEqual(['STALE', 'PAST_DUE', 'NO_NEXT_STEP']);
    expect(d2.completeness.score).toBe(0);
    const s = finishRep(acc);
    expect(s.record).toEqual({
      Snapshot_Key__c: 'U1:2024-02-26',
      User__c: 'U1',
      Manager__c: null, // a rep without a manager
      Period_Start__c: '2024-02-26',
      Completeness_Score__c: 50, // the open deals (100 + 0) / 2; the contact has its own field
      Adoption_Stage__c: 'Acceptance', // qualifies for Understanding only: first period below
      Weeks_Below_Stage__c: 1,
      Open_Opportunities__c: 2,
      Open_Pipeline__c: 1000, // the negative amount counts 0
      Won_Opportunities__c: 1, // D3
      Lost_Opportunities__c: 1, // D5
      Win_Rate__c: 50,
      Stale_Opportunities__c: 1,
      Past_Due_Opportunities__c: 1,
      Missing_Next_Step__c: 1,
      Pushed_Opportunities__c: 0,
      Activities_Logged__c: 2,
      Account_Completeness__c: null,
      Contact_Completeness__c: 100, // the one contact, every rule met
      Lead_Completeness__c: null,
      Logged_In__c: true, // logged 2 activities in the period
      Engagements__c: 2, // the two answers of 02-27 (Fixed, Dismissed); 02-20 is before the week
      Coaching_Acts__c: 1, // the Fixed answer of 02-27; the dismissal gave no reason
      Periods_At_Standard__c: 0, // 2 activities < 3: not at the Acceptance standard
      Backfilled__c: false,
      Insights__c: JSON.stringify({ v: 1, asOf: '2024-03-03', windowDays: 365, statements: [] })
    });
    expect(s.signals).toEqual({
      loggedIn: true,
      engagements: 2,
      activitiesLogged: 2,
      completenessScore: 50,
      freshPct: 50,
      coachingActs: 1
    });
    // The people side holds only the two nudge answers, one of them a fix: no other evidence.
    const { nudgeAnswers, fixes, ...otherPeople } = s.people;
    expect({ nudgeAnswers, fixes }).toEqual({ nudgeAnswers: 2, fixes: 1 });
    expect(Object.values(otherPeople)).toEqual([0, 0, 0, 0, 0, 0, 0]);
    expect(s.active).toBe(true);
    // Evidence from D3 (won, next step) and D5 (lost, none); no history given: notPushed unknown.
    expect(s.evidence.hasNextStep).toEqual({
      withWon: 1,
      withLost: 0,
      withoutWon: 0,
      withoutLost: 1
    });
    expect(s.evidence.notPushed).toEqual({
      withWon: 0,
      withLost: 0,
      withoutWon: 0,
      withoutLost: 0
    });
    expect(s.evidence.recentActivity).toEqual({
      withWon: 0,
      withLost: 0,
      withoutWon: 1,
      withoutLost: 1
    });
  });

  it('takes WIIFM figures from the team or org when the rep sample is small', () => {
    const { acc } = repU1();
    const org = mergeEvidence(repEvidence(acc));
    org.hasNextStep = { withWon: 12, withLost: 8, withoutWon: 3, withoutLost: 9 };
    const s = finishRep(acc, { team: null, org });
    expect(s.insights.statements).toEqual([
      {
        id: 'nextStep',
        label: 'WIIFM_NextStep',
        params: [60, 25, 20, 12],
        scope: 'org',
        scopeLabel: 'WIIFM_Scope_Org'
      }
    ]);
    expect(JSON.parse(s.record.Insights__c).statements[0].params).toEqual([60, 25, 20, 12]);
  });

  it('rounds the win rate to one decimal', () => {
    const acc = weekRollup('U2', 'M1');
    addDeal(acc, closed('A', true, '2024-01-01'));
    addDeal(acc, closed('B', false, '2024-01-02'));
    addDeal(acc, closed('C', false, '2024-01-03'));
    expect(finishRep(acc).record.Win_Rate__c).toBe(33.3);
  });

  it('gives a user with no deals zeros, null rates and the Awareness rung', () => {
    const s = finishRep(
      createRepRollup(config, {
        userId: 'U9',
        managerId: 'M1',
        periodStart,
        asOf: '2024-03-03T23:59:59Z'
      })
    );
    expect(s.record).toMatchObject({
      Snapshot_Key__c: 'U9:2024-02-26',
      Manager__c: 'M1',
      ...EMPTY_SNAPSHOT
    });
    expect(s.active).toBe(false);
    expect(s.signals).toEqual(IDLE_SIGNALS);
  });

  it('refuses a bad periodStart or asOf', () => {
    expect(() =>
      createRepRollup(config, { userId: 'U', managerId: null, periodStart: '2024-02-30', asOf })
    ).toThrow('periodStart must be');
  });
});

describe('isActiveSnapshot', () => {
  it('counts an open deal or an activity in the period, blanks as 0', () => {
    expect(isActiveSnapshot({ Open_Opportunities__c: 1, Activities_Logged__c: 0 })).toBe(true);
    expect(isActiveSnapshot({ Open_Opportunities__c: 0, Activities_Logged__c: 2 })).toBe(true);
    expect(isActiveSnapshot({ Open_Opportunities__c: 0, Activities_Logged__c: null })).toBe(false);
    expect(isActiveSnapshot({})).toBe(false);
  });
});

describe('team rollup and tipping point', () => {
  it('divides the users at Involvement or Commitment by the whole audience', () => {
    const t = rollupTeam(config, {
      managerId: 'M1',
      snapshots: [
        snap('A', 'Involvement', true, 80, 1000, 2, 1, 3),
        snap('B', 'Commitment', true, 90, 500.5, 1, 1),
        snap('C', 'Awareness', true, 40, 0, 0, 0, 1),
        snap('D', 'Acceptance', false, null)
      ],
      previousByUser: {
        A: { Completeness_Score__c: 70 },
        B: { Completeness_Score__c: 85 },
        C: { Completeness_Score__c: 30 }
      }
    });
    expect(t).toEqual({
      managerId: 'M1',
      users: 4,
      activeUsers: 3,
      loggingUsers: 2, // A (3 activities) and C (1); B is active on its deals alone
      adoptedUsers: 2,
      tippingPointPct: 50, // 2 adopters ÷ 4 in the audience (D, inactive, counts)
      targetPct: 45,
      reached: true,
      stageCounts: { Awareness: 1, Understanding: 0, Acceptance: 1, Involvement: 1, Commitment: 1 },
      completenessScore: 70,
      openPipeline: 1500.5,
      won: 3,
      lost: 2,
      winRate: 60,
      mostImprovedUserId: 'A' // A and C both +10: the lowest id
    });
  });

  it('counts non-users in the denominator: 4 adopters and 6 who never log in make 40 %', () => {
    const snaps = [
      ...['A', 'B', 'C', 'D'].map((u) => snap(u, 'Involvement', true, 80)),
      ...['E', 'F', 'G', 'H', 'I', 'J'].map((u) => snap(u, 'Awareness', false, null))
    ];
    const t = rollupTeam(config, { managerId: null, snapshots: snaps });
    // 4 ÷ 10 = 40 % < 45 %: not reached (counting active users only would give 4 ÷ 4 = 100 %).
    expect(t).toMatchObject({ users: 10, activeUsers: 4, adoptedUsers: 4, tippingPointPct: 40 });
    expect(t.reached).toBe(false);
  });

  it('reaches the target exactly at 45 % and has no figure without anybody', () => {
    const snaps = Array.from({ length: 20 }, (_, i) =>
      snap(`U${String(i).padStart(2, '0')}`, i < 9 ? 'Involvement' : 'Understanding', true, 50)
    );
    const t = rollupTeam(config, { managerId: null, snapshots: snaps });
    expect(t.tippingPointPct).toBe(45);
    expect(t.reached).toBe(true);
    expect(t.mostImprovedUserId).toBeNull();
    // One inactive adopter: 1 ÷ 1 = 100 %.
    expect(
      rollupTeam(config, { managerId: 'M2', snapshots: [snap('X', 'Commitment', false, null)] })
    ).toMatchObject({ activeUsers: 0, tippingPointPct: 100, reached: true, winRate: null });
    expect(rollupTeam(config, { managerId: 'M3', snapshots: [] })).toMatchObject({
      users: 0,
      tippingPointPct: null,
      reached: false,
      completenessScore: null
    });
  });
});

import { rollupTeam, scorecardScore } from '../../scripts/engine';
import { addEngagement, addLogin, addMessageReceipt } from '../../scripts/engine/people';
import {
  addActivity,
  addDeal,
  addNudgeResponse,
  addRecord,
  createRepRollup,
  finishRep
} from '../../scripts/engine/rollup';
import type { DealInput, PreviousSnapshot } from '../../scripts/engine';
import { teamSnapshot as snap } from '../support/snapshots';
import { config, configCopy } from './helpers';
import { periodStart, weekRollup } from './support/week';

// Each count of a rep's snapshot and a team's rollup at its edges. The week starts on Monday
// 2024-02-26 and ends before Monday 2024-03-04; asOf is its last day, 2024-03-03. The win-rate
// window is the 365 days ending at asOf. Shipped config: staleAfterDays 14, pushedAfter 2,
// Qualification may last 30 days, WIIFM completeThreshold 80, minCompletenessGain 5,
// dropAfterPeriods 2; scorecard weights people 50, process 30, technology 20.
function rep(previous?: PreviousSnapshot, backfilled?: boolean) {
  return weekRollup('U1', 'M1', { previous, backfilled });
}

/**
 * An open deal that raises no flag and meets every Opportunity rule whose field it holds (it
 * holds no lead source, type or description, so those rules are hidden): in Qualification for 12
 * days (≤ 30), its last activity 2 days ago (≤ 14), closing after asOf, a next step, an amount.
 * Completeness: next step 20 + activity 20 + close date 15 + amount 15 = 70 of 70 → 100.
 */
const fresh = {
  Id: '006F',
  StageName: 'Qualification',
  IsClosed: false,
  Amount: 1000,
  CloseDate: '2024-03-20',
  NextStep: 'Demo',
  LastActivityDate: '2024-03-01',
  CreatedDate: '2024-02-20T00:00:00Z',
  LastStageChangeDate: '2024-02-20'
};
const openDeal = (id: string, extra: Record<string, unknown> = {}): DealInput => ({
  opportunity: { ...fresh, Id: id, ...extra }
});

describe('a rep snapshot, count by count', () => {
  it('counts PUSHED, NO_NEXT_STEP and STALE deals each in its own field, and freshness over four', () => {
    const r = rep();
    // Close date moved 02-28 → 03-15 (made 02-22, before 02-28: a push) → 04-10 (made 02-25,
    // before 03-15: a push): 2 pushes ≥ pushedAfter 2.
    const pushed = addDeal(r, {
      ...openDeal('P', { CloseDate: '2024-04-10' }),
      history: [
        {
          CreatedDate: '2024-02-20T00:00:00Z',
          StageName: 'Qualification',
          CloseDate: '2024-02-28'
        },
        {
          CreatedDate: '2024-02-22T00:00:00Z',
          StageName: 'Qualification',
          CloseDate: '2024-03-15'
        },
        { CreatedDate: '2024-02-25T00:00:00Z', StageName: 'Qualification', CloseDate: '2024-04-10' }
      ]
    });
    const noRoles = addDeal(r, { ...openDeal('C'), contactRoles: [] });
    const noStep = addDeal(r, openDeal('N', { NextStep: ' ' }));
    const stale = addDeal(r, openDeal('S', { LastActivityDate: '2024-02-10' })); // 22 days > 14
    expect([pushed, noRoles, noStep, stale].map((d) => d.risk.flags)).toEqual([
      ['PUSHED'],
      ['NO_CONTACT_ROLE', 'NO_DECISION_MAKER'],
      ['NO_NEXT_STEP'],
      ['STALE']
    ]);
    const s = finishRep(r);
    expect(s.record).toMatchObject({
      Open_Opportunities__c: 4,
      Open_Pipeline__c: 4000,
      Pushed_Opportunities__c: 1,
      Missing_Next_Step__c: 1,
      Stale_Opportunities__c: 1,
      Past_Due_Opportunities__c: 0
    });
    expect(s.signals.freshPct).toBe(75); // 3 of the 4 open deals are not stale
  });

  it('leaves an open deal with no field to score out of the completeness mean', () => {
    const r = rep();
    expect(addDeal(r, openDeal('F')).completeness.score).toBe(100);
    // No field visible: no rule applies, the score is null (not 0).
    expect(addDeal(r, { ...openDeal('H'), visibleFields: [] }).completeness.score).toBeNull();
    expect(finishRep(r).record.Completeness_Score__c).toBe(100);
  });

  it('keeps a deal of an unknown stage and a closed deal without a close date out of won and lost', () => {
    const r = rep();
    addDeal(r, { opportunity: { Id: 'U', StageName: 'Verbal yes', CloseDate: '2024-03-01' } });
    addDeal(r, { opportunity: { Id: 'X', StageName: 'Closed Lost', IsClosed: true } });
    addDeal(r, {
      opportunity: {
        Id: 'W',
        StageName: 'Closed Won',
        IsClosed: true,
        IsWon: true,
        CloseDate: '2024-03-01'
      }
    });
    expect(finishRep(r).record).toMatchObject({
      Won_Opportunities__c: 1,
      Lost_Opportunities__c: 0,
      Win_Rate__c: 100
    });
  });

  it('sorts closed deals into the WIIFM evidence, each fact with, without or left out', () => {
    const r = rep();
    const closed = (id: string, won: boolean, extra: Record<string, unknown>) => ({
      Id: id,
      StageName: won ? 'Closed Won' : 'Closed Lost',
      IsClosed: true,
      IsWon: won,
      CloseDate: '2024-02-20',
      ...extra
    });
    // W1, won: a next step; completeness amount 15 + type 5 of amount, type and description
    // (25) = 80, at the threshold; no history rows: not pushed; last activity 02-06, 14 days
    // before the close: recent; one role, a decision maker.
    addDeal(r, {
      opportunity: closed('W1', true, {
        NextStep: 'Call',
        Amount: 100,
        Type: 'New',
        Description: null,
        LastActivityDate: '2024-02-06'
      }),
      history: [],
      contactRoles: [{ Role: 'Decision Maker' }]
    });
    // L1, lost: a next step; completeness 15 of 25 = 60; moved 01-31 → 02-20 (made 01-10): one
    // push; last activity 15 days before the close: not recent; no role, so no decision maker.
    addDeal(r, {
      opportunity: closed('L1', false, {
        NextStep: 'Call',
        Amount: 100,
        Type: null,
        Description: null,
        LastActivityDate: '2024-02-05'
      }),
      history: [
        {
          CreatedDate: '2024-01-01T00:00:00Z',
          StageName: 'Proposal/Price Quote',
          CloseDate: '2024-01-31'
        },
        { CreatedDate: '2024-01-10T00:00:00Z', StageName: 'Closed Lost', CloseDate: '2024-02-20' }
      ],
      contactRoles: []
    });
    // W2, won, with none of these facts given: no NextStep key, no scorable field, no history
    // and no roles (left out of those), no activity at all (counted as not recent).
    addDeal(r, { opportunity: closed('W2', true, {}) });
    const s = finishRep(r);
    const cell = (withWon: number, withLost: number, withoutWon: number, withoutLost: number) => ({
      withWon,
      withLost,
      withoutWon,
      withoutLost
    });
    expect(s.evidence).toEqual({
      hasNextStep: cell(1, 1, 0, 0),
      hasContactRole: cell(1, 0, 0, 1),
      hasDecisionMaker: cell(1, 0, 0, 1),
      complete: cell(1, 0, 0, 1),
      notPushed: cell(1, 0, 0, 1),
      recentActivity: cell(1, 0, 1, 1)
    });
    expect(s.record).toMatchObject({ Won_Opportunities__c: 2, Lost_Opportunities__c: 1 });
    expect(s.record.Win_Rate__c).toBe(66.7); // 2 ÷ 3
  });

  it('rounds a win rate of two in four to 50', () => {
    const r = rep();
    for (const [id, won] of [
      ['A', true],
      ['B', true],
      ['C', false],
      ['D', false]
    ] as const) {
      addDeal(r, {
        opportunity: {
          Id: id,
          StageName: won ? 'Closed Won' : 'Closed Lost',
          IsClosed: true,
          IsWon: won,
          CloseDate: '2024-01-15'
        }
      });
    }
    expect(finishRep(r).record.Win_Rate__c).toBe(50);
  });

  it('counts activities from the first day of the week to its last, not the days either side', () => {
    const r = rep();
    for (const day of ['2024-02-25', '2024-02-26', '2024-02-28', '2024-03-03', '2024-03-04']) {
      addActivity(r, { ActivityDate: day });
    }
    expect(finishRep(r).record.Activities_Logged__c).toBe(3);
  });

  it('counts nudge answers of the week only, each action where it belongs', () => {
    const r = rep();
    const answer = (action: string, at: string, reason: string | null = null) =>
      addNudgeResponse(r, {
        Nudge_Key__c: 'Opp_NextStep:006F',
        Action__c: action,
        CreatedDate: at,
        Reason__c: reason
      });
    answer('Fixed', '2024-02-26T00:00:00Z'); // the first second of the week
    answer('Fixed', '2024-03-03T23:59:59Z'); // its last
    answer('Fixed', '2024-03-04T00:00:00Z'); // the next week
    answer('Fixed', '2024-02-25T23:59:59Z'); // the week before
    answer('Snoozed', '2024-02-27T09:00:00Z', 'Busy'); // an answer, but neither a fix nor feedback
    answer('Dismissed', '2024-02-27T09:00:00Z', "Doesn't fit my deals"); // feedback on the rule
    answer('Dismissed', '2024-02-27T09:00:00Z', '  '); // no reason: an answer only
    answer('Viewed', '2024-02-27T09:00:00Z'); // not an answer
    expect(finishRep(r).people).toMatchObject({ nudgeAnswers: 5, fixes: 2, feedbackGiven: 1 });
  });

  it('adds engagements from five sources and coaching acts from three', () => {
    const r = rep();
    const at = '2024-02-27T09:00:00Z';
    const times = (n: number, f: () => void) => Array.from({ length: n }, f);
    times(1, () => addEngagement(r, { Kind__c: 'Viewed_Adoption', Occurred_At__c: at }));
    times(2, () => addEngagement(r, { Kind__c: 'Read_Wiifm', Occurred_At__c: at }));
    times(4, () => addEngagement(r, { Kind__c: 'Training_Done', Occurred_At__c: at }));
    times(3, () => addMessageReceipt(r, { First_Seen__c: at }));
    times(3, () => addEngagement(r, { Kind__c: 'Prepared_Agenda', Occurred_At__c: at }));
    times(2, () => addNudgeResponse(r, { Nudge_Key__c: 'k', Action__c: 'Fixed', CreatedDate: at }));
    addNudgeResponse(r, {
      Nudge_Key__c: 'k',
      Action__c: 'Dismissed',
      CreatedDate: at,
      Reason__c: 'No'
    });
    const record = finishRep(r).record;
    // 1 viewed + 2 read + 3 messages + 4 trainings + 3 answers = 13; 2 fixes + 1 feedback + 3
    // agendas = 6.
    expect(record).toMatchObject({ Engagements__c: 13, Coaching_Acts__c: 6 });
  });

  it('shows a rep who logged in before the week as logged in, with no login in it', () => {
    const r = rep();
    addLogin(r, '2024-02-20T08:00:00Z');
    const s = finishRep(r);
    expect(s.record.Logged_In__c).toBe(true);
    expect(s.people.logins).toBe(0);
  });

  it('takes each object mean of its records, opportunities scored one by one into the deals', () => {
    const r = rep();
    addRecord(r, 'Contact', { Email: 'a@b.co' }); // the one rule held, met: 100
    addRecord(r, 'Contact', { Email: 'a@b.co', Title: null }); // 25 of 50: 50
    addRecord(r, 'Account', { Industry: 'Retail' }); // 100
    addRecord(r, 'Opportunity', { Amount: 100 }); // 100
    addRecord(r, 'Opportunity', { Amount: -5 }); // 0
    addRecord(r, 'Opportunity', { Id: '006Z' }); // no rule's field: no score, left out
    expect(finishRep(r).record).toMatchObject({
      Contact_Completeness__c: 75,
      Account_Completeness__c: 100,
      Lead_Completeness__c: null,
      Completeness_Score__c: 50
    });
  });

  it('scores a record against the visible fields given, not the keys it holds', () => {
    const r = rep();
    // Title visible though the record has no key for it: missing, 25 of 50.
    addRecord(r, 'Contact', { Email: 'a@b.co' }, ['Email', 'Title']);
    expect(finishRep(r).record.Contact_Completeness__c).toBe(50);
  });

  it('drops a rung after two periods below it, counting the one before', () => {
    // Involvement before, one period below already; nothing this period: Understanding only
    // (the knowledge is earned), 2 periods below = dropAfterPeriods: down to Acceptance.
    const s = finishRep(rep({ Adoption_Stage__c: 'Involvement', Weeks_Below_Stage__c: 1 }));
    expect(s.record).toMatchObject({ Adoption_Stage__c: 'Acceptance', Weeks_Below_Stage__c: 0 });
  });

  it('carries the periods at the standard on from the first rung too', () => {
    const r = rep({ Adoption_Stage__c: 'Awareness', Periods_At_Standard__c: 2 });
    addDeal(r, openDeal('F')); // completeness 100, fresh 100 %: nothing to fix
    for (const day of ['2024-02-26', '2024-02-27', '2024-02-28'])
      addActivity(r, { ActivityDate: day });
    addNudgeResponse(r, {
      Nudge_Key__c: 'k',
      Action__c: 'Snoozed',
      CreatedDate: '2024-02-27T09:00:00Z'
    });
    // Logged in (activities), 1 engagement: Understanding. 3 activities, 100, 100 %:
    // Acceptance, the standard: 2 + 1 = 3 periods at it. Nothing to fix stands for a coaching
    // act: Involvement. 3 activities < 5: not Commitment.
    expect(finishRep(r).record).toMatchObject({
      Adoption_Stage__c: 'Involvement',
      Periods_At_Standard__c: 3
    });
  });

  it('marks a backfilled period', () => {
    expect(finishRep(rep(undefined, true)).record.Backfilled__c).toBe(true);
  });

  it('names asOf when it is not a date', () => {
    expect(() =>
      createRepRollup(config, { userId: 'U', managerId: null, periodStart, asOf: 'soon' })
    ).toThrow('asOf must be');
  });
});

describe('a team rollup: most improved and win rate', () => {
  const improved = (...reps: [string, number, number][]) =>
    rollupTeam(config, {
      managerId: 'M1',
      snapshots: reps.map(([u, , now]) => snap(u, 'Understanding', true, now)),
      previousByUser: Object.fromEntries(
        reps.map(([u, before]) => [u, { Completeness_Score__c: before }])
      )
    }).mostImprovedUserId;

  it('recognises a gain of exactly 5, not one of 4', () => {
    expect(improved(['A', 40, 45])).toBe('A');
    expect(improved(['B', 50, 54])).toBeNull();
  });

  it('picks the larger gain, then on a tie the lower id, whatever the order', () => {
    expect(improved(['C', 40, 46], ['D', 40, 49])).toBe('D');
    expect(improved(['C', 40, 50], ['A', 40, 50])).toBe('A');
    expect(improved(['B', 40, 50], ['A', 40, 45])).toBe('B');
  });

  it('does not call a team with nobody in it at its target, even a target of 0 %', () => {
    const c = configCopy();
    c.tippingPointTargetPct = 0;
    expect(rollupTeam(c, { managerId: 'M1', snapshots: [] })).toMatchObject({
      tippingPointPct: null,
      reached: false
    });
  });

  it('gives one won and one lost a 50 % win rate', () => {
    const t = rollupTeam(config, {
      managerId: 'M1',
      snapshots: [
        snap('A', 'Acceptance', true, 70, 0, 1, 0),
        snap('B', 'Acceptance', true, 70, 0, 0, 1)
      ]
    });
    expect(t.winRate).toBe(50);
  });
});

describe('the scorecard', () => {
  it('leaves out a part that is not there at all, as it does a blank one', () => {
    const parts = { people: 40, process: undefined, technology: null } as unknown as Parameters<
      typeof scorecardScore
    >[1];
    expect(scorecardScore(config, parts)).toBe(40); // 50 × 40 ÷ 50
  });
});

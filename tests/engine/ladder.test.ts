import { rollupTeam } from '../../scripts/engine';
import { assessDealRisk } from '../../scripts/engine/risk';
import {
  addActivity,
  addDeal,
  addNudgeResponse,
  addRecord,
  finishRep
} from '../../scripts/engine/rollup';
import type { DealInput, PreviousSnapshot, RepRollup } from '../../scripts/engine';
import {
  addDealFixes,
  addEngagement,
  addLogin,
  addMessageReceipt
} from '../../scripts/engine/people';
import { config, configCopy } from './helpers';
import { asOf, closeDateMoves, weekRollup } from './support/week';

// The week of support/week.ts: Monday 2024-02-26, asOf its last day 2024-03-03.
// risk.staleAfterDays 14.
const rep = (previous: PreviousSnapshot | null = null, c = config) =>
  weekRollup('R', 'M', { previous }, c);

/** A deal as the sync folds it in: scored, then the fixes its data shows. */
function deal(r: RepRollup, input: DealInput) {
  addDeal(r, input);
  addDealFixes(r, input);
}

const complete = {
  StageName: 'Qualification',
  IsClosed: false,
  Amount: 5000,
  CloseDate: '2024-03-31',
  NextStep: 'Proposal',
  LeadSource: 'Web',
  Type: 'New Customer',
  Description: 'Renewal of the fleet',
  CreatedDate: '2024-01-01T09:00:00Z',
  LastStageChangeDate: '2024-02-20'
};

describe('the rep who logs everything and never clicks a nudge', () => {
  // 20 activities in the week; two open deals, fresh: D1 complete (100), D2 without a description
  // (85 of 90 → 94); completeness of the deals (100 + 94) ÷ 2 = 97. An account and a contact
  // complete (100), a lead without a title (100 − 10 = 90), each in its own field. Every open
  // deal fresh: 100 %. Previous rung Acceptance, so the knowledge is earned.
  function busyRep(quietGapDays: number) {
    const r = rep({
      Adoption_Stage__c: 'Acceptance',
      Weeks_Below_Stage__c: 0,
      Periods_At_Standard__c: 1
    });
    // D1: an activity on 02-27 after one `quietGapDays` earlier.
    const earlier = new Date(Date.UTC(2024, 1, 27 - quietGapDays)).toISOString().slice(0, 10);
    deal(r, {
      opportunity: { Id: 'D1', ...complete, LastActivityDate: '2024-02-27' },
      activities: [{ ActivityDate: earlier }, { ActivityDate: '2024-02-27' }]
    });
    // D2: activity every few days, never quiet.
    deal(r, {
      opportunity: { Id: 'D2', ...complete, Description: null, LastActivityDate: '2024-03-01' },
      activities: [
        { ActivityDate: '2024-02-20' },
        { ActivityDate: '2024-02-26' },
        { ActivityDate: '2024-03-01' }
      ]
    });
    addRecord(r, 'Account', {
      Industry: 'Energy',
      BillingCountry: 'NL',
      Phone: '+31 20 123 4567',
      Website: 'example.nl',
      NumberOfEmployees: 40,
      LastActivityDate: '2024-02-28'
    });
    addRecord(r, 'Contact', {
      Email: 'a@example.nl',
      Title: 'CFO',
      AccountId: '001A',
      Phone: '+31 20 123 4568',
      LastActivityDate: '2024-02-28'
    });
    addRecord(r, 'Lead', {
      Email: 'l@example.nl',
      Company: 'Example',
      Phone: '+31 20 123 4569',
      Title: null,
      LeadSource: 'Web',
      Status: 'Working - Contacted',
      LastActivityDate: '2024-03-01'
    });
    for (let i = 0; i < 20; i++)
      addActivity(r, { ActivityDate: i % 2 ? '2024-02-27' : '2024-03-01' });
    return finishRep(r);
  }

  it('reaches Involvement through the data: an activity on a deal quiet for 15 days is a fix', () => {
    const s = busyRep(15); // 15 > 14 days since the previous activity: the deal had gone quiet
    expect(s.signals).toEqual({
      loggedIn: true,
      engagements: 0,
      activitiesLogged: 20,
      completenessScore: 97,
      freshPct: 100,
      coachingActs: 1
    });
    expect(s.record).toMatchObject({
      Adoption_Stage__c: 'Involvement',
      Account_Completeness__c: 100,
      Contact_Completeness__c: 100,
      Lead_Completeness__c: 90,
      Coaching_Acts__c: 1,
      Periods_At_Standard__c: 2 // 1 before + this one; Commitment asks 4
    });
  });

  it('stays at Acceptance when nothing needed fixing: 14 days is not quiet yet', () => {
    const s = busyRep(14);
    expect(s.signals.coachingActs).toBe(0);
    expect(s.record.Adoption_Stage__c).toBe('Acceptance');
  });
});

describe('fixes the data shows, once per deal and kind, inside the week', () => {
  const fixes = (deal: DealInput) => addDealFixes(rep(), deal);
  const opp = { Id: 'D', ...complete };

  it('a past close date re-forecast in the week; a change before it passed is none', () => {
    // Close 02-15 had passed on 02-27 when it was moved to 03-20: a re-forecast, a fix.
    expect(
      fixes({
        opportunity: opp,
        history: closeDateMoves(['2024-01-10', '2024-02-15'], ['2024-02-27', '2024-03-20'])
      })
    ).toBe(1);
    // Moved on 02-10, before 02-15 had passed: no fix (and not in the week anyway).
    expect(
      fixes({
        opportunity: opp,
        // 02-20 is still in the past on 02-27.
        history: closeDateMoves(['2024-01-10', '2024-02-15'], ['2024-02-27', '2024-02-20'])
      })
    ).toBe(0);
  });

  it('a first contact role added in the week; a second role is none', () => {
    expect(
      fixes({
        opportunity: opp,
        contactRoles: [{ Role: 'Decision Maker', CreatedDate: '2024-02-28T10:00:00Z' }]
      })
    ).toBe(1);
    expect(
      fixes({
        opportunity: opp,
        contactRoles: [
          { Role: 'Influencer', CreatedDate: '2024-01-15T10:00:00Z' },
          { Role: 'Decision Maker', CreatedDate: '2024-02-28T10:00:00Z' }
        ]
      })
    ).toBe(0);
  });

  it('counts nothing on a deal closed before the fix, and each kind once', () => {
    // Closed (lost) 02-10: an activity on 02-27 after 30 quiet days is no longer a fix.
    expect(
      fixes({
        opportunity: { ...opp, IsClosed: true, StageName: 'Closed Lost', CloseDate: '2024-02-10' },
        activities: [{ ActivityDate: '2024-01-28' }, { ActivityDate: '2024-02-27' }]
      })
    ).toBe(0);
    // Activities 01-28 → 02-26 (29 quiet days: a fix) → 03-03 (6 days: none); the close date
    // 02-20, past on 03-01, re-forecast to 03-31 (a fix); a first role on 03-02 (a fix): 3.
    expect(
      fixes({
        opportunity: opp,
        activities: [
          { ActivityDate: '2024-01-28' },
          { ActivityDate: '2024-02-26' },
          { ActivityDate: '2024-03-03' }
        ],
        history: closeDateMoves(['2024-01-10', '2024-02-20'], ['2024-03-01', '2024-03-31']),
        contactRoles: [{ Role: 'Decision Maker', CreatedDate: '2024-03-02T10:00:00Z' }]
      })
    ).toBe(3);
  });
});

describe('people evidence of the week', () => {
  it('counts engagement rows, receipts, logins and answers by kind, inside the week only', () => {
    const r = rep();
    addEngagement(r, { Kind__c: 'Viewed_Adoption', Occurred_At__c: '2024-02-26T08:00:00Z' });
    addEngagement(r, { Kind__c: 'Read_Wiifm', Occurred_At__c: '2024-03-03T23:59:59Z' });
    addEngagement(r, { Kind__c: 'Read_Wiifm', Occurred_At__c: '2024-03-04T00:00:00Z' }); // after
    addEngagement(r, { Kind__c: 'Prepared_Agenda', Occurred_At__c: '2024-02-28T08:00:00Z' });
    addEngagement(r, { Kind__c: 'Training_Done', Occurred_At__c: '2024-02-28T08:00:00Z' });
    addEngagement(r, { Kind__c: 'Feedback', Occurred_At__c: '2024-02-28T08:00:00Z' });
    addEngagement(r, { Kind__c: 'Something_Else', Occurred_At__c: '2024-02-28T08:00:00Z' });
    addMessageReceipt(r, {
      First_Seen__c: '2024-02-01T08:00:00Z',
      Last_Shown__c: '2024-02-29T08:00:00Z'
    });
    addMessageReceipt(r, {
      First_Seen__c: '2024-02-01T08:00:00Z',
      Last_Shown__c: '2024-02-02T08:00:00Z'
    });
    addNudgeResponse(r, {
      Nudge_Key__c: 'Opp_Amount:D',
      Action__c: 'Dismissed',
      Reason__c: "Doesn't fit my deals",
      CreatedDate: '2024-02-27T10:00:00Z'
    });
    addNudgeResponse(r, {
      Nudge_Key__c: 'Opp_Amount:E',
      Action__c: 'Dismissed',
      Reason__c: '  ',
      CreatedDate: '2024-02-27T10:00:00Z'
    });
    addLogin(r, '2024-02-27T07:00:00Z');
    addLogin(r, '2024-03-05T07:00:00Z'); // after the week: not evidence for it
    const s = finishRep(r);
    expect(s.people).toEqual({
      logins: 1,
      viewedAdoption: 1,
      readWiifm: 1,
      messagesSeen: 1,
      feedbackGiven: 2, // the Feedback row and the dismissal with a reason
      preparedAgenda: 1,
      trainingDone: 1,
      nudgeAnswers: 2,
      fixes: 0
    });
    // engagements 1 + 1 + 1 + 1 + 2 = 6; coaching acts 0 fixes + 2 feedback + 1 agenda = 3.
    expect(s.signals).toMatchObject({ loggedIn: true, engagements: 6, coachingActs: 3 });
    // Understanding (login, engagement) but no activity: Acceptance not met, so Understanding.
    expect(s.record.Adoption_Stage__c).toBe('Understanding');
  });

  it('an earlier login is Awareness evidence, one before the rollout is not', () => {
    const r = rep();
    addLogin(r, '2023-11-02T07:00:00Z');
    expect(finishRep(r).signals.loggedIn).toBe(true);
    const c = configCopy();
    c.ladder.rolloutStart = '2024-01-01';
    const late = rep(null, c);
    addLogin(late, '2023-11-02T07:00:00Z');
    expect(finishRep(late).signals.loggedIn).toBe(false);
  });
});

describe('a non-user', () => {
  it('stands at the bottom rung and counts in the tipping point', () => {
    const nobody = finishRep(rep());
    expect(nobody.record.Adoption_Stage__c).toBe('Awareness');
    const adopter = finishRep(rep({ Adoption_Stage__c: 'Involvement', Periods_At_Standard__c: 0 }));
    // The adopter with an idle week stays on Involvement (first period below); 1 ÷ 2 = 50 %.
    expect(adopter.record.Adoption_Stage__c).toBe('Involvement');
    expect(
      rollupTeam(config, { managerId: null, snapshots: [nobody, adopter] }).tippingPointPct
    ).toBe(50);
  });
});

describe('pushes as Salesforce counts them', () => {
  const deal = (rows: [string, string][], c = config) =>
    assessDealRisk(
      c,
      {
        opportunity: { Id: 'P', ...complete, CloseDate: rows[rows.length - 1][1] },
        history: rows.map(([at, close]) => ({ CreatedDate: `${at}T09:00:00Z`, CloseDate: close }))
      },
      asOf
    ).pushCount;

  it('the nudge to re-forecast a past close date creates no push', () => {
    // 02-15 had passed when moved on 02-27 to 03-20: re-forecast.
    expect(
      deal([
        ['2024-01-10', '2024-02-15'],
        ['2024-02-27', '2024-03-20']
      ])
    ).toBe(0);
  });

  it('a push is a move into a later month made before the date passed', () => {
    expect(
      deal([
        ['2024-01-10', '2024-02-15'],
        ['2024-02-10', '2024-03-15']
      ])
    ).toBe(1);
    // Within February: not a push.
    expect(
      deal([
        ['2024-01-10', '2024-02-01'],
        ['2024-01-20', '2024-02-29']
      ])
    ).toBe(0);
    // Month edge: 01-31 → 02-01 is a later month.
    expect(
      deal([
        ['2024-01-10', '2024-01-31'],
        ['2024-01-20', '2024-02-01']
      ])
    ).toBe(1);
    // Earlier then later again: 03-15 → 02-20 (earlier) → 03-05 (later month): 1.
    expect(
      deal([
        ['2024-01-10', '2024-03-15'],
        ['2024-01-20', '2024-02-20'],
        ['2024-02-01', '2024-03-05']
      ])
    ).toBe(1);
  });

  it('counts the re-forecast when the config says so (and the config check then refuses the nudge)', () => {
    const c = configCopy();
    c.risk.reforecastIsPush = true;
    expect(
      deal(
        [
          ['2024-01-10', '2024-02-15'],
          ['2024-02-27', '2024-03-20']
        ],
        c
      )
    ).toBe(1);
  });
});

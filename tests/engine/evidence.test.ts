import { addDeal, addNudgeResponse, finishRep, repEvidence } from '../../scripts/engine/rollup';
import { closedDeal, weekRollup } from './support/week';

// The week of support/week.ts (Monday 2024-02-26, asOf 2024-03-03). Evidence rules (rollup.ts): deals closed in the window only; a fact not known (no history, no
// contact roles, NextStep not read, no applicable completeness rule) is left out.

describe('WIIFM evidence of closed deals, worked out by hand', () => {
  it('splits each closed deal on every fact it has, and leaves unknown facts out', () => {
    const rollup = weekRollup('U', null);
    const filled = { Amount: 100, LeadSource: 'Web', Type: 'New Customer', Description: 'x' };
    // W1 won 02-20: next step; one push (01-31 → 02-20 on 01-25: a later month, the date not yet
    // passed); a Decision Maker role; closed-deal
    // completeness 35 of 35 = 100 ≥ 80; last activity 02-10, 10 days before closing ≤ 14.
    addDeal(rollup, {
      opportunity: closedDeal('W1', true, '2024-02-20', { ...filled, NextStep: 'Sign' }),
      history: [
        {
          CreatedDate: '2024-01-02T09:00:00Z',
          StageName: 'Qualification',
          CloseDate: '2024-01-31'
        },
        { CreatedDate: '2024-01-25T09:00:00Z', StageName: 'Qualification', CloseDate: '2024-02-20' }
      ],
      activities: [{ ActivityDate: '2024-02-10' }],
      contactRoles: [{ Role: 'Decision Maker' }]
    });
    // W2 won 01-15: no next step; one history row (no push); no contact role (so no decision
    // maker); completeness amount 15 of 35 → 42 < 80; no activity at all → not recent.
    addDeal(rollup, {
      opportunity: closedDeal('W2', true, '2024-01-15', {
        Amount: 100,
        LeadSource: null,
        Type: null,
        Description: null,
        NextStep: null
      }),
      history: [
        { CreatedDate: '2024-01-02T09:00:00Z', StageName: 'Qualification', CloseDate: '2024-01-15' }
      ],
      activities: [],
      contactRoles: []
    });
    // L1 lost 03-01: next step; one push (02-01 → 02-15 stays in February; 02-15 → 03-01 on 02-10 is a push); an Analyst as Influencer
    // (a contact role, no decision maker); completeness 30 of 35 → 85 ≥ 80; last activity
    // 01-01, 60 days before closing.
    addDeal(rollup, {
      opportunity: closedDeal('L1', false, '2024-03-01', {
        ...filled,
        Description: null,
        NextStep: 'x'
      }),
      history: [
        {
          CreatedDate: '2024-01-02T09:00:00Z',
          StageName: 'Qualification',
          CloseDate: '2024-02-01'
        },
        {
          CreatedDate: '2024-01-20T09:00:00Z',
          StageName: 'Qualification',
          CloseDate: '2024-02-15'
        },
        { CreatedDate: '2024-02-10T09:00:00Z', StageName: 'Qualification', CloseDate: '2024-03-01' }
      ],
      activities: [{ ActivityDate: '2024-01-01' }],
      contactRoles: [{ Role: 'Influencer', Contact: { Title: 'Analyst' } }]
    });
    // L2 lost 2023-06-01: NextStep not read, no history, no contact roles, no completeness
    // field: only the activity is known (2023-05-25, 7 days before closing: recent).
    addDeal(rollup, {
      opportunity: closedDeal('L2', false, '2023-06-01', {}),
      activities: [{ ActivityDate: '2023-05-25' }]
    });
    // Won 2023-03-04: one day before the window, no evidence at all.
    addDeal(rollup, {
      opportunity: closedDeal('OLD', true, '2023-03-04', { ...filled, NextStep: 'x' }),
      contactRoles: []
    });

    expect(repEvidence(rollup)).toEqual({
      // W1 with/won, W2 without/won, L1 with/lost; L2 unknown.
      hasNextStep: { withWon: 1, withLost: 1, withoutWon: 1, withoutLost: 0 },
      // W1 with/won, W2 without/won, L1 with/lost; L2 unknown.
      hasContactRole: { withWon: 1, withLost: 1, withoutWon: 1, withoutLost: 0 },
      // W1 with/won, W2 without/won, L1 without/lost; L2 unknown.
      hasDecisionMaker: { withWon: 1, withLost: 0, withoutWon: 1, withoutLost: 1 },
      // W1 100 with/won, W2 42 without/won, L1 85 with/lost; L2 no score.
      complete: { withWon: 1, withLost: 1, withoutWon: 1, withoutLost: 0 },
      // Not pushed: W2 with/won; pushed: W1 without/won, L1 without/lost; L2 no history.
      notPushed: { withWon: 1, withLost: 0, withoutWon: 1, withoutLost: 1 },
      // W1 with/won, W2 without/won (no activity), L1 without/lost, L2 with/lost.
      recentActivity: { withWon: 1, withLost: 1, withoutWon: 1, withoutLost: 1 }
    });
    // 2 won, 2 lost in the window → 50 %.
    expect(finishRep(rollup).record).toMatchObject({
      Won_Opportunities__c: 2,
      Lost_Opportunities__c: 2,
      Win_Rate__c: 50,
      Open_Opportunities__c: 0,
      Completeness_Score__c: null
    });
  });

  it('counts Fixed answers given inside the week only, and none with an unreadable date', () => {
    const rollup = weekRollup('U', null);
    const fixed = (at: string) =>
      addNudgeResponse(rollup, {
        Nudge_Key__c: 'Opp_NextStep:D',
        Action__c: 'Fixed',
        CreatedDate: at
      });
    fixed('2024-02-26T00:00:00Z'); // the week's first second: counted
    fixed('2024-03-03T23:59:59Z'); // its last second: counted
    fixed('2024-02-25T23:59:59Z'); // the Sunday before: not counted
    fixed('2024-03-04T00:00:00Z'); // the Monday after: not counted
    fixed('yesterday'); // not a date: not counted
    addNudgeResponse(rollup, {
      Nudge_Key__c: 'Opp_Amount:D',
      Action__c: 'Snoozed',
      CreatedDate: '2024-02-27T10:00:00Z'
    }); // not a fix
    // Two Fixed answers in the week are two fixes; with the snooze, three answers.
    expect(finishRep(rollup).people).toMatchObject({ fixes: 2, nudgeAnswers: 3 });
  });
});

import { FEEDBACK_REASONS, feedbackByRule, isFeedback, trainingUrlOf } from '../../scripts/engine';
import type { FeedbackRow } from '../../scripts/engine';
import { config, configCopy } from './helpers';

const row = (over: Partial<FeedbackRow>): FeedbackRow => ({
  OwnerId: 'U1',
  Nudge_Key__c: 'Opp_NextStep:006A',
  Action__c: 'Dismissed',
  Reason__c: "Doesn't fit my deals",
  Comment__c: null,
  CreatedDate: '2026-03-02T10:00:00.000Z',
  ...over
});

describe('feedback on the rules', () => {
  it('is a dismissal with one of the three reasons', () => {
    expect(FEEDBACK_REASONS).toEqual([
      "Doesn't fit my deals",
      "I don't know how",
      'Already done elsewhere'
    ]);
    expect(isFeedback(row({}))).toBe(true);
    expect(isFeedback(row({ Reason__c: null }))).toBe(false);
    expect(isFeedback(row({ Reason__c: 'Not relevant' }))).toBe(false);
    expect(isFeedback(row({ Action__c: 'Snoozed' }))).toBe(false);
  });

  it('totals per rule, reason and team, with the comments newest first', () => {
    const teams: Record<string, string> = { U1: 'M1', U2: 'M1', U3: 'M2' };
    const rows = [
      row({ Comment__c: 'Renewals have none', CreatedDate: '2026-03-01T09:00:00.000Z' }),
      row({ Reason__c: "I don't know how", Nudge_Key__c: 'Opp_NextStep:006B' }),
      row({ OwnerId: 'U3', Comment__c: 'Same here', CreatedDate: '2026-03-03T09:00:00.000Z' }),
      row({ OwnerId: 'U2', Nudge_Key__c: 'Opp_Amount:006C', Reason__c: 'Already done elsewhere' }),
      row({ OwnerId: 'U9', Nudge_Key__c: 'Opp_Amount:006D', Reason__c: 'Already done elsewhere' }),
      row({ Reason__c: null })
    ];
    const result = feedbackByRule(config, rows, (id) => teams[id] ?? null);
    // Opp_NextStep: 3 answers (U1 twice, U3), teams M1 2, M2 1. Opp_Amount: 2 (U2 in M1, U9
    // with no team known).
    expect(result).toEqual([
      {
        nudgeKey: 'Opp_NextStep',
        label: 'Nudge_Opp_NextStep',
        total: 3,
        reps: 2,
        byReason: { "Doesn't fit my deals": 2, "I don't know how": 1, 'Already done elsewhere': 0 },
        byTeam: [
          { managerId: 'M1', total: 2 },
          { managerId: 'M2', total: 1 }
        ],
        comments: [
          {
            userId: 'U3',
            reason: "Doesn't fit my deals",
            comment: 'Same here',
            at: '2026-03-03T09:00:00.000Z'
          },
          {
            userId: 'U1',
            reason: "Doesn't fit my deals",
            comment: 'Renewals have none',
            at: '2026-03-01T09:00:00.000Z'
          }
        ]
      },
      {
        nudgeKey: 'Opp_Amount',
        label: 'Nudge_Opp_Amount',
        total: 2,
        reps: 2,
        byReason: { "Doesn't fit my deals": 0, "I don't know how": 0, 'Already done elsewhere': 2 },
        byTeam: [
          { managerId: 'M1', total: 1 },
          { managerId: null, total: 1 }
        ],
        comments: []
      }
    ]);
  });

  it('skips rows without a nudge key, and counts a row without an owner in no rep and no team', () => {
    // teamOf is asked about real owners only: it records the ids it is given.
    const asked: string[] = [];
    const teamOf = (id: string) => {
      asked.push(id);
      return id === 'U1' ? 'M1' : null;
    };
    const rows = [
      row({ Nudge_Key__c: null }), // no key: skipped
      row({ Nudge_Key__c: ':006A' }), // an empty rule key: skipped
      row({ Nudge_Key__c: '   ' }), // blank: skipped
      row({ OwnerId: null, Comment__c: 'No owner', CreatedDate: '2026-03-04T09:00:00.000Z' }),
      row({ OwnerId: '  ' }), // a blank owner is no owner either
      row({})
    ];
    // Three rows on Opp_NextStep; one rep (U1); U1's team M1 once, no team twice (most first).
    expect(feedbackByRule(config, rows, teamOf)).toEqual([
      {
        nudgeKey: 'Opp_NextStep',
        label: 'Nudge_Opp_NextStep',
        total: 3,
        reps: 1,
        byReason: { "Doesn't fit my deals": 3, "I don't know how": 0, 'Already done elsewhere': 0 },
        byTeam: [
          { managerId: null, total: 2 },
          { managerId: 'M1', total: 1 }
        ],
        comments: [
          {
            userId: null,
            reason: "Doesn't fit my deals",
            comment: 'No owner',
            at: '2026-03-04T09:00:00.000Z'
          }
        ]
      }
    ]);
    expect(asked).toEqual(['U1']);
  });

  it('orders rules by feedback then key, teams by feedback then id (no team last), comments newest first', () => {
    const teams: Record<string, string | null> = {
      U1: 'M1',
      U2: 'M2',
      U3: 'M3',
      U4: null,
      U5: 'M2',
      U6: 'M1'
    };
    // Every list below is given in an order other than the expected one.
    const rows = [
      row({ Nudge_Key__c: 'Retired_Rule:006Z', OwnerId: 'U6' }),
      row({ Nudge_Key__c: 'Opp_Details:006Y', OwnerId: 'U6' }),
      row({
        OwnerId: 'U4',
        Reason__c: "I don't know how",
        Comment__c: 'Undated',
        CreatedDate: null
      }),
      row({
        OwnerId: 'U3',
        Reason__c: 'Already done elsewhere',
        Comment__c: 'Older',
        CreatedDate: '2026-03-01T09:00:00.000Z'
      }),
      row({ OwnerId: 'U2', Comment__c: 'Newest', CreatedDate: '2026-03-05T09:00:00.000Z' }),
      row({ OwnerId: 'U5' }),
      row({ OwnerId: 'U1', Reason__c: "I don't know how" }),
      row({ Nudge_Key__c: 'Opp_Amount:006X', OwnerId: 'U6' })
    ];
    const result = feedbackByRule(config, rows, (id) => teams[id] ?? null);
    // Opp_NextStep has 5 rows; the other three 1 each, by key: Opp_Amount < Opp_Details <
    // Retired_Rule (a key the catalogue does not have: no label).
    expect(result.map((r) => [r.nudgeKey, r.label, r.total, r.reps])).toEqual([
      ['Opp_NextStep', 'Nudge_Opp_NextStep', 5, 5],
      ['Opp_Amount', 'Nudge_Opp_Amount', 1, 1],
      ['Opp_Details', 'Nudge_Opp_Details', 1, 1],
      ['Retired_Rule', null, 1, 1]
    ]);
    const next = result[0];
    // U2 and U5 doesn't fit, U4 and U1 don't know how, U3 done elsewhere.
    expect(next.byReason).toEqual({
      "Doesn't fit my deals": 2,
      "I don't know how": 2,
      'Already done elsewhere': 1
    });
    // Teams in row order: none (U4), M3, M2, M2, M1. M2 has 2; then the ties at 1 by id, the
    // rep without a team last.
    expect(next.byTeam).toEqual([
      { managerId: 'M2', total: 2 },
      { managerId: 'M1', total: 1 },
      { managerId: 'M3', total: 1 },
      { managerId: null, total: 1 }
    ]);
    // Comments: 03-05 (U2), 03-01 (U3), then the one without a date.
    expect(next.comments.map((c) => [c.userId, c.comment, c.at])).toEqual([
      ['U2', 'Newest', '2026-03-05T09:00:00.000Z'],
      ['U3', 'Older', '2026-03-01T09:00:00.000Z'],
      ['U4', 'Undated', null]
    ]);
    expect(result[1].byTeam).toEqual([{ managerId: 'M1', total: 1 }]);
  });

  it('keeps lists given in order in that order, and compares team ids as text', () => {
    // Team ids that read as numbers: '10' comes before '9' as text; no team still last.
    const teams: Record<string, string | null> = { U1: '10', U2: '9', U3: null };
    const rows = [
      row({ Nudge_Key__c: 'Opp_Amount:006X' }),
      row({ Nudge_Key__c: 'Opp_Details:006Y' }),
      row({ OwnerId: 'U1', Comment__c: 'Newest', CreatedDate: '2026-03-05T09:00:00.000Z' }),
      row({ OwnerId: 'U2', Comment__c: 'Older', CreatedDate: '2026-03-01T09:00:00.000Z' }),
      row({ OwnerId: 'U3', Comment__c: 'Undated', CreatedDate: 'last week' })
    ];
    const result = feedbackByRule(config, rows, (id) => teams[id] ?? null);
    // Opp_NextStep 3 rows; Opp_Amount and Opp_Details 1 each, already in key order.
    expect(result.map((r) => [r.nudgeKey, r.total])).toEqual([
      ['Opp_NextStep', 3],
      ['Opp_Amount', 1],
      ['Opp_Details', 1]
    ]);
    // One row per team, given in the expected order: '10', '9', then no team.
    expect(result[0].byTeam).toEqual([
      { managerId: '10', total: 1 },
      { managerId: '9', total: 1 },
      { managerId: null, total: 1 }
    ]);
    // Given newest first, the unreadable date last: kept so.
    expect(result[0].comments.map((c) => [c.userId, c.at])).toEqual([
      ['U1', '2026-03-05T09:00:00.000Z'],
      ['U2', '2026-03-01T09:00:00.000Z'],
      ['U3', 'last week']
    ]);
  });

  it('finds a nudge’s training link in the training paths, if any', () => {
    // The shipped config's paths (governance.training.paths): Opp_NextStep is listed by
    // Opportunity_Basics, Con_Title by Buying_Committee; no path lists an unknown key.
    expect(trainingUrlOf(config, 'Opp_NextStep')).toBe(
      'https://trailhead.salesforce.com/search?keywords=opportunity%20management'
    );
    expect(trainingUrlOf(config, 'Con_Title')).toBe(
      'https://trailhead.salesforce.com/search?keywords=opportunity%20contact%20roles'
    );
    expect(trainingUrlOf(config, 'No_Such_Nudge')).toBeNull();
    // The first path that lists the nudge wins: one put before Buying_Committee takes Con_Title.
    const first = configCopy();
    first.governance!.training!.paths.unshift({
      key: 'First',
      label: 'Training_GettingStarted',
      url: 'https://example.com/first',
      nudges: ['Con_Title']
    });
    expect(trainingUrlOf(first, 'Con_Title')).toBe('https://example.com/first');
    // A config without a governance section has no training link.
    const none = configCopy();
    delete none.governance;
    expect(trainingUrlOf(none, 'Opp_NextStep')).toBeNull();
  });
});

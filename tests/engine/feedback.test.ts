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

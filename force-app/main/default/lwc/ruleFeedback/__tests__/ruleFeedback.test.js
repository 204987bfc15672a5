import RuleFeedback from 'c/ruleFeedback';
import { graphql } from 'lightning/graphql';
import { createRecord } from 'lightning/uiRecordApi';
import { connection, createdMessages } from '../../messageData/__tests__/graphqlRows';
import { $, cleanUp, flush, mountWith, texts } from '../../ldsUtils/__tests__/componentTest';

// sfdx-lwc-jest's lightning/graphql stub has no refreshGraphQL; the platform's module has.
jest.mock('lightning/graphql', () => ({
  ...jest.requireActual('lightning/graphql'),
  refreshGraphQL: jest.fn(() => Promise.resolve())
}));

const answer = (id, owner, key, reason, comment = null, at = '2026-03-02T10:00:00.000Z') => ({
  Id: id,
  OwnerId: owner,
  Nudge_Key__c: `${key}:006${id}`,
  Action__c: 'Dismissed',
  Reason__c: reason,
  Comment__c: comment,
  CreatedDate: at
});

const DATA = {
  uiapi: {
    query: {
      Nudge_Response__c: connection([
        answer('1', 'U1', 'Opp_NextStep', "Doesn't fit my deals", 'Renewals have no next step'),
        answer('2', 'U1', 'Opp_NextStep', "I don't know how"),
        answer('3', 'U3', 'Opp_NextStep', "Doesn't fit my deals", null),
        answer('4', 'U2', 'Opp_Amount', 'Already done elsewhere', 'In the quote tool'),
        // Dismissed without a reason: not feedback.
        answer('5', 'U2', 'Opp_NextStep', null)
      ]),
      Adoption_Snapshot__c: connection([
        { Id: 's1', User__c: 'U1', Manager__c: 'M1', Manager__r: { Name: 'Maria Lopez' } },
        { Id: 's2', User__c: 'U2', Manager__c: 'M1', Manager__r: { Name: 'Maria Lopez' } },
        { Id: 's3', User__c: 'U3', Manager__c: 'M2', Manager__r: { Name: 'Sam Okafor' } }
      ])
    }
  }
};

/** The reply on Opp_NextStep to the reps who gave feedback on it: 14 days from asOf. */
const REPLY = {
  Name: 'Renewals no longer need a next step',
  Body__c: 'You said it, we changed the rule.',
  Kind__c: 'Reply',
  Status__c: 'Published',
  Audience_Type__c: 'Feedback_Givers',
  Audience_Value__c: 'Opp_NextStep',
  Start_Date__c: '2026-03-04',
  End_Date__c: '2026-03-18'
};

const mount = (data) =>
  mountWith('c-rule-feedback', RuleFeedback, { asOf: '2026-03-04' }, [graphql, data]);

describe('c-rule-feedback', () => {
  afterEach(cleanUp);

  it('totals the feedback per rule, reason and team, with the comments', async () => {
    const element = await mount(DATA);
    // Opp_NextStep: answers 1, 2, 3 (5 has no reason) from U1 and U3; Opp_Amount: answer 4.
    const next = $(element, '[data-rule-feedback="Opp_NextStep"]');
    expect(next.querySelector('h3').textContent).toBe(
      'Add the next step you agreed with the customer.'
    );
    expect(next.querySelector('[data-id="total"]').textContent).toBe('3 answers · from 2 reps');
    expect(texts(next, '[data-id="reasons"] li')).toEqual([
      "Doesn't fit my deals: 2",
      "I don't know how: 1",
      'Already done elsewhere: 0'
    ]);
    expect(texts(next, '[data-id="teams"] li')).toEqual(['Maria Lopez: 2', 'Sam Okafor: 1']);
    expect(texts(next, '[data-id="comments"] li')).toEqual([
      "Doesn't fit my deals: Renewals have no next step"
    ]);
    const amount = $(element, '[data-rule-feedback="Opp_Amount"]');
    expect(amount.querySelector('[data-id="total"]').textContent).toBe('1 answer · from 1 rep');
    await expect(element).toBeAccessible();
  });

  it('replies on a rule to the reps who gave feedback on it', async () => {
    createRecord.mockResolvedValue({ id: 'a0AR1' });
    const element = await mount(DATA);
    const next = () => $(element, '[data-rule-feedback="Opp_NextStep"]');
    next().querySelector('lightning-button').click();
    await flush();
    next().querySelector('[data-field="Name"]').value = 'Renewals no longer need a next step';
    next().querySelector('[data-field="Body__c"]').value = 'You said it, we changed the rule.';
    next().querySelector('lightning-button[data-rule="Opp_NextStep"]').click();
    await flush();
    expect(createdMessages()).toEqual([REPLY]);
    expect(next().querySelector('[data-id="sent"]')).not.toBeNull();
    await expect(element).toBeAccessible();
  });

  it('says when there is no feedback, and renders errors', async () => {
    const element = await mount({
      uiapi: { query: { Nudge_Response__c: connection([]), Adoption_Snapshot__c: connection([]) } }
    });
    expect($(element, '[data-id="none"]').textContent).toBe('No feedback on the rules yet.');
    await expect(element).toBeAccessible();
    graphql.emitErrors([{ message: 'boom' }]);
    await flush();
    expect($($(element, 'c-load-state'), 'c-error-panel')).not.toBeNull();
  });
});

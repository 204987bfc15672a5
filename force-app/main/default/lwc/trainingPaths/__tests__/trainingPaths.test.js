import TrainingPaths from 'c/trainingPaths';
import { graphql } from 'lightning/graphql';
import { createRecord } from 'lightning/uiRecordApi';
import USER_ID from '@salesforce/user/Id';
import { connection } from '../../messageData/__tests__/graphqlRows';
import { $, $$, answer, cleanUp, flush, mountWith } from '../../ldsUtils/__tests__/componentTest';

function data({ created = '2025-01-10T09:00:00.000Z', stages = [], dontKnow = [], done = [] }) {
  return {
    uiapi: {
      query: {
        User: connection([{ Id: USER_ID, CreatedDate: created }]),
        Adoption_Snapshot__c: connection(
          stages.map((s, i) => ({
            Id: `snap${i}`,
            Period_Start__c: `2026-11-${23 - 7 * i}`,
            Adoption_Stage__c: s
          }))
        ),
        Nudge_Response__c: connection(
          dontKnow.map((k, i) => ({ Id: `nr${i}`, Nudge_Key__c: `${k}:006000000000001AAA` }))
        ),
        Coach_Engagement__c: connection(done.map((k, i) => ({ Id: `ce${i}`, Subject__c: k })))
      }
    }
  };
}

/** The paths once the query has answered `value`, with `refresh` as the answer's refresh. */
const mount = (value, refresh) =>
  mountWith('c-training-paths', TrainingPaths, { asOf: '2026-11-25' }, [
    graphql,
    value,
    () => true,
    refresh
  ]);

const paths = (element) =>
  $$(element, '[data-id="training-path"]').map((li) => [
    li.dataset.path,
    li.querySelector('a').getAttribute('href'),
    li.querySelector('p.slds-text-body_small').textContent
  ]);

describe('c-training-paths', () => {
  afterEach(cleanUp);

  it('shows nothing to a rep who kept their rung, is not new and knows how', async () => {
    const element = await mount(data({ stages: ['Acceptance', 'Acceptance'] }));
    expect($(element, 'lightning-card')).toBeNull();
  });

  it('offers the remedial path of the rung dropped from and the path of a tip not known', async () => {
    const element = await mount(
      data({ stages: ['Understanding', 'Acceptance'], dontKnow: ['Opp_DecisionMaker'] })
    );
    // Dropped from Acceptance (newest first: Understanding this week): remedial.Acceptance is
    // Opportunity_Basics; Opp_DecisionMaker's path is Buying_Committee.
    expect(paths(element)).toEqual([
      [
        'Opportunity_Basics',
        'https://trailhead.salesforce.com/search?keywords=opportunity%20management',
        'To win back the Acceptance rung'
      ],
      [
        'Buying_Committee',
        'https://trailhead.salesforce.com/search?keywords=opportunity%20contact%20roles',
        "You said you don't know how to: Identify the decision maker on this deal and add them as a contact role."
      ]
    ]);
    await expect(element).toBeAccessible();
  });

  it('records "done" as a Training_Done engagement with its key, and shows it done', async () => {
    createRecord.mockResolvedValue({ id: 'a0E000000000001AAA' });
    const refresh = jest.fn().mockResolvedValue(undefined);
    // Created 2026-11-01: 24 days before asOf, within the 30 of a new hire.
    const element = await mount(data({ created: '2026-11-01T08:00:00.000Z' }), refresh);
    expect(paths(element).map((p) => p[0])).toEqual(['Getting_Started']);
    $(element, '[data-id="mark-done"]').click();
    await flush();
    expect(createRecord.mock.calls[0][0]).toEqual({
      apiName: 'Coach_Engagement__c',
      fields: {
        Engagement_Key__c: `${USER_ID}:Training_Done:Getting_Started:2026-11-25`,
        User__c: USER_ID,
        Kind__c: 'Training_Done',
        Subject__c: 'Getting_Started',
        Occurred_At__c: expect.stringMatching(/^\d{4}-\d\d-\d\dT/)
      }
    });
    expect(refresh).toHaveBeenCalledTimes(1);
    await answer([
      graphql,
      data({ created: '2026-11-01T08:00:00.000Z', done: ['Getting_Started'] }),
      () => true
    ]);
    expect($(element, '[data-id="training-done"]').textContent).toBe('Done');
    expect($(element, '[data-id="mark-done"]')).toBeNull();
  });
});

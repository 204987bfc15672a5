import MessageBanner from 'c/messageBanner';
import USER_ID from '@salesforce/user/Id';
import { graphql } from 'lightning/graphql';
import { createRecord, updateRecord } from 'lightning/uiRecordApi';
import { connection } from '../../messageData/__tests__/graphqlRows';
import { $, $$, cleanUp, flush, mountWith } from '../../ldsUtils/__tests__/componentTest';

const MESSAGE = {
  Id: 'a0AM1',
  Name: 'Next steps on every open deal from Monday',
  Kind__c: 'What_Changes',
  Body__c: 'From Monday each open deal carries its next step.\nYour manager will ask in the 1:1.',
  Link_Url__c: 'https://example.com/next-steps',
  Status__c: 'Published',
  Audience_Type__c: 'Team',
  Audience_Value__c: '005MGR1',
  Start_Date__c: '2026-03-01',
  End_Date__c: '2026-03-31',
  Win_Rep__c: null,
  CreatedDate: '2026-03-01T08:00:00.000Z'
};

function data({ messages = [MESSAGE], receipts = [], manager = '005MGR1' } = {}) {
  return {
    uiapi: {
      query: {
        Adoption_Message__c: connection(messages),
        Message_Receipt__c: connection(receipts),
        Adoption_Snapshot__c: connection([
          {
            Id: 'a02S1',
            User__c: USER_ID,
            Manager__c: manager,
            Adoption_Stage__c: 'Understanding',
            Missing_Next_Step__c: 1,
            Stale_Opportunities__c: 0,
            Past_Due_Opportunities__c: 0,
            Pushed_Opportunities__c: 0
          }
        ]),
        Nudge_Response__c: connection([])
      }
    }
  };
}

const AS_OF = '2026-03-02T09:00:00.000Z';

/** The banner at `asOf` once its query has answered `value`. */
const mount = (value, asOf = AS_OF) =>
  mountWith('c-message-banner', MessageBanner, { asOf }, [graphql, value]);

describe('c-message-banner', () => {
  beforeEach(() => {
    window.localStorage.clear();
    createRecord.mockResolvedValue({ id: 'a0BR1' });
    updateRecord.mockResolvedValue({});
  });
  afterEach(cleanUp);

  it('shows a message of the rep’s team and writes the first receipt', async () => {
    const element = await mount(data());
    expect($(element, '[data-id="headline"]').textContent).toBe(MESSAGE.Name);
    expect($(element, '[data-id="kind"]').textContent).toBe('What changes and when');
    expect($(element, '[data-id="body"]').textContent).toBe(MESSAGE.Body__c);
    expect($(element, '[data-id="link"]').getAttribute('href')).toBe(MESSAGE.Link_Url__c);
    expect(createRecord).toHaveBeenCalledWith({
      apiName: 'Message_Receipt__c',
      fields: {
        Receipt_Key__c: `a0AM1:${USER_ID}`,
        Message__c: 'a0AM1',
        User__c: USER_ID,
        First_Seen__c: '2026-03-02T09:00:00.000Z',
        Last_Shown__c: '2026-03-02T09:00:00.000Z',
        Times_Shown__c: 1
      }
    });
    await expect(element).toBeAccessible();
  });

  it('“Got it” acknowledges the message and it goes', async () => {
    const element = await mount(data());
    $(element, 'lightning-button').click();
    await flush();
    expect(updateRecord).toHaveBeenCalledWith({
      fields: { Id: 'a0BR1', Acknowledged__c: '2026-03-02T09:00:00.000Z' }
    });
    expect($(element, 'lightning-card')).toBeNull();
    await expect(element).toBeAccessible();
  });

  it('waits 48 hours after a showing that was not acknowledged, then counts the second', async () => {
    const receipt = {
      Id: 'a0BR1',
      Message__c: 'a0AM1',
      User__c: USER_ID,
      First_Seen__c: '2026-03-02T09:00:00.000Z',
      Last_Shown__c: '2026-03-02T09:00:00.000Z',
      Times_Shown__c: 1,
      Acknowledged__c: null
    };
    // 47 h 59 min later: nothing, and nothing written.
    const early = await mount(data({ receipts: [receipt] }), '2026-03-04T08:59:00.000Z');
    expect($(early, 'lightning-card')).toBeNull();
    expect(updateRecord).not.toHaveBeenCalled();
    document.body.removeChild(early);

    // 48 h later: shown again, the receipt updated to a second showing.
    const due = await mount(data({ receipts: [receipt] }), '2026-03-04T09:00:00.000Z');
    expect($(due, '[data-id="headline"]').textContent).toBe(MESSAGE.Name);
    expect(updateRecord).toHaveBeenCalledWith({
      fields: {
        Id: 'a0BR1',
        First_Seen__c: '2026-03-02T09:00:00.000Z',
        Last_Shown__c: '2026-03-04T09:00:00.000Z',
        Times_Shown__c: 2
      }
    });
    expect(createRecord).not.toHaveBeenCalled();
  });

  it('shows nothing to a rep of another team', async () => {
    const element = await mount(data({ manager: '005MGR2' }));
    expect($(element, 'lightning-card')).toBeNull();
    expect(createRecord).not.toHaveBeenCalled();
  });

  it('tells the rep when their own win is shared', async () => {
    const win = {
      ...MESSAGE,
      Kind__c: 'Quick_Win',
      Audience_Type__c: 'Everyone',
      Audience_Value__c: null,
      Win_Rep__c: USER_ID
    };
    const element = await mount(data({ messages: [win] }));
    expect($(element, '[data-id="your-win"]').textContent).toBe(
      'Your win is being shared with the team. Well done!'
    );
    expect($$(element, 'li[data-message]')).toHaveLength(1);
    await expect(element).toBeAccessible();
  });

  it('renders the error state when the query fails', async () => {
    const element = await mountWith('c-message-banner', MessageBanner, { asOf: AS_OF }, () =>
      graphql.emitErrors([{ message: 'Object Adoption_Message__c is not supported' }])
    );
    expect($(element, 'c-error-panel')).not.toBeNull();
    await expect(element).toBeAccessible();
  });
});

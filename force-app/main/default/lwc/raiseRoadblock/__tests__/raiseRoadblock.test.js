import RaiseRoadblock from 'c/raiseRoadblock';
import { graphql } from 'lightning/graphql';
import { createRecord } from 'lightning/uiRecordApi';
import { connection } from '../../messageData/__tests__/graphqlRows';
import { $, $$, cleanUp, flush, mountWith } from '../../ldsUtils/__tests__/componentTest';

const MINE = {
  uiapi: {
    query: {
      Roadblock__c: connection([
        {
          Id: 'a0R000000000001AAA',
          Subject__c: 'Mobile login fails',
          Status__c: 'Closed',
          Raised_On__c: '2026-10-01',
          Due_Date__c: null
        }
      ]),
      User: connection([{ Id: '005000000000001AAA', ManagerId: '005000000000009AAA' }])
    }
  }
};

/** The form once MINE is in, with `refresh` as the refresh function of the GraphQL answer. */
const mount = (refresh) =>
  mountWith('c-raise-roadblock', RaiseRoadblock, { asOf: '2026-11-25' }, [
    graphql,
    MINE,
    () => true,
    refresh
  ]);

function change(element, id, detail) {
  $(element, `[data-id="${id}"]`).dispatchEvent(new CustomEvent('change', { detail }));
}

describe('c-raise-roadblock', () => {
  afterEach(cleanUp);

  it("lists the user's roadblocks with their status", async () => {
    const element = await mount();
    const items = $$(element, '[data-id="my-roadblock"]');
    expect(items.map((i) => i.textContent)).toEqual(['Mobile login fails · Closed']);
    await expect(element).toBeAccessible();
  });

  it("raises a roadblock for the rep's team and a tip, with the exact record", async () => {
    createRecord.mockResolvedValue({ id: 'a0R000000000002AAA' });
    const refresh = jest.fn().mockResolvedValue(undefined);
    const element = await mount(refresh);
    const raise = $(element, '[data-id="raise"]');
    expect(raise.disabled).toBe(true);
    change(element, 'subject', { value: '  Quotes are typed twice  ' });
    change(element, 'details', { value: 'Since the new price book' });
    change(element, 'rule', { value: 'Opp_Amount' });
    change(element, 'team', { checked: true });
    change(element, 'due', { value: '2026-12-05' });
    await flush();
    expect(raise.disabled).toBe(false);
    $(element, '[data-id="roadblock-form"]').dispatchEvent(
      new CustomEvent('submit', { cancelable: true })
    );
    await flush();
    expect(createRecord).toHaveBeenCalledTimes(1);
    expect(createRecord.mock.calls[0][0]).toEqual({
      apiName: 'Roadblock__c',
      fields: {
        Subject__c: 'Quotes are typed twice',
        Description__c: 'Since the new price book',
        Status__c: 'Open',
        Blocked_Rule__c: 'Opp_Amount',
        // The rep's team: the rep's manager.
        Blocked_Team__c: '005000000000009AAA',
        Raised_On__c: '2026-11-25',
        Due_Date__c: '2026-12-05'
      }
    });
    expect(refresh).toHaveBeenCalledTimes(1);
    // The form is cleared for the next one.
    expect($(element, '[data-id="subject"]').value).toBe('');
  });
});

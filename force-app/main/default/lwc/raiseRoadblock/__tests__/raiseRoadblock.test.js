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

/** Opens the form with its button and settles; returns the form. */
async function openForm(element) {
  element.shadowRoot.querySelector('[data-id="open-form"]').click();
  await flush();
  return element.shadowRoot.querySelector('[data-id="roadblock-form"]');
}

function change(element, field, detail) {
  $(element, `[data-field="${field}"]`).dispatchEvent(new CustomEvent('change', { detail }));
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
    const form = await openForm(element);
    const raise = element.shadowRoot.querySelector('[data-id="raise"]');
    expect(raise.disabled).toBe(true);
    change(element, 'Subject__c', { value: '  Quotes are typed twice  ' });
    change(element, 'Description__c', { value: 'Since the new price book' });
    change(element, 'Blocked_Rule__c', { value: 'Opp_Amount' });
    change(element, 'Blocked_Team__c', { checked: true });
    change(element, 'Due_Date__c', { value: '2026-12-05' });
    await flush();
    expect(raise.disabled).toBe(false);
    form.dispatchEvent(new CustomEvent('submit', { cancelable: true }));
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
    // The form closes, focus back on its button; opened again, it is cleared for the next one.
    const open = element.shadowRoot.querySelector('[data-id="open-form"]');
    expect(element.shadowRoot.activeElement).toBe(open);
    await openForm(element);
    expect(element.shadowRoot.querySelector('[data-field="Subject__c"]').value).toBe('');
  });

  it('opens the form on demand: focus moves into it, Escape and Cancel return it to the button', async () => {
    const element = await mount();
    // Only the button until the user asks for the form.
    expect(element.shadowRoot.querySelector('[data-id="roadblock-form"]')).toBeNull();
    const focused = jest.spyOn(HTMLElement.prototype, 'focus');
    const form = await openForm(element);
    expect(element.shadowRoot.querySelector('[data-id="open-form"]')).toBeNull();
    expect(focused.mock.instances).toEqual([
      element.shadowRoot.querySelector('[data-field="Subject__c"]')
    ]);
    focused.mockRestore();
    await expect(element).toBeAccessible();

    // Another key leaves it open; Escape closes it.
    form.dispatchEvent(new KeyboardEvent('keydown', { key: 'a', bubbles: true }));
    await flush();
    expect(element.shadowRoot.querySelector('[data-id="roadblock-form"]')).not.toBeNull();
    form.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    await flush();
    expect(element.shadowRoot.querySelector('[data-id="roadblock-form"]')).toBeNull();
    expect(element.shadowRoot.activeElement).toBe(
      element.shadowRoot.querySelector('[data-id="open-form"]')
    );

    // Cancel closes it too, raising nothing.
    await openForm(element);
    change(element, 'Subject__c', { value: 'Half typed' });
    element.shadowRoot.querySelector('[data-id="cancel"]').click();
    await flush();
    expect(element.shadowRoot.querySelector('[data-id="roadblock-form"]')).toBeNull();
    expect(element.shadowRoot.activeElement).toBe(
      element.shadowRoot.querySelector('[data-id="open-form"]')
    );
    expect(createRecord).not.toHaveBeenCalled();
  });
});

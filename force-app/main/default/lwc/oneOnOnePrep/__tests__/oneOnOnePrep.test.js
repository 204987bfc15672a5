import OneOnOnePrep from 'c/oneOnOnePrep';
import { graphql } from 'lightning/graphql';
import { createRecord } from 'lightning/uiRecordApi';
import USER_ID from '@salesforce/user/Id';
import { cleanUp, flush, mount as mountComponent } from '../../ldsUtils/__tests__/componentTest';

const q = (flag, label) => ({ flag, label });

/** A Deal_Insight__c node as UI API GraphQL returns it. */
function insight(id, name, amount, flags, questions) {
  return {
    node: {
      Id: `a0D${id}`,
      Opportunity__c: { value: `006${id}` },
      Opportunity__r: { Name: { value: name }, Amount: { value: amount } },
      Risk_Flags__c: { value: flags },
      Coaching_Questions__c: { value: JSON.stringify(questions) }
    }
  };
}

function data({ insights = [], prepared = false } = {}) {
  return {
    uiapi: {
      query: {
        Coach_Engagement__c: { edges: prepared ? [{ node: { Id: 'a0E000000000001AAA' } }] : [] },
        Deal_Insight__c: { edges: insights }
      }
    }
  };
}

// Weights in config/coaching.config.json: STALE 3, NO_NEXT_STEP 2. Globex: 10,000 × 3 = 30,000;
// Acme: 5,000 × (3 + 2) = 25,000; Initech has no flag, so it is not on the agenda.
const THREE_DEALS = [
  insight('000000000000002AAA', 'Acme pilot', 5000, 'STALE;NO_NEXT_STEP', [
    q('STALE', 'Coach_Q_Stale'),
    q('NO_NEXT_STEP', 'Coach_Q_NoNextStep')
  ]),
  insight('000000000000003AAA', 'Initech upgrade', 50000, null, []),
  insight('000000000000001AAA', 'Globex renewal', 10000, 'STALE', [q('STALE', 'Coach_Q_Stale')])
];
const STALE_Q =
  'Nothing has happened on this deal for a while. What is the next conversation, and when is it?';
const NEXT_STEP_Q =
  'There is no next step on this deal. What have you and the customer agreed to do next?';

async function mount(value, asOf = '2026-11-25') {
  const element = await mountComponent('c-one-on-one-prep', OneOnOnePrep, { asOf });
  graphql.emit(value, () => true);
  await flush();
  return element;
}

const $ = (element, id) => element.shadowRoot.querySelector(`[data-id="${id}"]`);
/** The deals as c-agenda-deals lists them in the preparation. */
const prepDeals = (element) => [
  ...element.shadowRoot
    .querySelector('c-agenda-deals')
    .shadowRoot.querySelectorAll('[data-id="prep-deal"]')
];

describe('c-one-on-one-prep', () => {
  afterEach(cleanUp);

  it("reads the rep's own deals and today's preparation key", async () => {
    await mountComponent('c-one-on-one-prep', OneOnOnePrep, { asOf: '2026-11-25' });
    expect(graphql.getLastConfig().variables).toEqual({
      repId: USER_ID,
      prepKey: `${USER_ID}:Prepared_Agenda:-:2026-11-25`
    });
  });

  it("shows the deals of the manager's agenda in its order, with the questions, once opened", async () => {
    createRecord.mockResolvedValue({ id: 'a0E000000000009AAA' });
    const element = await mount(data({ insights: THREE_DEALS }));
    const toggle = $(element, 'prep-toggle');
    expect([toggle.textContent.trim(), toggle.getAttribute('aria-expanded')]).toEqual([
      'Prepare my next 1:1',
      'false'
    ]);
    expect($(element, 'prep')).toBeNull();
    // Closed, the button still controls a region that is there (empty).
    await expect(element).toBeAccessible();
    toggle.click();
    await flush();
    expect($(element, 'prep-summary').textContent).toBe(
      'Your manager will ask about 2 deals. Have an answer ready for each question.'
    );
    expect(
      prepDeals(element).map((li) => [
        li.querySelector('[data-id="prep-deal-name"]').textContent,
        [...li.querySelectorAll('[data-id="prep-question"]')].map((x) => x.textContent.trim())
      ])
    ).toEqual([
      ['Globex renewal', [STALE_Q]],
      ['Acme pilot', [STALE_Q, NEXT_STEP_Q]]
    ]);
    expect([toggle.textContent.trim(), toggle.getAttribute('aria-expanded')]).toEqual([
      'Hide my 1:1 preparation',
      'true'
    ]);
    await expect(element).toBeAccessible();
  });

  it('records the preparation once when opened, and says so', async () => {
    createRecord.mockResolvedValue({ id: 'a0E000000000009AAA' });
    // Another day than the test before: c/coachEngagement sends a key once per page.
    const element = await mount(data({ insights: THREE_DEALS.slice(2) }), '2026-11-26');
    expect($(element, 'prepared')).toBeNull();
    $(element, 'prep-toggle').click();
    await flush();
    expect(createRecord).toHaveBeenCalledTimes(1);
    expect(createRecord.mock.calls[0][0]).toEqual({
      apiName: 'Coach_Engagement__c',
      fields: {
        Engagement_Key__c: `${USER_ID}:Prepared_Agenda:-:2026-11-26`,
        User__c: USER_ID,
        Kind__c: 'Prepared_Agenda',
        Subject__c: null,
        Occurred_At__c: expect.stringMatching(/^\d{4}-\d\d-\d\dT/)
      }
    });
    expect($(element, 'prep-summary').textContent).toBe(
      'Your manager will ask about 1 deal. Have an answer ready for each question.'
    );
    expect($(element, 'prepared').textContent.trim()).toBe(
      'Prepared today. Your manager sees it in your 1:1 agenda.'
    );
    // Closing and opening again the same day writes nothing more.
    $(element, 'prep-toggle').click();
    await flush();
    $(element, 'prep-toggle').click();
    await flush();
    expect(createRecord).toHaveBeenCalledTimes(1);
  });

  it('writes nothing when the day is already recorded (another tab, an earlier visit)', async () => {
    const element = await mount(data({ insights: [], prepared: true }));
    $(element, 'prep-toggle').click();
    await flush();
    expect(createRecord).not.toHaveBeenCalled();
    expect($(element, 'prep-empty').textContent).toBe(
      'None of your open deals is at risk: your manager has no deal question for you.'
    );
    expect($(element, 'prepared')).not.toBeNull();
  });

  it('shows the error and offers nothing to open when the deals cannot be read', async () => {
    const element = await mountComponent('c-one-on-one-prep', OneOnOnePrep);
    graphql.emitErrors([{ message: 'No access to Deal_Insight__c' }]);
    await flush();
    expect(
      element.shadowRoot.querySelector('c-load-state').shadowRoot.querySelector('c-error-panel')
    ).not.toBeNull();
    expect($(element, 'prep-toggle')).toBeNull();
  });
});

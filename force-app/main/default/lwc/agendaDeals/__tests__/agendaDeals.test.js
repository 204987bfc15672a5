import AgendaDeals from 'c/agendaDeals';
import { $, $$, cleanUp, mount, texts } from '../../ldsUtils/__tests__/componentTest';

const STALE_Q =
  'Nothing has happened on this deal for a while. What is the next conversation, and when is it?';
const NEXT_STEP_Q =
  'There is no next step on this deal. What have you and the customer agreed to do next?';

// Two deals of an agenda as the engine returns them: Acme with a record link; the second with
// no name (its id stands for it), no amount, a flag code without a label and no question.
const DEALS = [
  {
    opportunityId: '006A00000000001AAA',
    name: 'Acme renewal',
    amount: 50000,
    flags: ['STALE', 'NO_NEXT_STEP'],
    questions: [
      { flag: 'STALE', label: 'Coach_Q_Stale' },
      { flag: 'NO_NEXT_STEP', label: 'Coach_Q_NoNextStep' }
    ]
  },
  {
    opportunityId: '006A00000000002AAA',
    name: null,
    amount: null,
    flags: ['PAST_DUE', 'NEW_FLAG'],
    questions: []
  }
];
const URLS = { '006A00000000001AAA': '/lightning/r/Opportunity/006A00000000001AAA/view' };

const byId = (element, id) => $$(element, `[data-id="${id}"]`);
const textsOf = (element, id) => texts(element, `[data-id="${id}"]`).map((t) => t.trim());

describe('c-agenda-deals', () => {
  afterEach(cleanUp);

  it('lists each deal in order with its link, amount, flags and questions', async () => {
    const element = await mount('c-agenda-deals', AgendaDeals, {
      deals: DEALS,
      urls: URLS,
      showFlags: true
    });
    expect(byId(element, 'deal')).toHaveLength(2);
    expect(textsOf(element, 'deal-name')).toEqual(['Acme renewal', '006A00000000002AAA']);
    const [acme, second] = byId(element, 'deal-name');
    expect([acme.tagName, acme.getAttribute('href')]).toEqual([
      'A',
      '/lightning/r/Opportunity/006A00000000001AAA/view'
    ]);
    expect(second.tagName).toBe('SPAN');
    // en-US and USD in tests: whole dollars; no amount, no figure.
    expect(textsOf(element, 'deal-amount')).toEqual(['$50,000', '']);
    expect($(element, 'li p.slds-text-body_small span').textContent).toBe('Amount');
    const [first, next] = byId(element, 'deal');
    const inDeal = (li, id) =>
      [...li.querySelectorAll(`[data-id="${id}"]`)].map((e) => e.textContent);
    expect(inDeal(first, 'flag')).toEqual(['Stale', 'No next step']);
    expect(inDeal(first, 'question')).toEqual([STALE_Q, NEXT_STEP_Q]);
    // A flag the labels do not know shows its code.
    expect(inDeal(next, 'flag')).toEqual(['Past due', 'NEW_FLAG']);
    expect(inDeal(next, 'question')).toEqual([]);
    await expect(element).toBeAccessible();
  });

  it('leaves the flags out unless asked, and begins its hooks with the prefix given', async () => {
    const element = await mount('c-agenda-deals', AgendaDeals, {
      deals: DEALS,
      idPrefix: 'prep-'
    });
    expect(byId(element, 'prep-deal')).toHaveLength(2);
    expect(textsOf(element, 'prep-deal-name')).toEqual(['Acme renewal', '006A00000000002AAA']);
    expect(textsOf(element, 'prep-deal-amount')).toEqual(['$50,000', '']);
    expect(textsOf(element, 'prep-question')).toEqual([STALE_Q, NEXT_STEP_Q]);
    expect($(element, '.slds-badge')).toBeNull();
    expect($(element, '[data-id="deal"], [data-id="deal-name"], [data-id="question"]')).toBeNull();
    // Without links, no name is a link.
    expect($(element, 'a')).toBeNull();
    await expect(element).toBeAccessible();
  });

  it('lists nothing without deals', async () => {
    const element = await mount('c-agenda-deals', AgendaDeals, { deals: [] });
    expect($(element, 'li')).toBeNull();
  });
});

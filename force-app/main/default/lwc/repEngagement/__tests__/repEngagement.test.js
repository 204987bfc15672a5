import { createElement } from 'lwc';
import RepEngagement from 'c/repEngagement';
import { graphql } from 'lightning/graphql';
import { connection } from '../../messageData/__tests__/graphqlRows';
import {
  $,
  $$,
  answer,
  cleanUp,
  mount as mountComponent
} from '../../ldsUtils/__tests__/componentTest';

const DATA = {
  uiapi: {
    query: {
      Coach_Engagement__c: connection([
        {
          Id: 'e1',
          Kind__c: 'Training_Done',
          Subject__c: 'Opportunity_Basics',
          Occurred_At__c: '2026-11-24T09:30:00.000Z'
        },
        {
          Id: 'e2',
          Kind__c: 'Prepared_Agenda',
          Subject__c: 'a0B000000000001AAA',
          Occurred_At__c: '2026-11-20T08:00:00.000Z'
        }
      ])
    }
  }
};

describe('c-rep-engagement', () => {
  afterEach(cleanUp);

  it("asks for the rep's preparation and training of the last 30 days, and lists them", async () => {
    const element = await mountComponent('c-rep-engagement', RepEngagement, {
      repId: '005000000000002AAA',
      asOf: '2026-11-25'
    });
    // 30 days ending 2026-11-25 start on 2026-10-27.
    expect(graphql.getLastConfig().variables).toEqual({
      repId: '005000000000002AAA',
      since: '2026-10-27T00:00:00.000Z'
    });
    await answer([graphql, DATA]);
    const items = $$(element, '[data-id="engagement-item"]');
    expect(items.map((i) => [i.dataset.kind, i.textContent])).toEqual([
      ['Training_Done', 'Training done: Keeping a deal up to date (2026-11-24)'],
      ['Prepared_Agenda', 'Prepared the 1:1 agenda (2026-11-20)']
    ]);
    expect($(element, 'h3').textContent).toBe('Preparation and training, last 30 days');
    await expect(element).toBeAccessible();
  });

  it('shows nothing when the rep did neither', async () => {
    const element = createElement('c-rep-engagement', { is: RepEngagement });
    element.repId = '005000000000002AAA';
    document.body.appendChild(element);
    await answer([graphql, { uiapi: { query: { Coach_Engagement__c: connection([]) } } }]);
    expect($(element, '[data-id="engagement"]')).toBeNull();
  });
});

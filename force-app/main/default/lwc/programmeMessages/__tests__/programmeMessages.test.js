import ProgrammeMessages from 'c/programmeMessages';
import { graphql } from 'lightning/graphql';
import { createRecord } from 'lightning/uiRecordApi';
import { connection, createdMessages } from '../../messageData/__tests__/graphqlRows';
import { $, cleanUp, flush, mountWith, texts } from '../../ldsUtils/__tests__/componentTest';

// sfdx-lwc-jest's lightning/graphql stub has no refreshGraphQL; the platform's module has.
jest.mock('lightning/graphql', () => ({
  ...jest.requireActual('lightning/graphql'),
  refreshGraphQL: jest.fn(() => Promise.resolve())
}));

const snap = (user, manager, managerName, period = '2026-03-02') => ({
  Id: `a02${user}${period}`,
  User__c: user,
  Period_Start__c: period,
  Manager__c: manager,
  Manager__r: { Name: managerName },
  Adoption_Stage__c: 'Understanding',
  Missing_Next_Step__c: 0,
  Stale_Opportunities__c: 0,
  Past_Due_Opportunities__c: 0,
  Pushed_Opportunities__c: 0
});

const DATA = {
  uiapi: {
    query: {
      // U1's older row (then in team M2) must not count, whatever the order.
      Adoption_Snapshot__c: connection([
        snap('U1', 'M2', 'Sam Okafor', '2026-02-23'),
        snap('U1', 'M1', 'Maria Lopez'),
        snap('U2', 'M1', 'Maria Lopez'),
        snap('U3', 'M2', 'Sam Okafor')
      ]),
      Adoption_Message__c: connection([
        {
          Id: 'a0AM1',
          Name: 'Next steps from Monday',
          Kind__c: 'What_Changes',
          Status__c: 'Published',
          Audience_Type__c: 'Team',
          Audience_Value__c: 'M1',
          Start_Date__c: '2026-03-01',
          End_Date__c: '2026-03-31',
          Win_Rep__c: null,
          CreatedDate: '2026-03-01T08:00:00.000Z'
        }
      ]),
      Message_Receipt__c: connection([
        {
          Id: 'r1',
          Message__c: 'a0AM1',
          User__c: 'U1',
          First_Seen__c: '2026-03-02T09:00:00.000Z',
          Acknowledged__c: '2026-03-02T09:01:00.000Z'
        },
        {
          Id: 'r2',
          Message__c: 'a0AM1',
          User__c: 'U2',
          First_Seen__c: '2026-03-03T09:00:00.000Z',
          Acknowledged__c: null
        }
      ]),
      Nudge_Response__c: connection([])
    }
  }
};

/** The message the sponsor publishes to team M2: its dates default to asOf and 14 days later. */
const PUBLISHED = {
  Name: 'Your pipeline review moves to Thursdays',
  Kind__c: 'Vision',
  Body__c: 'From next week, the review is on Thursday at 10.',
  Audience_Type__c: 'Team',
  Audience_Value__c: 'M2',
  Start_Date__c: '2026-03-04',
  End_Date__c: '2026-03-18',
  Link_Url__c: null,
  Status__c: 'Published'
};

const mount = (...answers) =>
  mountWith('c-programme-messages', ProgrammeMessages, { asOf: '2026-03-04' }, ...answers);

describe('c-programme-messages', () => {
  afterEach(cleanUp);

  it('shows each message’s reach among its audience, by team', async () => {
    const element = await mount([graphql, DATA]);
    const reach = $(element, 'c-message-reach');
    const item = reach.shadowRoot.querySelector('[data-message-reach="a0AM1"]');
    // Team M1 is U1 and U2 (U1's older row in M2 is not the latest): both seen, U1 acknowledged.
    expect(item.querySelector('[data-id="audience"]').textContent).toBe('Audience: 2 people');
    expect(item.querySelector('[data-id="seen"]').textContent).toBe('Seen: 2 (100 %)');
    expect(item.querySelector('[data-id="acknowledged"]').textContent).toBe(
      'Acknowledged: 1 (50 %)'
    );
    const row = texts(item.querySelector('c-data-table'), 'tr[data-key="M1"] > *');
    expect(row).toEqual(['Maria Lopez', '2', '2 (100 %)', '1 (50 %)']);
    await expect(element).toBeAccessible();
  });

  it('offers the teams and publishes a message for one of them', async () => {
    createRecord.mockResolvedValue({ id: 'a0AM2' });
    const element = await mount([graphql, DATA]);
    const composer = $(element, 'c-message-composer');
    const field = (name) => composer.shadowRoot.querySelector(`[data-field="${name}"]`);
    field('Name').value = 'Your pipeline review moves to Thursdays';
    field('Body__c').value = 'From next week, the review is on Thursday at 10.';
    field('Audience_Type__c').dispatchEvent(
      new CustomEvent('change', { detail: { value: 'Team' } })
    );
    await flush();
    expect(field('Audience_Value__c').options).toEqual([
      { value: 'M1', label: 'Maria Lopez' },
      { value: 'M2', label: 'Sam Okafor' }
    ]);
    field('Audience_Value__c').dispatchEvent(
      new CustomEvent('change', { detail: { value: 'M2' } })
    );
    await flush();
    composer.shadowRoot.querySelector('[data-id="publish"]').click();
    await flush();
    expect(createdMessages()).toEqual([PUBLISHED]);
    expect($(element, '[data-id="published"]').textContent).toBe(
      'Published. Its audience sees it on their Home page.'
    );
    await expect(element).toBeAccessible();
  });

  it('renders the error state when the query fails', async () => {
    const element = await mount(() =>
      graphql.emitErrors([{ message: 'No access to Message_Receipt__c' }])
    );
    expect($($(element, 'c-load-state'), 'c-error-panel')).not.toBeNull();
    await expect(element).toBeAccessible();
  });
});

import QuickWinApprovals from 'c/quickWinApprovals';
import USER_ID from '@salesforce/user/Id';
import { graphql } from 'lightning/graphql';
import { createRecord } from 'lightning/uiRecordApi';
import { createdMessages } from '../../messageData/__tests__/graphqlRows';
import { $, $$, cleanUp, flush, mountWith } from '../../ldsUtils/__tests__/componentTest';

// sfdx-lwc-jest's lightning/graphql stub has no refreshGraphQL; the platform's module has.
jest.mock('lightning/graphql', () => ({
  ...jest.requireActual('lightning/graphql'),
  refreshGraphQL: jest.fn(() => Promise.resolve())
}));

const proposal = (id, opp, rep, repManager) => ({
  node: {
    Id: id,
    Name: { value: `Rep ${rep} won deal ${opp}` },
    Body__c: { value: `Rep ${rep} won deal ${opp} last week.` },
    Opportunity__c: { value: opp },
    Rep__c: { value: rep },
    Rep__r: { ManagerId: { value: repManager } }
  }
});

const DATA = {
  uiapi: {
    query: {
      Quick_Win__c: {
        edges: [
          proposal('p1', '006A', 'R1', USER_ID),
          proposal('p2', '006B', 'R2', 'OTHER'),
          // Already shared: its proposal is no longer offered.
          proposal('p3', '006C', 'R3', USER_ID)
        ]
      },
      Adoption_Message__c: {
        edges: [{ node: { Id: 'm3', Win_Opportunity__c: { value: '006C' } } }]
      }
    }
  }
};

/** Proposal p2 as the sponsor shares it with everyone: a week from asOf. */
const SHARED_WIN = {
  Name: 'Rep R2 won deal 006B',
  Body__c: 'Rep R2 won deal 006B last week.',
  Kind__c: 'Quick_Win',
  Status__c: 'Published',
  Audience_Type__c: 'Everyone',
  Audience_Value__c: null,
  Win_Opportunity__c: '006B',
  Win_Rep__c: 'R2',
  Start_Date__c: '2026-03-09',
  End_Date__c: '2026-03-16'
};

const mount = (props, ...answers) =>
  mountWith(
    'c-quick-win-approvals',
    QuickWinApprovals,
    { asOf: '2026-03-09', ...props },
    ...answers
  );

const ids = (el) => $$(el, '[data-proposal]').map((n) => n.dataset.proposal);

describe('c-quick-win-approvals', () => {
  afterEach(cleanUp);

  it('the sponsor sees every proposal not yet shared and shares one with everyone', async () => {
    createRecord.mockResolvedValue({ id: 'm1' });
    const element = await mount({}, [graphql, DATA]);
    expect(ids(element)).toEqual(['p1', 'p2']);
    await expect(element).toBeAccessible();
    $(element, 'lightning-button[data-id="p2"]').click();
    await flush();
    expect(createdMessages()).toEqual([SHARED_WIN]);
    expect($(element, '[data-id="approved"]')).not.toBeNull();
  });

  it('a manager sees their reps’ wins and shares one with their team', async () => {
    createRecord.mockResolvedValue({ id: 'm1' });
    const element = await mount({ scope: 'team' }, [graphql, DATA]);
    expect(ids(element)).toEqual(['p1']);
    const button = $(element, 'lightning-button[data-id="p1"]');
    expect(button.label).toBe('Share with my team');
    button.click();
    await flush();
    expect(createRecord.mock.calls[0][0].fields).toMatchObject({
      Audience_Type__c: 'Team',
      Audience_Value__c: USER_ID,
      Win_Rep__c: 'R1'
    });
    await expect(element).toBeAccessible();
  });

  it('says when nothing waits, and shows errors', async () => {
    const element = await mount({}, [
      graphql,
      { uiapi: { query: { Quick_Win__c: { edges: [] }, Adoption_Message__c: { edges: [] } } } }
    ]);
    expect($(element, '[data-id="none"]')).not.toBeNull();
    await expect(element).toBeAccessible();
    graphql.emitErrors([{ message: 'boom' }]);
    await flush();
    expect($($(element, 'c-load-state'), 'c-error-panel')).not.toBeNull();
  });
});

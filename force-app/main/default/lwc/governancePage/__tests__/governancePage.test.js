import GovernancePage from 'c/governancePage';
import { graphql } from 'lightning/graphql';
import { updateRecord } from 'lightning/uiRecordApi';
import { connection } from '../../messageData/__tests__/graphqlRows';
import {
  $,
  cleanUp,
  flush,
  mount as mountComponent,
  mountWith,
  texts
} from '../../ldsUtils/__tests__/componentTest';

const query = (objects) => ({ uiapi: { query: objects } });

const REGISTER = query({
  Governance_Member__c: connection([
    {
      Id: 'm1',
      User__c: 'u1',
      User__r: { Name: 'Sam Sponsor' },
      Part__c: 'Sponsor',
      Active__c: true
    },
    { Id: 'm2', User__c: 'u2', User__r: { Name: 'Lee Lead' }, Part__c: 'Lead', Active__c: true },
    {
      Id: 'm3',
      User__c: 'u3',
      User__r: { Name: 'Tess Tech' },
      Part__c: 'Technology',
      Active__c: true
    }
  ]),
  Governance_Meeting__c: connection([
    { Id: 'g1', Meeting_Date__c: '2026-10-01', Status__c: 'Held' },
    { Id: 'g2', Meeting_Date__c: '2026-12-15', Status__c: 'Planned' }
  ]),
  Roadblock__c: connection([
    {
      Id: 'a0R000000000001AAA',
      Name: 'RB-00001',
      Subject__c: 'Quotes live outside the CRM',
      OwnerId: 'rep1',
      Owner: { Name: 'Rita Rep' },
      Status__c: 'Open',
      Blocked_Rule__c: 'Opp_Amount',
      Raised_On__c: '2026-11-10',
      Due_Date__c: '2026-11-20'
    }
  ]),
  closed: connection([{ Id: 'a0R000000000009AAA' }, { Id: 'a0R000000000008AAA' }]),
  Governance_Measure__c: connection([
    {
      Id: 'q1',
      Measure__c: 'DecisionMakerKnown',
      Period_Start__c: '2026-11-23',
      Met__c: 8,
      Counted__c: 10
    }
  ])
});

// The team's stored rollups: 2 reps both weeks; this week r1 at Involvement (1 of 2 = 50 %),
// the week before nobody above Acceptance (0 %).
const rollup = (period, users, tippingPoint) => ({
  Id: `mgrA-${period}`,
  Scope__c: 'Team',
  Manager__c: 'mgrA',
  Manager__r: { Name: 'Alex Manager' },
  Period_Start__c: period,
  Audience_Size__c: users,
  Tipping_Point__c: tippingPoint
});
const ROLLUPS = query({
  Adoption_Rollup__c: connection([rollup('2026-11-16', 2, 0), rollup('2026-11-23', 2, 50)])
});
const SESSIONS = query({
  Coaching_Session__c: connection([
    {
      Id: 's1',
      Manager__c: 'mgrA',
      Rep__c: 'r1',
      Rep__r: { ManagerId: 'mgrA' },
      Session_Date__c: '2026-11-02'
    },
    {
      Id: 's2',
      Manager__c: 'mgrA',
      Rep__c: 'r1',
      Rep__r: { ManagerId: 'mgrA' },
      Session_Date__c: '2026-11-20'
    }
  ])
});

const isSessions = (c) => Boolean(c.variables && 'from' in c.variables);
const isRollups = (c) => Boolean(c.variables && 'after' in c.variables && !('from' in c.variables));
const isRegister = (c) => Boolean(c.variables && !('after' in c.variables));

/** The page once the register (with `refresh`), the rollups and the 1:1s are in. */
const mount = (refresh) =>
  mountWith(
    'c-governance-page',
    GovernancePage,
    { asOf: '2026-11-25' },
    [graphql, REGISTER, isRegister, refresh],
    [graphql, ROLLUPS, isRollups],
    [graphql, SESSIONS, isSessions]
  );

/** The text of each match of `selector` in the part `tag` of the page, white space folded. */
const partTexts = (element, tag, selector) =>
  texts($(element, tag), selector).map((t) => t.replace(/\s+/g, ' ').trim());
/** The text of `selector` in every table of the part `tag`. */
const tableTexts = (element, tag, selector) =>
  [...$(element, tag).shadowRoot.querySelectorAll('c-data-table')]
    .flatMap((table) => texts(table, selector))
    .map((t) => t.replace(/\s+/g, ' ').trim());

describe('c-governance-page', () => {
  afterEach(cleanUp);

  it('shows members and the parts nobody plays, the cadence and its warning', async () => {
    const element = await mount();
    expect(partTexts(element, 'c-governance-members', '[data-id="member"]')).toEqual([
      'Sam Sponsor · Executive sponsor',
      'Lee Lead · Programme lead',
      'Tess Tech · Technology expert'
    ]);
    expect(partTexts(element, 'c-governance-members', '[data-id="gap"]')).toEqual([
      'No people expert',
      'No process expert'
    ]);
    const cadence = $(element, 'c-governance-cadence');
    expect(texts(cadence, 'dt')).toEqual(['Last meeting', 'Next meeting']);
    // 2026-10-01 → 2026-11-25: 30 + 25 = 55 days, within a quarter: no warning.
    expect($(cadence, '[data-id="last-meeting"]').textContent).toContain('55 days ago');
    const date = (id) => $(cadence, `[data-id="${id}"] lightning-formatted-date-time`).value;
    expect(date('last-meeting')).toBe('2026-10-01');
    expect(date('next-meeting')).toBe('2026-12-15');
    expect($(cadence, '[data-id="cadence-warning"]')).toBeNull();
    await expect(element).toBeAccessible();
  });

  it("shows managers' 1:1s and coverage beside the team's climb, and the week's measure figures", async () => {
    const element = await mount();
    // Two 1:1s in 2026-10-27..2026-11-25, both with r1: 1 of 2 reps. Tipping points as stored:
    // 50 % this week, 0 % the week before.
    expect(tableTexts(element, 'c-manager-coaching', 'tbody tr > *')).toEqual([
      'Alex Manager',
      '2',
      '1 of 2 (50 %)',
      '50 %',
      '+50 points'
    ]);
    // The five measures of the objectives: only DecisionMakerKnown has a row this week.
    expect(tableTexts(element, 'c-objective-map', '[data-field="figure"]')).toEqual([
      '80 % (8 of 10 deals)Reached',
      ...Array(4).fill('No figure this week')
    ]);
  });

  it('lists open roadblocks with their owner, and closes one with the exact update', async () => {
    const refresh = jest.fn().mockResolvedValue(undefined);
    const element = await mount(refresh);
    const register = $(element, 'c-roadblock-register');
    const table = $(register, 'c-data-table');
    expect($(register, '[data-id="roadblock-summary"]').textContent).toBe(
      '1 open roadblock, 2 closed'
    );
    expect($(table, '[data-field="owner"]').textContent).toBe('Rita Rep');
    // What it blocks: the tip of nudge Opp_Amount, in its words.
    expect($(table, '[data-field="blocks"]').textContent).toBe(
      'Tip: Enter the amount you expect this deal to bring in.'
    );
    const close = $(table, '[data-field="action"] button');
    expect(close.getAttribute('aria-label')).toBe(
      'Close the roadblock Quotes live outside the CRM'
    );
    close.click();
    await flush();
    expect(updateRecord).toHaveBeenCalledTimes(1);
    expect(updateRecord.mock.calls[0][0]).toEqual({
      fields: { Id: 'a0R000000000001AAA', Status__c: 'Closed', Closed_On__c: '2026-11-25' }
    });
    expect(refresh).toHaveBeenCalledTimes(1);
  });

  it('shows the error panel when the register cannot be read', async () => {
    const element = await mountComponent('c-governance-page', GovernancePage, {
      asOf: '2026-11-25'
    });
    graphql.emitErrors([{ message: 'No access to Roadblock__c' }], isRegister);
    await flush();
    expect($($(element, 'c-load-state'), 'c-error-panel')).not.toBeNull();
  });
});

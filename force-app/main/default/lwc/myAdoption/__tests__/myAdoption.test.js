import { readFileSync } from 'fs';
import { join } from 'path';
import MyAdoption from 'c/myAdoption';
import { graphql } from 'lightning/graphql';
import { createRecord } from 'lightning/uiRecordApi';
import { $, cleanUp, flush, mount as mountComponent } from '../../ldsUtils/__tests__/componentTest';

const DATA = require('./data/graphql.json');
const EMPTY = require('./data/graphqlEmpty.json');

const mount = () => mountComponent('c-my-adoption', MyAdoption, { asOf: '2026-11-20' });

const texts = (el, sel) => [...el.shadowRoot.querySelectorAll(sel)].map((n) => n.textContent);

describe('c-my-adoption', () => {
  beforeEach(() => window.localStorage.clear());
  afterEach(cleanUp);

  it('records the day it was opened once, as Understanding evidence, unless the row exists', async () => {
    createRecord.mockClear();
    const element = await mountComponent('c-my-adoption', MyAdoption, { asOf: '2026-11-21' });
    const key = '005000000000000000:Viewed_Adoption:-:2026-11-21';
    const variables = [];
    graphql.emit(undefined, (config) => {
      if (config.variables) variables.push(config.variables);
      return false;
    });
    expect(variables).toContainEqual({ userId: '005000000000000000', viewKey: key });
    graphql.emit(DATA);
    await flush();
    expect(createRecord).toHaveBeenCalledTimes(1);
    const call = createRecord.mock.calls[0][0];
    expect(call.apiName).toBe('Coach_Engagement__c');
    expect(call.fields).toMatchObject({
      Engagement_Key__c: key,
      User__c: '005000000000000000',
      Kind__c: 'Viewed_Adoption',
      Subject__c: null
    });
    // The same page refreshed: the key is sent once.
    graphql.emit(DATA);
    await flush();
    expect(createRecord).toHaveBeenCalledTimes(1);
    // Another day whose row the org already holds: nothing is sent.
    element.asOf = '2026-11-22';
    const seen = JSON.parse(JSON.stringify(DATA));
    seen.uiapi.query.Coach_Engagement__c.edges = [{ node: { Id: 'a0E000000000001' } }];
    graphql.emit(seen);
    await flush();
    expect(createRecord).toHaveBeenCalledTimes(1);
  });

  it('shows a spinner while loading', async () => {
    const element = await mount();
    expect($($(element, 'c-load-state'), 'c-loading-status')).not.toBeNull();
    await expect(element).toBeAccessible();
  });

  it('shows the rung, what the next rung takes, the trend, WIIFM, fixes and recognition', async () => {
    const element = await mount();
    graphql.emit(DATA);
    await flush();

    expect($(element, '[aria-current="step"]').textContent).toBe('Acceptance');
    expect($(element, '[data-id="rung"]').textContent).toBe('You are at Acceptance.');
    // Involvement asks (config, with the rungs below): 3 activities, 60 %, 50 % fresh, 1
    // coaching act. The latest week has 4 activities, 82 %, 3 open deals none stale (100 %),
    // 0 coaching acts: only the coaching act is named, "1 tip" (never "1 tips"), nothing at 0.
    expect($(element, '[data-id="next-rung"]').textContent).toBe(
      'To reach Involvement: Act on 1 tip a week (log the activity, fix the field, add the contact), give feedback on a tip, or prepare your 1:1 from its agenda.'
    );
    // The tip is written to the rep, never the manager's tip about the rep.
    expect($(element, '[data-id="tip"]').textContent).toBe(
      'Act on one tip this week, or tell us why a tip does not fit your deals: both count as shaping the coaching.'
    );

    expect($(element, '[data-id="trend-summary"]').textContent).toBe(
      'From 50 % to 82 % over 8 weeks.'
    );
    expect(texts(element, '[data-id="trend-table"] tbody td')).toEqual([
      '50',
      '55',
      '60',
      '65',
      '72',
      '70',
      '76',
      '82'
    ]);
    expect(element.shadowRoot.querySelectorAll('circle')).toHaveLength(8);

    expect(texts($(element, '[data-id="wiifm"]'), 'li')).toEqual([
      "Your team's deals: Deals with a next step were won 62 % of the time, against 31 % without one (40 and 35 closed deals)."
    ]);

    // Candidates: NextStep:A 90 (snoozed to 11-25), CloseDate:B 85, Activity:A 80, Details:B 30.
    const fixes = [...element.shadowRoot.querySelectorAll('[data-id="fix-next"] li')].map(
      (li) => li.dataset.key
    );
    expect(fixes).toEqual(['Opp_CloseDate:006B', 'Opp_Activity:006A', 'Opp_Details:006B']);
    expect(texts(element, '[data-id="fix-next"] a')).toEqual([
      'Globex pilot',
      'Acme expansion',
      'Globex pilot'
    ]);

    // 76 → 82 (+6 ≥ 5), Understanding → Acceptance, activity in the last 5 weeks.
    expect(texts($(element, '[data-id="recognition"]'), 'li')).toEqual([
      'Record completeness went up from 76 to 82.',
      'Climbed a rung on the adoption ladder.',
      'Activity logged 5 weeks in a row.'
    ]);
    await expect(element).toBeAccessible();
  });

  it('words a count of 1 in the singular: 1 activity a week, a trend over 1 week', async () => {
    // One snapshot only, at Awareness, logged in but no engagement yet: Understanding asks a
    // login (met) and 1 engagement (config), so only the engagement is named, in the singular;
    // the trend covers that single week.
    const one = JSON.parse(JSON.stringify(DATA));
    const edges = one.uiapi.query.Adoption_Snapshot__c.edges;
    edges.splice(1);
    edges[0].node.Adoption_Stage__c.value = 'Awareness';
    edges[0].node.Engagements__c.value = 0;
    const element = await mount();
    graphql.emit(one);
    await flush();
    expect($(element, '[data-id="next-rung"]').textContent).toBe(
      'To reach Understanding: Look at what the CRM does for you at least 1 time: open this page, read the figures under a tip, or read a programme message.'
    );
    // From Understanding, Acceptance asks 3 activities ("3 activities", plural) and 60 %; 82 %
    // complete and every deal fresh are met already.
    edges[0].node.Adoption_Stage__c.value = 'Understanding';
    edges[0].node.Activities_Logged__c.value = 1;
    graphql.emit(one);
    await flush();
    expect($(element, '[data-id="next-rung"]').textContent).toBe(
      'To reach Acceptance: Log at least 3 activities a week.'
    );
    expect($(element, '[data-id="trend-summary"]').textContent).toBe(
      'From 82 % to 82 % over 1 week.'
    );
  });

  it('keeps "fix next" within the daily budget already used elsewhere', async () => {
    window.localStorage.setItem(
      'adoptionCoach.nudgesShown:005000000000000000:2026-11-20',
      JSON.stringify(['Con_Title:003X', 'Opp_Amount:006Z'])
    );
    const element = await mount();
    graphql.emit(DATA);
    await flush();
    const fixes = [...element.shadowRoot.querySelectorAll('[data-id="fix-next"] li')].map(
      (li) => li.dataset.key
    );
    expect(fixes).toEqual(['Opp_CloseDate:006B']);
  });

  it('marks every Opportunity field field-level security can hide @optional', () => {
    // A field the rep cannot read fails the whole query unless it is optional (GraphQL API
    // Developer Guide, "Query Objects Examples"). Name, StageName and CloseDate are required
    // fields, IsClosed and IsWon follow StageName: those stay required; the rest may be hidden.
    const source = readFileSync(join(__dirname, '..', 'myAdoption.js'), 'utf8');
    const opportunity = source.slice(
      source.indexOf('Opportunity('),
      source.indexOf('Nudge_Response__c(')
    );
    const optional = [...opportunity.matchAll(/(\w+) @optional \{/g)].map((m) => m[1]);
    expect(optional.sort()).toEqual(
      ['Amount', 'Description', 'LastActivityDate', 'LeadSource', 'NextStep', 'Type'].sort()
    );
    // Ordering on a field the rep cannot read fails the query too: order by a required field.
    expect(opportunity).toMatch(/orderBy: \{ CloseDate: \{ order: ASC \} \}/);
  });

  it('leaves fields hidden by field-level security out of the nudges, never counts them missing', async () => {
    // The platform omits an @optional field the rep cannot read from every node: here LeadSource
    // and Description are hidden.
    const hidden = JSON.parse(JSON.stringify(DATA));
    for (const edge of hidden.uiapi.query.Opportunity.edges) {
      delete edge.node.LeadSource;
      delete edge.node.Description;
    }
    const element = await mount();
    graphql.emit(hidden);
    await flush();
    expect($(element, 'c-error-panel')).toBeNull();
    // 006B's LeadSource is blank, so with every field visible it gets Opp_Details (see above).
    // Hidden, the details rule checks Type only ('New Customer'): no Opp_Details nudge. The
    // other nudges do not read those fields: CloseDate 2026-10-30 is past on 2026-11-20 (006B),
    // 006A's last activity 2026-11-01 is 19 days old, over 14.
    const fixes = [...element.shadowRoot.querySelectorAll('[data-id="fix-next"] li')].map(
      (li) => li.dataset.key
    );
    expect(fixes).toEqual(['Opp_CloseDate:006B', 'Opp_Activity:006A']);
    await expect(element).toBeAccessible();
  });

  it('explains the empty state for a new rep', async () => {
    const element = await mount();
    graphql.emit(EMPTY);
    await flush();
    expect($(element, '[data-id="no-snapshot"]')).not.toBeNull();
    expect($(element, '[data-id="nothing-to-fix"]')).not.toBeNull();
    expect($(element, '[data-id="trend"]')).toBeNull();
    await expect(element).toBeAccessible();
  });

  it('renders the error state', async () => {
    const element = await mount();
    graphql.emitErrors([{ message: 'No access to Adoption_Snapshot__c' }]);
    await flush();
    expect($($(element, 'c-load-state'), 'c-error-panel').errors).toEqual([
      { message: 'No access to Adoption_Snapshot__c' }
    ]);
    await expect(element).toBeAccessible();
  });
});

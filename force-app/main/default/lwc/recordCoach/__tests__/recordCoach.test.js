import RecordCoach from 'c/recordCoach';
import { getRecord, createRecord, updateRecord } from 'lightning/uiRecordApi';
import { graphql } from 'lightning/graphql';
import { encodeDefaultFieldValues } from 'lightning/pageReferenceUtils';
import { $, $$, answer, cleanUp, flush, mountWith } from '../../ldsUtils/__tests__/componentTest';

const RECORD = require('./data/getRecord.json');
const COMPLETE = require('./data/getRecordComplete.json');
const GRAPHQL = require('./data/graphql.json');
const OPP_ID = '006000000000001AAA';
const USER_ID = '005000000000000000';

// The page references the component navigates to (sfdx-lwc-jest's stub navigates nowhere).
const mockNavigate = jest.fn();
jest.mock('lightning/navigation', () => {
  const Navigate = Symbol('Navigate');
  const NavigationMixin = (Base) =>
    class extends Base {
      [Navigate](pageReference) {
        mockNavigate(pageReference);
      }
    };
  NavigationMixin.Navigate = Navigate;
  return { NavigationMixin };
});

function withResponses(responses) {
  const data = JSON.parse(JSON.stringify(GRAPHQL));
  data.uiapi.query.Nudge_Response__c.edges = responses.map((r, i) => ({
    node: {
      Id: `a03${i}`,
      Nudge_Key__c: { value: r.key },
      Record_Id__c: { value: OPP_ID },
      Action__c: { value: r.action },
      Reason__c: { value: r.reason || null },
      Snooze_Until__c: { value: r.until || null },
      CreatedDate: { value: r.at }
    }
  }));
  return data;
}

function withoutField(record, field) {
  const copy = JSON.parse(JSON.stringify(record));
  delete copy.fields[field];
  return copy;
}

/** The coach on the test opportunity on `asOf`, once its adapters have answered `answers`. */
const mountAt = (asOf, ...answers) =>
  mountWith(
    'c-record-coach',
    RecordCoach,
    { recordId: OPP_ID, objectApiName: 'Opportunity', asOf },
    ...answers
  );
const mount = (...answers) => mountAt('2026-11-20', ...answers);

/** The coach on the test opportunity once the record and the GraphQL answer are in. */
const mountWithData = () => mount([getRecord, RECORD], [graphql, GRAPHQL]);

/** The Nudge_Response__c the coach creates for `nudge` on the test opportunity. */
const nudgeResponse = (nudge, action, fields) => ({
  apiName: 'Nudge_Response__c',
  fields: { Nudge_Key__c: `${nudge}:${OPP_ID}`, Record_Id__c: OPP_ID, Action__c: action, ...fields }
});

const nudgeKeys = (el) => $$(el, 'li[data-nudge]').map((li) => li.dataset.nudge);

describe('c-record-coach', () => {
  beforeEach(() => window.localStorage.clear());
  afterEach(cleanUp);

  it('asks LDS only for the fields the rules need, as optional fields', async () => {
    const element = await mount();
    expect($($(element, 'c-load-state'), 'c-loading-status')).not.toBeNull();
    const config = getRecord.getLastConfig();
    expect(config.recordId).toBe(OPP_ID);
    // The engine's record shape (scoredFields): the deal's name, the fields of the Opportunity
    // rules in config/coaching.config.json in rule order, the stage field, closed and won.
    expect(config.optionalFields).toEqual([
      'Opportunity.Name',
      'Opportunity.NextStep',
      'Opportunity.LastActivityDate',
      'Opportunity.CloseDate',
      'Opportunity.Amount',
      'Opportunity.LeadSource',
      'Opportunity.Type',
      'Opportunity.Description',
      'Opportunity.StageName',
      'Opportunity.IsClosed',
      'Opportunity.IsWon'
    ]);
    await expect(element).toBeAccessible();
  });

  it('scores the record and shows the top nudges within the budget, with the WIIFM line', async () => {
    const element = await mountWithData();
    // Applicable 90 (20+20+15+15+10+5+5); missing NextStep 20, stale activity 20, Type 5: 45/90.
    expect($(element, '[data-id="score-text"]').textContent).toBe('50 % complete');
    expect($(element, 'lightning-progress-ring').value).toBe(50);
    // Candidates by priority: NextStep 90, Activity 80, ContactRole 75 (flag), Details 30; budget 3.
    expect(nudgeKeys(element)).toEqual([
      `Opp_NextStep:${OPP_ID}`,
      `Opp_Activity:${OPP_ID}`,
      `Opp_ContactRole:${OPP_ID}`
    ]);
    expect($(element, '[data-id="more-later"]')).not.toBeNull();
    // Every nudge says why: the next step with the rep's figures (the only statement in the
    // snapshot's insights), the other two with their plain benefit (CustomLabels).
    expect($$(element, '[data-id="wiifm"]').map((p) => p.textContent)).toEqual([
      'Your deals: Deals with a next step were won 62 % of the time, against 31 % without one (40 and 35 closed deals).',
      'Logged calls and meetings show the deal is alive, and spare you a status update.',
      'Knowing who is involved lets you and your team reach the right people when it matters.'
    ]);
    // Deal health from the sync's Deal_Insight__c, with the manager's questions.
    const facts = $$($(element, '[data-id="deal-health"]'), 'li.slds-item').map(
      (li) => li.textContent
    );
    // Push_Count__c 2, Days_In_Stage__c 41, Days_Since_Activity__c 50 (data/graphql.json).
    expect(facts).toEqual([
      'Close date moved 2 times',
      '41 days in this stage',
      '50 days since the last activity'
    ]);
    expect($$(element, '[data-id="questions"] li').map((li) => li.textContent)).toEqual([
      'Nothing has happened on this deal for a while. What is the next conversation, and when is it?',
      'The close date has moved out several times. What is really holding this deal up?'
    ]);
    await expect(element).toBeAccessible();
  });

  it('marks the nudge area busy while the responses and the insight load, with no nudge yet', async () => {
    const element = await mount([getRecord, RECORD]);
    expect($(element, '[data-id="score-text"]').textContent).toBe('50 % complete');
    expect($(element, '[data-id="nudge-area"]').getAttribute('aria-busy')).toBe('true');
    expect(nudgeKeys(element)).toEqual([]);
    await answer([graphql, GRAPHQL]);
    expect($(element, '[data-id="nudge-area"]').getAttribute('aria-busy')).toBe('false');
    expect(nudgeKeys(element)).toHaveLength(3);
  });

  it.each([
    // Figures of 1 in the singular.
    [1, ['Close date moved 1 time', '1 day in this stage', '1 day since the last activity']],
    // Figures of 0 as their own sentences, never "moved 0 times".
    [0, ['Close date never moved', 'Entered this stage today', 'Last activity today']]
  ])('words deal health figures of %i', async (figure, lines) => {
    const data = JSON.parse(JSON.stringify(GRAPHQL));
    const insight = data.uiapi.query.Deal_Insight__c.edges[0].node;
    insight.Push_Count__c.value = figure;
    insight.Days_In_Stage__c.value = figure;
    insight.Days_Since_Activity__c.value = figure;
    const element = await mount([getRecord, RECORD], [graphql, data]);
    const health = $$($(element, '[data-id="deal-health"]'), 'li.slds-item');
    expect(health.map((li) => li.textContent)).toEqual(lines);
  });

  it('leaves a field hidden by field-level security out of the score and the nudges', async () => {
    const element = await mount([getRecord, withoutField(RECORD, 'NextStep')], [graphql, GRAPHQL]);
    // Applicable 70 without NextStep's 20; earned 45: floor(64.28) = 64.
    expect($(element, '[data-id="score-text"]').textContent).toBe('64 % complete');
    expect(nudgeKeys(element)).toEqual([
      `Opp_Activity:${OPP_ID}`,
      `Opp_ContactRole:${OPP_ID}`,
      `Opp_Details:${OPP_ID}`
    ]);
    await expect(element).toBeAccessible();
  });

  it('says so when the daily budget is used up on other records', async () => {
    window.localStorage.setItem(
      `adoptionCoach.nudgesShown:${USER_ID}:2026-11-20`,
      JSON.stringify(['Opp_NextStep:006B', 'Opp_Amount:006C', 'Con_Title:003D'])
    );
    const element = await mountWithData();
    expect(nudgeKeys(element)).toEqual([]);
    expect($(element, '[data-id="budget-used"]')).not.toBeNull();
    await expect(element).toBeAccessible();
  });

  it.each([
    [
      'hides a snoozed nudge until its date, then shows it again',
      { action: 'Snoozed', until: '2026-11-25', at: '2026-11-19T09:00:00.000Z' },
      ['2026-11-24', '2026-11-25']
    ],
    [
      'brings a dismissed nudge back on the spaced schedule (2 days after the first dismissal)',
      { action: 'Dismissed', reason: 'Not now', at: '2026-11-15T10:00:00.000Z' },
      ['2026-11-16', '2026-11-17']
    ]
  ])('%s', async (title, response, [hiddenOn, backOn]) => {
    // The next-step nudge's one response: hidden on the first day, first again on the second.
    const answers = [
      [getRecord, RECORD],
      [graphql, withResponses([{ key: `Opp_NextStep:${OPP_ID}`, ...response }])]
    ];
    let element = await mountAt(hiddenOn, ...answers);
    expect(nudgeKeys(element)).not.toContain(`Opp_NextStep:${OPP_ID}`);
    await expect(element).toBeAccessible();
    document.body.removeChild(element);

    element = await mountAt(backOn, ...answers);
    expect(nudgeKeys(element)[0]).toBe(`Opp_NextStep:${OPP_ID}`);
    await expect(element).toBeAccessible();
  });

  it('snoozes a nudge for a week with the exact Nudge_Response__c payload', async () => {
    const element = await mountWithData();
    const menu = $(element, `lightning-button-menu[data-key="Opp_NextStep:${OPP_ID}"]`);
    menu.dispatchEvent(new CustomEvent('select', { detail: { value: '7' } }));
    await flush();
    expect(createRecord).toHaveBeenCalledWith(
      nudgeResponse('Opp_NextStep', 'Snoozed', { Reason__c: null, Snooze_Until__c: '2026-11-27' })
    );
    expect(nudgeKeys(element)).not.toContain(`Opp_NextStep:${OPP_ID}`);
  });

  it('dismisses a nudge with the chosen reason and a comment', async () => {
    const element = await mountWithData();
    $(
      element,
      `lightning-button[data-action="dismiss"][data-key="Opp_Activity:${OPP_ID}"]`
    ).click();
    await flush();
    const form = $(element, 'c-nudge-dismiss');
    await expect(element).toBeAccessible();
    form.dispatchEvent(
      new CustomEvent('dismiss', {
        detail: { reason: "Doesn't fit my deals", comment: 'Renewals are handled by finance' }
      })
    );
    await flush();
    expect(createRecord).toHaveBeenCalledWith(
      nudgeResponse('Opp_Activity', 'Dismissed', {
        Reason__c: "Doesn't fit my deals",
        Snooze_Until__c: null,
        Comment__c: 'Renewals are handled by finance'
      })
    );
    // "Doesn't fit my deals" retires the nudge on this record (config permanentDismissReasons).
    expect(nudgeKeys(element)).not.toContain(`Opp_Activity:${OPP_ID}`);
  });

  it('gives each nudge the buttons it needs, each going where it says', async () => {
    const element = await mountWithData();
    const buttons = (nudge) =>
      $$(element, `lightning-button[data-key="${nudge}:${OPP_ID}"]`).map((b) => [
        b.dataset.action,
        b.label
      ]);
    // The next step is a field of the record (fix in place); the stale activity asks for a
    // new Task; the missing contact role (a flag, no field) opens the deal's contact roles.
    expect(buttons('Opp_NextStep')).toEqual([
      ['fix', 'Fix now'],
      ['dismiss', 'Dismiss']
    ]);
    expect(buttons('Opp_Activity')).toEqual([
      ['log-activity', 'Log an activity'],
      ['dismiss', 'Dismiss']
    ]);
    expect(buttons('Opp_ContactRole')).toEqual([
      ['contact-roles', 'Add contact roles'],
      ['dismiss', 'Dismiss']
    ]);
    $(element, `lightning-button[data-action="log-activity"]`).click();
    expect(encodeDefaultFieldValues).toHaveBeenCalledWith({ WhatId: OPP_ID });
    expect(mockNavigate.mock.calls[0][0]).toMatchObject({
      type: 'standard__objectPage',
      attributes: { objectApiName: 'Task', actionName: 'new' }
    });
    $(element, `lightning-button[data-action="contact-roles"]`).click();
    expect(mockNavigate.mock.calls[1][0]).toEqual({
      type: 'standard__recordRelationshipPage',
      attributes: {
        recordId: OPP_ID,
        objectApiName: 'Opportunity',
        relationshipApiName: 'OpportunityContactRoles',
        actionName: 'view'
      }
    });
    $(element, `lightning-button[data-action="fix"]`).click();
    await flush();
    expect($(element, 'lightning-record-edit-form').dataset.key).toBe(`Opp_NextStep:${OPP_ID}`);
  });

  it('fixes a missing field in place: updateRecord, a Fixed response, and the score rises', async () => {
    const element = await mountWithData();
    $(element, `lightning-button[data-action="fix"][data-key="Opp_NextStep:${OPP_ID}"]`).click();
    await flush();
    const form = $(element, 'lightning-record-edit-form');
    expect($$(element, 'lightning-input-field').map((f) => f.fieldName)).toEqual(['NextStep']);
    await expect(element).toBeAccessible();
    form.dispatchEvent(
      new CustomEvent('submit', {
        detail: { fields: { NextStep: 'Call the CFO' } },
        cancelable: true
      })
    );
    await flush();
    expect(updateRecord).toHaveBeenCalledWith({ fields: { Id: OPP_ID, NextStep: 'Call the CFO' } });
    expect(createRecord).toHaveBeenCalledWith(
      nudgeResponse('Opp_NextStep', 'Fixed', { Reason__c: null, Snooze_Until__c: null })
    );
    // LDS re-emits the saved record: 65/90 = 72.
    const saved = JSON.parse(JSON.stringify(RECORD));
    saved.fields.NextStep.value = 'Call the CFO';
    getRecord.emit(saved);
    await flush();
    expect($(element, '[data-id="score-text"]').textContent).toBe('72 % complete');
  });

  it('shows the error panel when the save fails', async () => {
    updateRecord.mockRejectedValueOnce({ body: { message: 'Field is read-only' } });
    const element = await mountWithData();
    $(element, `lightning-button[data-action="fix"][data-key="Opp_NextStep:${OPP_ID}"]`).click();
    await flush();
    $(element, 'lightning-record-edit-form').dispatchEvent(
      new CustomEvent('submit', { detail: { fields: { NextStep: 'x' } }, cancelable: true })
    );
    await flush();
    expect(createRecord).not.toHaveBeenCalled();
    expect($(element, 'c-error-panel').errors).toEqual({ body: { message: 'Field is read-only' } });
    await expect(element).toBeAccessible();
  });

  it('celebrates a complete record', async () => {
    const element = await mount([getRecord, COMPLETE], [graphql, withResponses([])]);
    expect($(element, '[data-id="score-text"]').textContent).toBe('100 % complete');
    expect($(element, '[data-id="all-done"]')).not.toBeNull();
    await expect(element).toBeAccessible();
  });

  it('renders the error state when the record cannot be loaded', async () => {
    const element = await mount();
    getRecord.error({ message: 'Insufficient access' });
    await flush();
    const panel = $($(element, 'c-load-state'), 'c-error-panel');
    expect(panel).not.toBeNull();
    expect(panel.friendlyMessage).toBe('The coaching for this record could not be loaded.');
    await expect(element).toBeAccessible();
  });

  it('renders the error state when the coaching data cannot be loaded', async () => {
    const element = await mount([getRecord, RECORD]);
    graphql.emitErrors([{ message: 'Unknown field' }]);
    await flush();
    expect($($(element, 'c-load-state'), 'c-error-panel').errors).toEqual([
      [{ message: 'Unknown field' }]
    ]);
    await expect(element).toBeAccessible();
  });
});

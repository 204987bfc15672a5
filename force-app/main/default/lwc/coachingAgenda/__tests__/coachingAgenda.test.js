import CoachingAgenda from 'c/coachingAgenda';
import { graphql } from 'lightning/graphql';
import { createRecord } from 'lightning/uiRecordApi';
import { cleanUp, flush, mount as mountComponent } from '../../ldsUtils/__tests__/componentTest';

const INSIGHTS = require('./data/insights.json');
const INSIGHTS_EMPTY = require('./data/insightsEmpty.json');
const SNAPSHOTS = require('./data/snapshots.json');
const SNAPSHOTS_EMPTY = require('./data/snapshotsEmpty.json');
const SESSIONS = require('./data/sessions.json');
const SESSIONS_EMPTY = require('./data/sessionsEmpty.json');
const CADENCE = require('./data/cadence.json');

// Record links come from the platform's navigation service: the URL names the page reference.
jest.mock('lightning/navigation', () => {
  const Navigate = Symbol('Navigate');
  const GenerateUrl = Symbol('GenerateUrl');
  const NavigationMixin = (Base) =>
    class extends Base {
      [Navigate]() {}
      [GenerateUrl]({ type, attributes }) {
        return Promise.resolve(
          `/${type}/${attributes.objectApiName}/${attributes.recordId}/${attributes.actionName}`
        );
      }
    };
  NavigationMixin.Navigate = Navigate;
  NavigationMixin.GenerateUrl = GenerateUrl;
  return { NavigationMixin };
});

const ME = '005000000000000000';
const REP = '005RIL000000001AAA';
const AS_OF = '2026-11-22';

// Each of the four queries is told apart by its variables.
const keys = (config) =>
  Object.keys((config && config.variables) || {})
    .sort()
    .join(',');
const isInsights = (c) => keys(c) === 'repId';
const isSnapshots = (c) => keys(c) === 'asOf,first,repId';
const isSessions = (c) => keys(c) === 'first,repId';
const isCadence = (c) => keys(c) === 'asOf,managerId,since';

const mount = (props = {}) =>
  mountComponent('c-coaching-agenda', CoachingAgenda, {
    asOf: AS_OF,
    repId: REP,
    repName: 'Riley Rep',
    ...props
  });

async function emitAll({
  insights = INSIGHTS,
  snapshots = SNAPSHOTS,
  sessions = SESSIONS,
  cadence = CADENCE
} = {}) {
  graphql.emit(insights, isInsights);
  graphql.emit(snapshots, isSnapshots);
  graphql.emit(sessions, isSessions);
  graphql.emit(cadence, isCadence);
  await flush();
}

// By data-id in the agenda and in the shadow trees of its parts (c-coaching-cadence).
function deepAll(root, selector) {
  const found = [...root.querySelectorAll(selector)];
  for (const el of root.querySelectorAll('*')) {
    if (el.shadowRoot) found.push(...deepAll(el.shadowRoot, selector));
  }
  return found;
}
const $ = (element, id) => deepAll(element.shadowRoot, `[data-id="${id}"]`)[0] ?? null;
const $$ = (element, id) => deepAll(element.shadowRoot, `[data-id="${id}"]`);
/** The cadence table's rows, each as its rep and their count of sessions. */
function cadenceRows(element) {
  const table = deepAll(element.shadowRoot, '[data-id="cadence"] c-data-table')[0];
  return [...table.shadowRoot.querySelectorAll('tbody tr')].map((r) => [
    r.querySelector('th').textContent.trim(),
    r.querySelector('td').textContent
  ]);
}
/** What the agenda's c-load-state shows in place of the agenda: `tag`, or null. */
const loadStateShows = (element, tag) =>
  element.shadowRoot.querySelector('c-load-state').shadowRoot.querySelector(tag);

/** Types `value` into the field `id` (a change event, as the user leaving it), then saves. */
async function typeAndSave(element, id, value) {
  const field = $(element, id);
  field.value = value;
  field.dispatchEvent(new CustomEvent('change'));
  await flush();
  $(element, 'save').click();
  await flush();
}
const texts = (element, id) => $$(element, id).map((e) => e.textContent.trim());

/** The agenda the engine builds from the fixtures, worked out by hand. */
const EXPECTED_AGENDA = {
  deals: [
    {
      opportunityId: '006A00000000001AAA',
      name: 'Acme renewal',
      amount: 50000,
      flags: ['STALE'],
      riskWeight: 3,
      priority: 150000,
      questions: [{ flag: 'STALE', label: 'Coach_Q_Stale' }]
    },
    {
      opportunityId: '006B00000000002AAA',
      name: 'Beta expansion',
      amount: 20000,
      flags: ['PAST_DUE', 'NO_NEXT_STEP', 'PUSHED'],
      riskWeight: 7,
      priority: 140000,
      questions: [
        { flag: 'PAST_DUE', label: 'Coach_Q_PastDue' },
        { flag: 'NO_NEXT_STEP', label: 'Coach_Q_NoNextStep' },
        { flag: 'PUSHED', label: 'Coach_Q_Pushed' }
      ]
    },
    {
      opportunityId: '006C00000000003AAA',
      name: 'Cobalt pilot',
      amount: 100000,
      flags: ['NO_CONTACT_ROLE'],
      riskWeight: 1,
      priority: 100000,
      questions: [{ flag: 'NO_CONTACT_ROLE', label: 'Coach_Q_NoContactRole' }]
    },
    {
      opportunityId: '006D00000000004AAA',
      name: 'Delta new logo',
      amount: 0,
      flags: ['STALE', 'PAST_DUE'],
      riskWeight: 6,
      priority: 0,
      questions: []
    }
  ],
  recognition: [
    { kind: 'completenessUp', label: 'Recog_CompletenessUp', params: [60, 70] },
    { kind: 'stageUp', label: 'Recog_StageUp', params: [] },
    { kind: 'activityStreak', label: 'Recog_ActivityStreak', params: [3] }
  ],
  stage: 'Acceptance',
  tip: 'Tip_Acceptance'
};

// EXPECTED_AGENDA's recognition as shown: completeness 60 → 70, a rung up, a 3-week streak.
const RECOGNITION_SHOWN = [
  'Record completeness went up from 60 to 70.',
  'Climbed a rung on the adoption ladder.',
  'Activity logged 3 weeks in a row.'
];

describe('c-coaching-agenda', () => {
  afterEach(cleanUp);

  it('asks for the rep’s deals, snapshots, sessions and the manager’s last 30 days', async () => {
    const element = await mount();
    // The filter sees the config of every graphql wire: collect them, emit to none.
    const variables = [];
    graphql.emit(undefined, (config) => {
      if (config.variables) variables.push(config.variables);
      return false;
    });
    expect(variables).toEqual(
      expect.arrayContaining([
        { repId: REP },
        { repId: REP, asOf: AS_OF, first: 12 },
        { repId: REP, first: 10 },
        { managerId: ME, since: '2026-10-24', asOf: AS_OF }
      ])
    );
    expect(variables).toHaveLength(4);
    expect(loadStateShows(element, 'c-loading-status')).not.toBeNull();
    await expect(element).toBeAccessible();
  });

  it('lists the deals by amount × risk with a question for each flag', async () => {
    const element = await mount();
    await emitAll();
    // Echo has no flag and is left out; Delta has no amount and comes last.
    expect(texts(element, 'deal-name')).toEqual([
      'Acme renewal',
      'Beta expansion',
      'Cobalt pilot',
      'Delta new logo'
    ]);
    // Amounts in the user's currency (en-US, USD in tests) without cents; Delta has none, which
    // the engine's agenda holds as 0 (EXPECTED_AGENDA).
    expect(texts(element, 'deal-amount')).toEqual(['$50,000', '$20,000', '$100,000', '$0']);
    const deals = $$(element, 'deal');
    expect(deals[1].querySelectorAll('[data-id="flag"]')).toHaveLength(3);
    expect(
      [...deals[1].querySelectorAll('[data-id="question"]')].map((q) => q.textContent)
    ).toEqual([
      'The close date has passed. What is the realistic close date, and what has to happen first?',
      'There is no next step on this deal. What have you and the customer agreed to do next?',
      'The close date has moved out several times. What is really holding this deal up?'
    ]);
    // Delta's questions could not be read: its flags still show.
    expect(deals[3].querySelectorAll('[data-id="flag"]')).toHaveLength(2);
    expect(deals[3].querySelectorAll('[data-id="question"]')).toHaveLength(0);
    expect($(element, 'deal-name').getAttribute('href')).toBe(
      '/standard__recordPage/Opportunity/006A00000000001AAA/view'
    );
    expect(texts(element, 'recognition-item')).toEqual(RECOGNITION_SHOWN);
    expect($(element, 'tip').textContent).toBe(
      'Agree a small weekly habit: next steps on every open deal, updated before your 1:1.'
    );
    expect($$(element, 'session')).toHaveLength(2);
    await expect(element).toBeAccessible();
  });

  it('shows the manager’s cadence: sessions per rep in the last 30 days', async () => {
    const element = await mount();
    await emitAll();
    expect($(element, 'cadence-summary').textContent).toBe(
      '3 sessions with 2 reps in the last 30 days.'
    );
    const rows = cadenceRows(element);
    // Fewest sessions first.
    expect(rows).toEqual([
      ['Sam Seller', '1'],
      ['Riley Rep', '2']
    ]);
    expect($(element, 'cadence-coverage')).toBeNull();
  });

  it('words counts of 1 in the singular: 1 session with 1 rep, 1 of your 1 rep', async () => {
    // cadence.json without Riley's two sessions: Sam Seller's one, on 2026-11-18.
    const cadence = JSON.parse(JSON.stringify(CADENCE));
    const edges = cadence.uiapi.query.Coaching_Session__c.edges;
    cadence.uiapi.query.Coaching_Session__c.edges = edges.filter(
      (e) => e.node.Rep__r.Name.value === 'Sam Seller'
    );
    const element = await mount({
      teamReps: [{ repId: '005SAM000000002AAA', repName: 'Sam Seller' }]
    });
    await emitAll({ cadence });
    expect($(element, 'cadence-summary').textContent).toBe(
      '1 session with 1 rep in the last 30 days.'
    );
    expect($(element, 'cadence-coverage').textContent.trim()).toBe(
      '1 of your 1 rep had a 1:1 with you in the last 30 days.'
    );
  });

  it('lists the team’s reps without a session first when the team is known', async () => {
    const element = await mount({
      teamReps: [
        { repId: REP, repName: 'Riley Rep' },
        { repId: '005TOM000000003AAA', repName: 'Tom Taylor' }
      ]
    });
    await emitAll();
    const rows = cadenceRows(element);
    expect(rows).toEqual([
      ['Tom Taylor', '0'],
      ['Sam Seller', '1'],
      ['Riley Rep', '2']
    ]);
    expect($(element, 'cadence-summary').textContent).toBe(
      '3 sessions with 2 reps in the last 30 days.'
    );
    // Riley of the two team reps had a 1:1 (Sam is not in this team).
    expect($(element, 'cadence-coverage').textContent.trim()).toBe(
      '1 of your 2 reps had a 1:1 with you in the last 30 days.'
    );
    await expect(element).toBeAccessible();
  });

  it('saves the session with the exact createRecord payload and toasts', async () => {
    createRecord.mockResolvedValue({ id: 'a03NEW000000001AAA' });
    const element = await mount();
    const toast = jest.fn();
    const saved = jest.fn();
    element.addEventListener('lightning__showtoast', toast);
    element.addEventListener('sessionsaved', saved);
    await emitAll();
    const refreshSessions = jest.fn();
    const refreshCadence = jest.fn();
    graphql.emit(SESSIONS, isSessions, refreshSessions);
    graphql.emit(CADENCE, isCadence, refreshCadence);
    await flush();
    await typeAndSave(element, 'notes', 'Beta: agree a new close date with the buyer by Friday.');
    expect(createRecord).toHaveBeenCalledTimes(1);
    expect(createRecord.mock.calls[0][0]).toEqual({
      apiName: 'Coaching_Session__c',
      fields: {
        Rep__c: REP,
        Manager__c: ME,
        Session_Date__c: AS_OF,
        Agenda__c: JSON.stringify(EXPECTED_AGENDA),
        Notes__c: 'Beta: agree a new close date with the buyer by Friday.',
        Recognition__c:
          'Record completeness went up from 60 to 70.\nClimbed a rung on the adoption ladder.\nActivity logged 3 weeks in a row.'
      }
    });
    expect(toast).toHaveBeenCalledTimes(1);
    expect(toast.mock.calls[0][0].detail.variant).toBe('success');
    // The earlier sessions and the cadence are read again; the page hears of the new session.
    expect(refreshSessions).toHaveBeenCalledTimes(1);
    expect(refreshCadence).toHaveBeenCalledTimes(1);
    expect(saved.mock.calls[0][0].detail).toEqual({ repId: REP });
    // The form is cleared for the next session.
    expect($(element, 'notes').value).toBe('');
    await expect(element).toBeAccessible();
  });

  it('adds the most-improved recognition when the team page names the rep after the agenda is drawn', async () => {
    const element = await mount();
    await emitAll();
    expect(texts(element, 'recognition-item')).toHaveLength(3);
    element.mostImproved = true;
    await flush();
    // The engine puts most improved after the snapshots' three items (agenda.ts).
    expect(texts(element, 'recognition-item')).toEqual([
      ...RECOGNITION_SHOWN,
      'Most improved in the team this week.'
    ]);
  });

  it('saves the recognition the manager edited', async () => {
    const element = await mount();
    await emitAll();
    await typeAndSave(element, 'recognition-input', 'Great streak of logged calls.');
    expect(createRecord.mock.calls[0][0].fields.Recognition__c).toBe(
      'Great streak of logged calls.'
    );
    expect(createRecord.mock.calls[0][0].fields.Notes__c).toBe('');
  });

  it('keeps the notes and shows the error when the save fails', async () => {
    createRecord.mockRejectedValue({ body: { message: 'Insufficient access' } });
    const element = await mount();
    const toast = jest.fn();
    element.addEventListener('lightning__showtoast', toast);
    await emitAll();
    await typeAndSave(element, 'notes', 'Keep me');
    await flush();
    expect(toast.mock.calls[0][0].detail.variant).toBe('error');
    expect(element.shadowRoot.querySelector('c-error-panel')).not.toBeNull();
    expect($(element, 'notes').value).toBe('Keep me');
    await expect(element).toBeAccessible();
  });

  it('says so when there is nothing to discuss, no snapshot and no earlier session', async () => {
    const element = await mount();
    await emitAll({
      insights: INSIGHTS_EMPTY,
      snapshots: SNAPSHOTS_EMPTY,
      sessions: SESSIONS_EMPTY
    });
    expect($(element, 'deals-empty')).not.toBeNull();
    expect($(element, 'no-snapshot')).not.toBeNull();
    expect($(element, 'history-empty')).not.toBeNull();
    await expect(element).toBeAccessible();
  });

  it('shows the error panel when a query fails', async () => {
    const element = await mount();
    graphql.emitErrors([{ message: 'Field Risk_Flags__c is not accessible' }], isInsights);
    await flush();
    expect(loadStateShows(element, 'c-error-panel')).not.toBeNull();
    await expect(element).toBeAccessible();
  });

  it('lets the manager pick a rep when placed alone on a page', async () => {
    const element = await mount({ repId: undefined, repName: undefined });
    const picker = $(element, 'rep-picker');
    expect(picker).not.toBeNull();
    expect(picker.filter).toEqual({
      criteria: [{ fieldPath: 'ManagerId', operator: 'eq', value: ME }]
    });
    await expect(element).toBeAccessible();
    picker.dispatchEvent(new CustomEvent('change', { detail: { recordId: REP } }));
    await flush();
    expect($(element, 'rep-picker')).toBeNull();
    await emitAll();
    expect(texts(element, 'deal-name')).toHaveLength(4);
  });
});

import { createElement } from 'lwc';
import AdoptionPulse from 'c/adoptionPulse';
import { graphql } from 'lightning/graphql';

const SNAPSHOTS = require('./data/snapshots.json');
const SNAPSHOTS_PAGE_1 = require('./data/snapshotsPage1.json');
const SNAPSHOTS_PAGE_2 = require('./data/snapshotsPage2.json');
const SNAPSHOTS_EMPTY = require('./data/snapshotsEmpty.json');
const NUDGES = require('./data/nudges.json');
const NUDGES_EMPTY = require('./data/nudgesEmpty.json');

jest.mock(
  '@salesforce/label/c.Pulse_Period_Line',
  () => ({ default: '{0}: {1} users, {2} active' }),
  { virtual: true }
);
jest.mock(
  '@salesforce/label/c.Pulse_Nudges_Summary',
  () => ({ default: '{0} of {1} fixed ({2} %) in {3} days' }),
  { virtual: true }
);
jest.mock(
  '@salesforce/label/c.Pulse_Gauge_Summary',
  () => ({ default: '{0} % ({2} of {3}), target {1} %. {4}' }),
  { virtual: true }
);

const AS_OF = '2026-11-22';
const isSnapshots = (c) => Boolean(c.variables && 'asOf' in c.variables);
const isNudges = (c) => Boolean(c.variables && 'until' in c.variables);

function flush() {
  return Promise.resolve().then(() => Promise.resolve());
}

async function mount() {
  const element = createElement('c-adoption-pulse', { is: AdoptionPulse });
  Object.assign(element, { asOf: AS_OF, periods: 3 });
  document.body.appendChild(element);
  await flush();
  return element;
}

const $ = (element, selector) => element.shadowRoot.querySelector(selector);
const chart = (element, section) => $(element, `[data-id="${section}"] c-pulse-chart`);

describe('c-adoption-pulse', () => {
  afterEach(() => {
    while (document.body.firstChild) document.body.removeChild(document.body.firstChild);
    jest.clearAllMocks();
  });

  it('reads three weeks of snapshots and the nudge answers of the same days', async () => {
    const element = await mount();
    const variables = [];
    graphql.emit(undefined, (config) => {
      if (config.variables) variables.push(config.variables);
      return false;
    });
    expect(variables).toEqual([
      { since: '2026-11-02', asOf: AS_OF, after: null },
      { since: '2026-11-02T00:00:00.000Z', until: '2026-11-23T00:00:00.000Z', after: null }
    ]);
    expect($(element, 'lightning-spinner')).not.toBeNull();
    await expect(element).toBeAccessible();
  });

  it('shows the rungs over time, the tipping point overall and by team, and the trends', async () => {
    const element = await mount();
    graphql.emit(SNAPSHOTS, isSnapshots);
    graphql.emit(NUDGES, isNudges);
    await flush();

    expect($(element, '[data-id="period-line"]').textContent).toBe('2026-11-16: 8 users, 7 active');

    const rungs = chart(element, 'rungs');
    expect(rungs.categories).toEqual(['2026-11-02', '2026-11-09', '2026-11-16']);
    expect(rungs.series.map((s) => [s.name, s.values])).toEqual([
      ['c.Pulse_Rung_Awareness', [3, 2, 1]],
      ['c.Pulse_Rung_Understanding', [3, 2, 2]],
      ['c.Pulse_Rung_Acceptance', [2, 2, 1]],
      ['c.Pulse_Rung_Involvement', [0, 2, 3]],
      ['c.Pulse_Rung_Commitment', [0, 0, 1]]
    ]);

    // Active users at Involvement or Commitment: 0 of 5, 2 of 6, 4 of 7.
    const gauge = chart(element, 'overall');
    expect(gauge.value).toBe(57.1);
    expect(gauge.target).toBe(45);
    expect(gauge.summary).toBe('57.1 % (4 of 7), target 45 %. c.Pulse_Gauge_Reached');
    expect(chart(element, 'tipping-trend').series[0].values).toEqual([0, 33.3, 57.1]);
    expect(chart(element, 'completeness').series[0].values).toEqual([57, 66, 76]);

    const teams = [...element.shadowRoot.querySelectorAll('[data-id="team"] c-pulse-chart')];
    expect(teams.map((t) => [t.title, t.value])).toEqual([
      ['Nia North', 100],
      ['Morgan Manager', 50],
      ['c.Pulse_No_Manager', 0]
    ]);
    await expect(element).toBeAccessible();
  });

  it('scores people, process and technology 50 / 30 / 20', async () => {
    const element = await mount();
    graphql.emit(SNAPSHOTS, isSnapshots);
    graphql.emit(NUDGES, isNudges);
    await flush();
    const values = [...element.shadowRoot.querySelectorAll('[data-id="score-value"]')].map(
      (td) => td.textContent
    );
    // people 57.1 (tipping point), process 76 (completeness), technology 75 (6 of 8 logged
    // an activity); overall (50 × 57.1 + 30 × 76 + 20 × 75) ÷ 100 = 66.35 → 66.4.
    expect(values).toEqual(['57.1', '76', '75', '66.4']);
  });

  it('shows nudge conversion: fixed of the nudges answered', async () => {
    const element = await mount();
    graphql.emit(SNAPSHOTS, isSnapshots);
    graphql.emit(NUDGES, isNudges);
    await flush();
    expect($(element, '[data-id="nudge-summary"]').textContent).toBe(
      '3 of 6 fixed (50 %) in 21 days'
    );
    const counts = [...element.shadowRoot.querySelectorAll('[data-id="nudge-count"]')].map((li) =>
      li.textContent.replace(/\s+/g, ' ').trim()
    );
    expect(counts).toEqual([
      'c.Pulse_Action_Fixed 3',
      'c.Pulse_Action_Snoozed 2',
      'c.Pulse_Action_Dismissed 1'
    ]);
  });

  it('says when no nudge was answered', async () => {
    const element = await mount();
    graphql.emit(SNAPSHOTS, isSnapshots);
    graphql.emit(NUDGES_EMPTY, isNudges);
    await flush();
    expect($(element, '[data-id="nudges-empty"]')).not.toBeNull();
    await expect(element).toBeAccessible();
  });

  it('reads every page of snapshots before drawing', async () => {
    const element = await mount();
    graphql.emit(SNAPSHOTS_PAGE_1, isSnapshots);
    await flush();
    expect($(element, 'lightning-spinner')).not.toBeNull();
    const after = [];
    graphql.emit(undefined, (c) => {
      if (c.variables && 'asOf' in c.variables) after.push(c.variables.after);
      return false;
    });
    expect(after).toEqual(['c-10']);
    graphql.emit(SNAPSHOTS_PAGE_2, isSnapshots);
    await flush();
    expect(chart(element, 'overall').value).toBe(57.1);
  });

  it('reads a new window when the number of weeks changes', async () => {
    const element = await mount();
    graphql.emit(SNAPSHOTS, isSnapshots);
    graphql.emit(NUDGES, isNudges);
    await flush();
    element.periods = 1;
    await flush();
    expect($(element, 'lightning-spinner')).not.toBeNull();
    const since = [];
    graphql.emit(undefined, (c) => {
      if (c.variables) since.push(c.variables.since);
      return false;
    });
    expect(since).toEqual(['2026-11-16', '2026-11-16T00:00:00.000Z']);
  });

  it('explains an empty org', async () => {
    const element = await mount();
    graphql.emit(SNAPSHOTS_EMPTY, isSnapshots);
    graphql.emit(NUDGES_EMPTY, isNudges);
    await flush();
    const empty = $(element, '[data-id="empty"]');
    expect(empty.textContent).toContain('c.Pulse_Empty_Title');
    expect(empty.textContent).toContain('c.Pulse_Empty_Body');
    await expect(element).toBeAccessible();
  });

  it('shows the error panel when the snapshots cannot be read', async () => {
    const element = await mount();
    graphql.emitErrors([{ message: 'Adoption_Snapshot__c is not supported' }], isSnapshots);
    await flush();
    expect($(element, 'c-error-panel')).not.toBeNull();
    await expect(element).toBeAccessible();
  });
});

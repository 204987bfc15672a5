import { createElement } from 'lwc';
import AdoptionPulse from 'c/adoptionPulse';
import { graphql } from 'lightning/graphql';

const SNAPSHOTS = require('./data/snapshots.json');
const SNAPSHOTS_PAGE_1 = require('./data/snapshotsPage1.json');
const SNAPSHOTS_PAGE_2 = require('./data/snapshotsPage2.json');
const SNAPSHOTS_EMPTY = require('./data/snapshotsEmpty.json');
const NUDGES = require('./data/nudges.json');
const NUDGES_EMPTY = require('./data/nudgesEmpty.json');

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

    // Pulse_Period_Line: "Week starting {0}: {1} users, {2} active." Active users are those above
    // Awareness: 8 users, one of them (USR5) at Awareness.
    expect($(element, '[data-id="period-line"]').textContent).toBe(
      'Week starting 2026-11-16: 8 users, 7 active.'
    );

    const rungs = chart(element, 'rungs');
    expect(rungs.categories).toEqual(['2026-11-02', '2026-11-09', '2026-11-16']);
    expect(rungs.series.map((s) => [s.name, s.values])).toEqual([
      ['Awareness', [3, 2, 1]],
      ['Understanding', [3, 2, 2]],
      ['Acceptance', [2, 2, 1]],
      ['Involvement', [0, 2, 3]],
      ['Commitment', [0, 0, 1]]
    ]);

    // Active users at Involvement or Commitment: 0 of 5, 2 of 6, 4 of 7.
    const gauge = chart(element, 'overall');
    expect(gauge.value).toBe(57.1);
    expect(gauge.target).toBe(45);
    expect(gauge.summary).toBe(
      '57.1 % of active users stand at Involvement or Commitment (4 of 7); the tipping point is 45 %. Reached.'
    );
    expect(chart(element, 'tipping-trend').series[0].values).toEqual([0, 33.3, 57.1]);
    expect(chart(element, 'completeness').series[0].values).toEqual([57, 66, 76]);

    const teams = [...element.shadowRoot.querySelectorAll('[data-id="team"] c-pulse-chart')];
    // Latest week by manager: Nia North 3 users (USR5 at Awareness, USR6 and USR7 at Involvement:
    // 2 of 2 active adopted), Morgan Manager 4 (USR2 Involvement, USR4 Commitment: 2 of 4), no
    // manager 1 (USR8 at Understanding: 0 of 1), so "1 user.", never "1 users.".
    expect(teams.map((t) => [t.title, t.value, t.summary])).toEqual([
      [
        'Nia North',
        100,
        '3 users. 100 % of active users stand at Involvement or Commitment (2 of 2); the tipping point is 45 %. Reached.'
      ],
      [
        'Morgan Manager',
        50,
        '4 users. 50 % of active users stand at Involvement or Commitment (2 of 4); the tipping point is 45 %. Reached.'
      ],
      [
        'No manager',
        0,
        '1 user. 0 % of active users stand at Involvement or Commitment (0 of 1); the tipping point is 45 %. Not reached yet.'
      ]
    ]);
    await expect(element).toBeAccessible();
  });

  it('words counts of 1 in the singular: 1 user, over 1 week', async () => {
    // snapshots.json cut to USR8's week of 2026-11-16: at Understanding (active, not adopted).
    const one = JSON.parse(JSON.stringify(SNAPSHOTS));
    const connection = one.uiapi.query.Adoption_Snapshot__c;
    connection.edges = connection.edges.filter(
      (e) =>
        e.node.User__c.value === '005USR000000008AAA' &&
        e.node.Period_Start__c.value === '2026-11-16'
    );
    const element = await mount();
    graphql.emit(one, isSnapshots);
    graphql.emit(NUDGES, isNudges);
    await flush();
    expect($(element, '[data-id="period-line"]').textContent).toBe(
      'Week starting 2026-11-16: 1 user, 1 active.'
    );
    expect(chart(element, 'tipping-trend').summary).toBe('From 0 to 0 over 1 week.');
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
      '3 of 6 nudges reps answered in the last 21 days were fixed (50 %).'
    );
    const counts = [...element.shadowRoot.querySelectorAll('[data-id="nudge-count"]')].map((li) =>
      li.textContent.replace(/\s+/g, ' ').trim()
    );
    expect(counts).toEqual(['Fixed 3', 'Snoozed 2', 'Dismissed 1']);
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
    expect(empty.textContent).toBe(
      'No adoption snapshots yet' +
        'Snapshots appear after the Adoption Coach sync has run. If it has, check that your permission set grants read access to all adoption snapshots.'
    );
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

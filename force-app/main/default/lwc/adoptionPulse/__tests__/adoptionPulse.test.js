import AdoptionPulse from 'c/adoptionPulse';
import { gql, graphql } from 'lightning/graphql';
import {
  $,
  $$,
  cleanUp,
  flush,
  mount as mountComponent,
  texts
} from '../../ldsUtils/__tests__/componentTest';

// The stored rollups of three weeks (data/rollups.json, one org row and two team rows a week,
// the figures written by hand; see the comments below). The org rows' Active_Users__c and
// Logging_Users__c: 6 and 4, 7 and 5, 7 and 6 of the 8 users.
const ROLLUPS = require('./data/rollups.json');
const ROLLUPS_PAGE_1 = require('./data/rollupsPage1.json');
const ROLLUPS_PAGE_2 = require('./data/rollupsPage2.json');
const ROLLUPS_EMPTY = require('./data/rollupsEmpty.json');

const AS_OF = '2026-11-22';
const isRollups = (c) => Boolean(c.variables && 'asOf' in c.variables);

/** The variables of every rollups wire the pulse holds now (the mock emits nothing). */
function asked() {
  const variables = [];
  graphql.emit(undefined, (c) => {
    if (isRollups(c)) variables.push(c.variables);
    return false;
  });
  return variables;
}

const mount = () => mountComponent('c-adoption-pulse', AdoptionPulse, { asOf: AS_OF, periods: 3 });

async function mountWithData() {
  const element = await mount();
  graphql.emit(ROLLUPS, isRollups);
  await flush();
  return element;
}

// Every query text the pulse's module declares with gql, its interpolated selections (from
// c/coachQueries) in place (read when it was imported, before any mock is cleared).
const QUERY_TEXTS = gql.mock.calls.map(([strings, ...parts]) =>
  strings.reduce((text, s, i) => text + s + (i < parts.length ? parts[i] : ''), '')
);

const chart = (element, section) => $(element, `[data-id="${section}"] c-pulse-chart`);
/** The scorecard's Score column: people, process, technology, then the overall score. */
const scoreValues = (element) =>
  texts($(element, '[data-id="scorecard"] c-data-table'), '[data-field="value"]');

describe('c-adoption-pulse', () => {
  afterEach(cleanUp);

  it('reads the stored rollups of three weeks, and nothing else', async () => {
    const element = await mount();
    const variables = asked();
    // Three weeks up to Sunday 2026-11-22 start on 2026-11-02; the teams' rows are read from
    // the seven days up to it on (2026-11-16, the latest week's start), the org's of all weeks.
    expect(variables).toEqual([
      { since: '2026-11-02', asOf: AS_OF, teamsFrom: '2026-11-16', after: null }
    ]);
    expect($($(element, 'c-load-state'), 'c-loading-status')).not.toBeNull();
    // The programme's cards wait for the pulse's own read.
    const programme = () =>
      ['c-programme-messages', 'c-quick-win-approvals', 'c-rule-feedback'].map(
        (tag) => $(element, tag) !== null
      );
    expect(programme()).toEqual([false, false, false]);
    await expect(element).toBeAccessible();

    graphql.emit(ROLLUPS, isRollups);
    await flush();
    // Once they are in, no further query of the pulse: the one wire, still on its first (and
    // only) page; the programme's cards are drawn.
    expect(asked()).toEqual(variables);
    expect($(element, '[data-id="period-line"]')).not.toBeNull();
    expect(programme()).toEqual([true, true, true]);
  });

  it('reads no row finer than a team and week: the stored rollups alone', async () => {
    const element = await mountWithData();
    expect(chart(element, 'overall').value).toBe(50);
    const byName = Object.fromEntries(
      QUERY_TEXTS.filter((t) => /query pulse/.test(t)).map((t) => [/query (\w+)/.exec(t)[1], t])
    );
    // pulseRollups, and no other query of the pulse's own.
    expect(Object.keys(byName)).toEqual(['pulseRollups']);
    const objectsOf = (text) => [...text.matchAll(/(\w+__c)\s*\(/g)].map((m) => m[1]);
    // Rows are read from Adoption_Rollup__c alone: one row per team or org and week.
    expect(objectsOf(byName.pulseRollups)).toEqual(['Adoption_Rollup__c']);
    expect(byName.pulseRollups).toMatch(/edges/);
    // The period line's active users and the scorecard's users logging activities are stored.
    expect(byName.pulseRollups).toMatch(/Active_Users__c\s*\{\s*value\s*\}/);
    expect(byName.pulseRollups).toMatch(/Logging_Users__c\s*\{\s*value\s*\}/);
  });

  it('shows the rungs over time, the tipping point overall and by team, and the trends', async () => {
    const element = await mountWithData();

    // Pulse_Period_Line: "Week starting {0}: {1} users, {2} active." The org row of the latest
    // week has 8 users, 7 of them active (its Active_Users__c).
    expect($(element, '[data-id="period-line"]').textContent).toBe(
      'Week starting 2026-11-16: 8 users, 7 active.'
    );

    const rungs = chart(element, 'rungs');
    expect(rungs.categories).toEqual(['2026-11-02', '2026-11-09', '2026-11-16']);
    // The org rows' *_Users__c of each week.
    expect(rungs.series.map((s) => [s.name, s.values])).toEqual([
      ['Awareness', [3, 2, 1]],
      ['Understanding', [3, 2, 2]],
      ['Acceptance', [2, 2, 1]],
      ['Involvement', [0, 2, 3]],
      ['Commitment', [0, 0, 1]]
    ]);

    // The org rows' Tipping_Point__c: 0 of 8, 2 of 8, 4 of 8 adopted.
    const gauge = chart(element, 'overall');
    expect(gauge.value).toBe(50);
    expect(gauge.target).toBe(45);
    expect(gauge.summary).toContain('(4 of 8)');
    expect(gauge.summary).toMatch(/^50 % .* the tipping point is 45 %\. Reached\.$/);
    // The trend charts: users per rung stacked; the tipping point in % against its target; the
    // completeness score, a plain line.
    const trends = ['rungs', 'tipping-trend', 'completeness'].map((id) => chart(element, id));
    expect(trends.map((c) => [c.type, c.title, c.target, c.unit])).toEqual([
      ['stacked', 'Users on each rung', null, ''],
      ['line', 'Tipping point over time', 45, ' %'],
      ['line', 'Record completeness over time', null, '']
    ]);
    expect(trends[1].series[0].values).toEqual([0, 25, 50]);
    expect(trends[2].series[0].values).toEqual([57, 66, 76]);

    // The team rows of the latest week: Nia North 2 of 3 (66.7), Morgan Manager 2 of 4 (50),
    // closest to the tipping point first. A user without a manager is in no team row.
    const gauges = $(element, '[data-id="team-gauges"]');
    expect([gauges.type, gauges.target, gauges.unit]).toEqual(['gauges', 45, ' %']);
    const teams = gauges.gauges;
    expect(teams.map((t) => [t.title, t.value])).toEqual([
      ['Nia North', 66.7],
      ['Morgan Manager', 50]
    ]);
    expect(teams[0].summary).toMatch(/^3 users\. 66\.7 % .*\(2 of 3\).* Reached\.$/);
    expect(teams[1].summary).toMatch(/^4 users\. 50 % .*\(2 of 4\).* Reached\.$/);
    // Drawn as one list item each, title and summary first.
    const items = $$(gauges, '[data-id="gauge-item"]');
    expect(items.map((li) => li.getAttribute('role'))).toEqual(['listitem', 'listitem']);
    expect(items[0].querySelector('p').textContent).toBe('Nia North');
    await expect(element).toBeAccessible();
  });

  it('words counts of 1 in the singular: 1 user, over 1 week', async () => {
    // rollups.json cut to the org row of 2026-11-16, made a team of one: 1 user, at Understanding.
    const one = JSON.parse(JSON.stringify(ROLLUPS));
    const connection = one.uiapi.query.Adoption_Rollup__c;
    connection.edges = connection.edges.filter(
      (e) => e.node.Scope__c.value === 'Org' && e.node.Period_Start__c.value === '2026-11-16'
    );
    const node = connection.edges[0].node;
    node.Audience_Size__c.value = 1;
    node.Adopters__c.value = 0;
    node.Tipping_Point__c.value = 0;
    node.Active_Users__c.value = 1;
    node.Logging_Users__c.value = 1;
    const element = await mount();
    graphql.emit(one, isRollups);
    await flush();
    expect($(element, '[data-id="period-line"]').textContent).toBe(
      'Week starting 2026-11-16: 1 user, 1 active.'
    );
    expect(chart(element, 'tipping-trend').summary).toBe('From 0 to 0 over 1 week.');
  });

  it('scores people, process and technology 50 / 30 / 20', async () => {
    const element = await mountWithData();
    const values = scoreValues(element);
    // people 50 (tipping point: 4 of 8), process 76 (completeness), technology 75 (6 of the
    // 8 users logged an activity: the latest org row's Logging_Users__c); overall
    // (50 × 50 + 30 × 76 + 20 × 75) ÷ 100 = 62.8.
    expect(values).toEqual(['50', '76', '75', '62.8']);
    // The overall score closes the table in bold, as a total.
    const table = $(element, '[data-id="scorecard"] c-data-table');
    expect($(table, 'tbody tr:last-child').className).toBe('slds-text-title_bold');
  });

  it('leaves the active users and the technology score blank on a row stored without them', async () => {
    const old = JSON.parse(JSON.stringify(ROLLUPS));
    for (const e of old.uiapi.query.Adoption_Rollup__c.edges) {
      e.node.Active_Users__c.value = null;
      e.node.Logging_Users__c.value = null;
    }
    const element = await mount();
    graphql.emit(old, isRollups);
    await flush();
    expect($(element, '[data-id="period-line"]').textContent).toBe(
      'Week starting 2026-11-16: 8 users, No value active.'
    );
    const values = scoreValues(element);
    // Technology blank: the scorecard weighs people 50 and process 76 alone,
    // (50 × 50 + 30 × 76) ÷ 80 = 4,780 ÷ 80 = 59.75 → 59.8.
    expect(values.slice(0, 3)).toEqual(['50', '76', 'No value']);
    expect(values[3]).toBe('59.8');
  });

  it('shows nudge conversion: fixed of the nudges answered, summed over the weeks', async () => {
    const element = await mountWithData();
    // Org rows: Fixed 1 + 1 + 1, Snoozed 0 + 1 + 1, Dismissed 0 + 0 + 1: 3 of 6 fixed.
    expect($(element, '[data-id="nudge-summary"]').textContent).toBe(
      '3 of 6 nudges reps answered in the last 21 days were fixed (50 %).'
    );
    const counts = [...element.shadowRoot.querySelectorAll('[data-id="nudge-count"]')].map((li) =>
      li.textContent.replace(/\s+/g, ' ').trim()
    );
    expect(counts).toEqual(['Fixed 3', 'Snoozed 2', 'Dismissed 1']);
  });

  it('says when no nudge was answered', async () => {
    const none = JSON.parse(JSON.stringify(ROLLUPS));
    for (const e of none.uiapi.query.Adoption_Rollup__c.edges)
      for (const a of ['Fixed', 'Snoozed', 'Dismissed']) e.node[`Nudges_${a}__c`].value = 0;
    const element = await mount();
    graphql.emit(none, isRollups);
    await flush();
    expect($(element, '[data-id="nudges-empty"]')).not.toBeNull();
    await expect(element).toBeAccessible();
  });

  it('reads the teams of the latest stored week again when no sync stored the current one', async () => {
    // A week later (Sunday 2026-11-29, four weeks: since 2026-11-02) the teams' rows are asked
    // from 2026-11-23 on; the org's rows end with the week of 2026-11-16, so the org answers
    // with its three org rows only, as the where clause selects them from rollups.json.
    const edges = ROLLUPS.uiapi.query.Adoption_Rollup__c.edges;
    const answer = (keep) => ({
      uiapi: {
        query: {
          Adoption_Rollup__c: {
            edges: edges.filter((e) => keep(e.node)),
            pageInfo: { hasNextPage: false, endCursor: null }
          }
        }
      }
    });
    const element = await mountComponent('c-adoption-pulse', AdoptionPulse, {
      asOf: '2026-11-29',
      periods: 4
    });
    expect(asked()).toEqual([
      { since: '2026-11-02', asOf: '2026-11-29', teamsFrom: '2026-11-23', after: null }
    ]);
    graphql.emit(
      answer((n) => n.Scope__c.value === 'Org'),
      isRollups
    );
    await flush();
    // Read again from the latest org week, 2026-11-16, before anything is drawn.
    expect(asked()).toEqual([
      { since: '2026-11-02', asOf: '2026-11-29', teamsFrom: '2026-11-16', after: null }
    ]);
    expect($($(element, 'c-load-state'), 'c-loading-status')).not.toBeNull();
    graphql.emit(
      answer((n) => n.Scope__c.value === 'Org' || n.Period_Start__c.value >= '2026-11-16'),
      isRollups
    );
    await flush();
    // The two teams of the week of 2026-11-16: 66.7 % and 50 %, the closer to the target first.
    const teams = $(element, '[data-id="team-gauges"]').gauges;
    expect(teams.map((t) => t.value)).toEqual([66.7, 50]);
    expect(chart(element, 'overall').value).toBe(50);
  });

  it('reads every page of rollups before drawing', async () => {
    const element = await mount();
    graphql.emit(ROLLUPS_PAGE_1, isRollups);
    await flush();
    expect($($(element, 'c-load-state'), 'c-loading-status')).not.toBeNull();
    expect(asked().map((v) => v.after)).toEqual(['c-5']);
    graphql.emit(ROLLUPS_PAGE_2, isRollups);
    await flush();
    // The two pages together are rollups.json: 4 of the 8 users of the latest week adopted.
    expect(chart(element, 'overall').value).toBe(50);
  });

  it('warns that the figures cover part of the company when the pages run out first', async () => {
    const element = await mount();
    expect($(element, 'c-truncated-notice')).toBeNull();
    // Ten pages (the most read) of the org's rows, each saying another one follows.
    const edges = ROLLUPS.uiapi.query.Adoption_Rollup__c.edges;
    const page = {
      edges: edges.filter((e) => e.node.Scope__c.value === 'Org'),
      pageInfo: { hasNextPage: true, endCursor: 'c-more' }
    };
    const more = { uiapi: { query: { Adoption_Rollup__c: page } } };
    for (let n = 0; n < 10; n++) {
      graphql.emit(more, isRollups);
      // eslint-disable-next-line no-await-in-loop
      await flush();
    }
    expect($(element, 'c-truncated-notice').shadowRoot.textContent).toBe(
      'Only the first 20000 rows were read; the figures cover part of the company. Show fewer weeks.'
    );
  });

  it('reads a new window when the number of weeks changes', async () => {
    const element = await mountWithData();
    element.periods = 1;
    await flush();
    expect($($(element, 'c-load-state'), 'c-loading-status')).not.toBeNull();
    expect(asked().map((v) => v.since)).toEqual(['2026-11-16']);
  });

  it('explains an empty org', async () => {
    const element = await mount();
    graphql.emit(ROLLUPS_EMPTY, isRollups);
    await flush();
    const empty = $(element, '[data-id="empty"]');
    expect(empty.textContent).toBe(
      'No adoption snapshots yet' +
        'Snapshots appear after the Adoption Coach sync has run. If it has, check that your permission set grants read access to all adoption snapshots.'
    );
    await expect(element).toBeAccessible();
  });

  it('shows the error panel when the rollups cannot be read', async () => {
    const element = await mount();
    graphql.emitErrors([{ message: 'Adoption_Rollup__c is not supported' }], isRollups);
    await flush();
    expect($($(element, 'c-load-state'), 'c-error-panel')).not.toBeNull();
    // The programme's cards read their own data: they are drawn when the pulse's read failed.
    expect($(element, 'c-programme-messages')).not.toBeNull();
    await expect(element).toBeAccessible();
  });
});

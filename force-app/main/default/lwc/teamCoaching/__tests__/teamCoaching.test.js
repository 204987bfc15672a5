import { createElement } from 'lwc';
import TeamCoaching from 'c/teamCoaching';
import { graphql } from 'lightning/graphql';

const TEAM_50 = require('./data/team50.json');
const FIVE = require('./data/five.json');
const EMPTY = require('./data/empty.json');
const LEVEL_2 = require('./data/level2.json');
const PAGE_1 = require('./data/page1.json');
const PAGE_2 = require('./data/page2.json');

const ME = '005000000000000000';
const AS_OF = '2026-11-22';

/** Only the team query (the agenda's queries have other variables). */
const teamQuery = (config) => Boolean(config.variables && config.variables.managerIds);

/** Answers the team's snapshot query with `page` and lets the component render. */
async function emitTeam(page) {
  graphql.emit(page, teamQuery);
  await flush();
}

function flush() {
  return Promise.resolve().then(() => Promise.resolve());
}

/** Mounts the component and lets its wire receive its first config. */
async function mount(props = {}) {
  const element = createElement('c-team-coaching', { is: TeamCoaching });
  Object.assign(element, { asOf: AS_OF, ...props });
  document.body.appendChild(element);
  await flush();
  return element;
}

/** The reps' table, drawn by the page's c-rep-table. */
function table(element) {
  const part = element.shadowRoot.querySelector('[data-id="table"] c-rep-table');
  return part ? part.shadowRoot.querySelector('table') : null;
}

/** The table as the manager reads it: each row's rep and the text of each column. */
function tableRows(element) {
  return [...table(element).querySelectorAll('tbody tr')].map((tr) => {
    const cells = {};
    for (const td of tr.querySelectorAll('td')) cells[td.dataset.field] = td.textContent.trim();
    const button = tr.querySelector('th button');
    return { repId: tr.dataset.rep, repName: button.textContent.trim(), button, cells };
  });
}

function names(element) {
  return tableRows(element).map((r) => r.repName);
}

function headerFields(element) {
  return [...table(element).querySelectorAll('thead th')].map((th) =>
    th.querySelector('button').getAttribute('data-field')
  );
}

/** The column the table is sorted by and its aria-sort direction. */
function sortState(element) {
  const th = [...table(element).querySelectorAll('thead th')].find(
    (h) => h.getAttribute('aria-sort') !== 'none'
  );
  return [th.querySelector('button').getAttribute('data-field'), th.getAttribute('aria-sort')];
}

/** The variables of the team's own query (not those of the cards beside it). */
function lastTeamVariables() {
  let found;
  graphql.emit(undefined, (config) => {
    if (config.variables && 'managerIds' in config.variables) found = config.variables;
    return false;
  });
  return found;
}

describe('c-team-coaching', () => {
  afterEach(() => {
    while (document.body.firstChild) document.body.removeChild(document.body.firstChild);
    jest.clearAllMocks();
  });

  it('asks for the direct reports of the current user over the last four weeks', async () => {
    const element = await mount();
    await flush();
    expect(lastTeamVariables()).toEqual({
      managerIds: [ME],
      since: '2026-10-26',
      asOf: AS_OF,
      after: null
    });
    // Loading until the data arrives.
    expect(element.shadowRoot.querySelector('c-loading-status')).not.toBeNull();
    await expect(element).toBeAccessible();
  });

  it('renders every row of a team of 50 reps, from each rep’s latest snapshot', async () => {
    const element = await mount();
    await emitTeam(TEAM_50);
    const rows = tableRows(element);
    expect(rows).toHaveLength(50);
    expect(new Set(rows.map((r) => r.repId)).size).toBe(50);
    // Sorted by name by default.
    expect(rows[0].repName).toBe('Rep 01');
    expect(rows[49].repName).toBe('Rep 50');
    // Rep 10: completeness 50 (47 the week before), Awareness, no closed deal.
    expect(rows[9].repId).toBe('005RP0000000010AAA');
    expect(rows[9].cells).toEqual({
      stage: 'Awareness',
      completeness: '50%',
      trend: '3',
      pipeline: '$10,000',
      stale: '2',
      pastDue: '1',
      pushed: '0',
      noNextStep: '0',
      winRate: '',
      activities: '1'
    });
    const trendIcons = [...table(element).querySelectorAll('tbody tr')].map((tr) =>
      tr.querySelector('td[data-field="trend"] lightning-icon')
    );
    const trendIcon = (row) => trendIcons[row];
    expect(trendIcon(9).iconName).toBe('utility:arrowup');
    // Rep 13: Involvement, win rate 13 %.
    expect(rows[12].cells).toEqual({
      stage: 'Involvement',
      completeness: '53%',
      trend: '6',
      pipeline: '$13,000',
      stale: '1',
      pastDue: '1',
      pushed: '1',
      noNextStep: '3',
      winRate: '13%',
      activities: '4'
    });
    // Rep 7: no change (7 % 7 = 0).
    expect(rows[6].cells.trend).toBe('0');
    expect(trendIcon(6)).toBeNull();
    // 20 of the 50 (all active) stand at Involvement or Commitment: 40 % against 45 %.
    const tipping = element.shadowRoot.querySelector('[data-id="tipping"]');
    expect(tipping.textContent.trim()).toBe(
      '20 of 50 active reps stand at Involvement or Commitment (40 %; the tipping point is 45 %).'
    );
    expect(element.shadowRoot.querySelector('[data-id="summary"]').textContent).toBe(
      '50 reps · latest week starting 2026-11-16'
    );
    expect(element.shadowRoot.querySelector('[data-id="table-caption"]').textContent).toBe(
      "Your team: 50 reps. Choose a rep's name to open their 1:1 agenda."
    );
    await expect(element).toBeAccessible();
  });

  it('sorts numerically with blanks last in both directions, and rungs in ladder order', async () => {
    const element = await mount();
    await emitTeam(FIVE);
    expect(names(element)).toEqual([
      'ali Ahmed',
      'Bea Brown',
      'Chris Chen',
      'Dana Diaz',
      'Eve Evans'
    ]);
    // Clicks the column's header (twice when it must flip) until the table is sorted that way.
    const sort = async (fieldName, sortDirection) => {
      const wanted = sortDirection === 'asc' ? 'ascending' : 'descending';
      const click = async () => {
        table(element).querySelector(`thead button[data-field="${fieldName}"]`).click();
        await flush();
      };
      if (sortState(element)[0] !== fieldName) await click();
      if (sortState(element)[1] !== wanted) await click();
      expect(sortState(element)).toEqual([fieldName, wanted]);
    };
    await sort('completeness', 'desc');
    expect(names(element)).toEqual([
      'Chris Chen',
      'Eve Evans',
      'Dana Diaz',
      'Bea Brown',
      'ali Ahmed'
    ]);
    expect(sortState(element)).toEqual(['completeness', 'descending']);
    await sort('completeness', 'asc');
    expect(names(element)).toEqual([
      'Bea Brown',
      'Dana Diaz',
      'Eve Evans',
      'Chris Chen',
      'ali Ahmed'
    ]);
    await sort('stage', 'asc');
    expect(names(element)).toEqual([
      'ali Ahmed',
      'Bea Brown',
      'Eve Evans',
      'Chris Chen',
      'Dana Diaz'
    ]);
    // The rung shows in the user's language (picklist displayValue) and sorts by the ladder.
    expect(tableRows(element)[4].cells.stage).toBe('Verpflichtung');
    await sort('pipeline', 'asc');
    expect(names(element)).toEqual([
      'Chris Chen',
      'Eve Evans',
      'Dana Diaz',
      'Bea Brown',
      'ali Ahmed'
    ]);
    await sort('winRate', 'desc');
    expect(names(element).slice(0, 3)).toEqual(['Eve Evans', 'Dana Diaz', 'Chris Chen']);
    expect(new Set(names(element).slice(3))).toEqual(new Set(['ali Ahmed', 'Bea Brown']));
    await expect(element).toBeAccessible();
  });

  it('gives a manager with no team a helpful empty state', async () => {
    const element = await mount();
    await emitTeam(EMPTY);
    expect(table(element)).toBeNull();
    const empty = element.shadowRoot.querySelector('[data-id="empty"]');
    expect(empty.textContent).toBe(
      'No reps to coach yet' +
        "No recent adoption snapshot names you as the manager. Reps appear here after the nightly sync once you are their manager on their user record. If you expected a team, ask your Salesforce admin to check the Manager field on your reps' users and that the Adoption Coach sync has run."
    );
    await expect(element).toBeAccessible();
  });

  it('says "1 rep" for a team of one', async () => {
    // five.json without its last four reps: Dana Diaz alone, week of 2026-11-16.
    const one = JSON.parse(JSON.stringify(FIVE));
    one.uiapi.query.Adoption_Snapshot__c.edges.splice(1);
    const element = await mount();
    await emitTeam(one);
    expect(element.shadowRoot.querySelector('[data-id="summary"]').textContent).toBe(
      '1 rep · latest week starting 2026-11-16'
    );
    expect(element.shadowRoot.querySelector('[data-id="table-caption"]').textContent).toBe(
      "Your team: 1 rep. Choose a rep's name to open their 1:1 agenda."
    );
  });

  it('shows the error panel when the snapshots cannot be read', async () => {
    const element = await mount();
    graphql.emitErrors([{ message: 'No access to Adoption_Snapshot__c' }], teamQuery);
    await flush();
    const panel = element.shadowRoot.querySelector('c-error-panel');
    expect(panel).not.toBeNull();
    expect(panel.errors).toEqual([{ message: 'No access to Adoption_Snapshot__c' }]);
    await expect(element).toBeAccessible();
  });

  it('reads every page of a long list', async () => {
    const element = await mount();
    await emitTeam(PAGE_1);
    expect(lastTeamVariables().after).toBe('cursor-1');
    expect(table(element)).toBeNull();
    await emitTeam(PAGE_2);
    expect(tableRows(element)).toHaveLength(5);
  });

  it('walks the hierarchy level by level when the toggle is on, and back', async () => {
    const element = await mount();
    await emitTeam(FIVE);
    const toggle = element.shadowRoot.querySelector('[data-id="hierarchy-toggle"]');
    toggle.checked = true;
    toggle.dispatchEvent(new CustomEvent('change'));
    await flush();
    expect(lastTeamVariables().managerIds).toEqual([
      '005SR0000000001AAA',
      '005SR0000000002AAA',
      '005SR0000000003AAA',
      '005SR0000000004AAA',
      '005SR0000000005AAA'
    ]);
    await emitTeam(LEVEL_2);
    // Level 3: the reps of Finn and Gia (none).
    expect(lastTeamVariables().managerIds).toEqual(['005L20000000001AAA', '005L20000000002AAA']);
    await emitTeam(EMPTY);
    const rows = tableRows(element);
    expect(rows).toHaveLength(7);
    const finn = rows.find((r) => r.repName === 'Finn Ford');
    expect(finn.cells.managerName).toBe('Chris Chen');
    expect(headerFields(element)).toContain('managerName');

    toggle.checked = false;
    toggle.dispatchEvent(new CustomEvent('change'));
    await flush();
    expect(tableRows(element)).toHaveLength(5);
    expect(headerFields(element)).not.toContain('managerName');
    await expect(element).toBeAccessible();
  });

  it('reads again from the start when asOf changes', async () => {
    const element = await mount();
    await emitTeam(FIVE);
    element.asOf = '2026-11-29';
    await flush();
    expect(lastTeamVariables()).toEqual({
      managerIds: [ME],
      since: '2026-11-02',
      asOf: '2026-11-29',
      after: null
    });
    expect(table(element)).toBeNull();
    await emitTeam(TEAM_50);
    expect(tableRows(element)).toHaveLength(50);
  });

  it('opens the 1:1 agenda of the chosen rep on the same page', async () => {
    const element = await mount();
    const handler = jest.fn();
    element.addEventListener('repselect', handler);
    await emitTeam(TEAM_50);
    tableRows(element)[5].button.click();
    await flush();
    expect(handler).toHaveBeenCalledTimes(1);
    expect(handler.mock.calls[0][0].detail).toEqual({
      repId: '005RP0000000006AAA',
      repName: 'Rep 06'
    });
    const agenda = element.shadowRoot.querySelector('c-coaching-agenda');
    expect(agenda.repId).toBe('005RP0000000006AAA');
    expect(agenda.repName).toBe('Rep 06');
    expect(agenda.asOf).toBe(AS_OF);
    // The engine's team rollup names rep 6 most improved (gain 6, lowest id of the ties).
    expect(agenda.mostImproved).toBe(true);
    // The team goes along for the manager's coaching cadence.
    expect(agenda.teamReps).toHaveLength(50);
    expect(agenda.teamReps[0]).toEqual({ repId: '005RP0000000001AAA', repName: 'Rep 01' });
    // The table keeps its data while the agenda's own queries start.
    expect(tableRows(element)).toHaveLength(50);
    const heading = element.shadowRoot.querySelector('[data-id="agenda-heading"]');
    expect(element.shadowRoot.activeElement).toBe(heading);

    element.shadowRoot.querySelector('[data-id="close-agenda"]').click();
    await flush();
    expect(element.shadowRoot.querySelector('c-coaching-agenda')).toBeNull();
  });
});

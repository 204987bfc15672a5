import TeamCoaching from 'c/teamCoaching';
import { graphql } from 'lightning/graphql';
import { cleanUp, flush, mount as mountComponent } from '../../ldsUtils/__tests__/componentTest';

const TEAM_50 = require('./data/team50.json');
const FIVE = require('./data/five.json');
const EMPTY = require('./data/empty.json');
const LEVEL_2 = require('./data/level2.json');
const PAGE_1 = require('./data/page1.json');
const PAGE_2 = require('./data/page2.json');
const ROLLUPS_50 = require('./data/rollups50.json');
const ROLLUPS_FIVE = require('./data/rollupsFive.json');
const ROLLUPS_HIERARCHY = require('./data/rollupsHierarchy.json');
const ROLLUPS_EMPTY = require('./data/rollupsEmpty.json');

const ME = '005000000000000000';
const AS_OF = '2026-11-22';

/** Only the team query (the agenda's queries have other variables). */
const teamQuery = (config) => Boolean(config.variables && config.variables.managerIds);

/** The stored team rollups' query. */
const rollupQuery = (config) => Boolean(config.variables && config.variables.teamManagerIds);

/** Answers the team's snapshot query with `page` and lets the component render. */
async function emitTeam(page) {
  graphql.emit(page, teamQuery);
  await flush();
}

/** Answers the stored rollups' query with `page`. */
async function emitRollups(page) {
  graphql.emit(page, rollupQuery);
  await flush();
}

/** A copy of a rollups page with one field of its first row set to `value`. */
function withFirstRow(page, field, value) {
  const copy = JSON.parse(JSON.stringify(page));
  copy.uiapi.query.Adoption_Rollup__c.edges[0].node[field] = { value };
  return copy;
}

/** The texts of the tipping line and the active line (null when not shown). */
function teamLines(element) {
  const text = (id) => {
    const p = element.shadowRoot.querySelector(`[data-id="${id}"]`);
    return p ? p.textContent.trim() : null;
  };
  return [text('tipping'), text('active')];
}

/** Mounts the component and lets its wire receive its first config. */
const mount = (props = {}) =>
  mountComponent('c-team-coaching', TeamCoaching, { asOf: AS_OF, ...props });

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

/** The variables of the last query that takes `key` (the wire's config, as the adapter got it). */
function lastVariablesWith(key) {
  let found;
  graphql.emit(undefined, (config) => {
    if (config.variables && key in config.variables) found = config.variables;
    return false;
  });
  return found;
}

/** The variables of the team's own query (not those of the cards beside it). */
const lastTeamVariables = () => lastVariablesWith('managerIds');

/** The variables of the stored rollups' query. */
const lastRollupVariables = () => lastVariablesWith('teamManagerIds');

describe('c-team-coaching', () => {
  afterEach(cleanUp);

  it('asks for the direct reports of the current user over the last four weeks', async () => {
    const element = await mount();
    await flush();
    expect(lastTeamVariables()).toEqual({
      managerIds: [ME],
      since: '2026-10-26',
      asOf: AS_OF,
      after: null
    });
    // The team's stored rollups are asked for at the same time, over the same four weeks.
    expect(lastRollupVariables()).toEqual({
      teamManagerIds: [ME],
      since: '2026-10-26',
      asOf: AS_OF,
      after: null
    });
    // Loading until the data arrives.
    expect(
      element.shadowRoot.querySelector('c-load-state').shadowRoot.querySelector('c-loading-status')
    ).not.toBeNull();
    await expect(element).toBeAccessible();
  });

  it('renders every row of a team of 50 reps, from each rep’s latest snapshot', async () => {
    const element = await mount();
    await emitTeam(TEAM_50);
    await emitRollups(ROLLUPS_50);
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
    // The team's stored rollup of the latest week (11-16; the week before had 18 adopters and 49
    // active): 20 of 50 at Involvement or Commitment, 40 % against 45 %; all 50 active.
    expect(teamLines(element)).toEqual([
      'At Involvement or Commitment: 20 of your 50 direct reports (40 %; the tipping point is 45 %).',
      'Active in the week (an open deal or an activity logged): 50 of 50.'
    ]);
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
    // Each sort in turn and the reps' order it gives; the rung sorts by the ladder.
    const sorts = [
      ['completeness', 'desc', 'Chris Chen, Eve Evans, Dana Diaz, Bea Brown, ali Ahmed'],
      ['completeness', 'asc', 'Bea Brown, Dana Diaz, Eve Evans, Chris Chen, ali Ahmed'],
      ['stage', 'asc', 'ali Ahmed, Bea Brown, Eve Evans, Chris Chen, Dana Diaz'],
      ['pipeline', 'asc', 'Chris Chen, Eve Evans, Dana Diaz, Bea Brown, ali Ahmed']
    ];
    for (const [fieldName, sortDirection, order] of sorts) {
      // eslint-disable-next-line no-await-in-loop
      await sort(fieldName, sortDirection);
      expect(names(element).join(', ')).toBe(order);
    }
    // The rung shows in the user's language (picklist displayValue).
    const dana = tableRows(element).find((r) => r.repName === 'Dana Diaz');
    expect(dana.cells.stage).toBe('Verpflichtung');
    await sort('winRate', 'desc');
    expect(names(element).slice(0, 3)).toEqual(['Eve Evans', 'Dana Diaz', 'Chris Chen']);
    expect(new Set(names(element).slice(3))).toEqual(new Set(['ali Ahmed', 'Bea Brown']));
    await expect(element).toBeAccessible();
  });

  it('shows the team’s figures as the sync stored them, each in its place', async () => {
    const element = await mount();
    await emitTeam(FIVE);
    // No rollup yet: the reps are listed, without the team's lines.
    expect(tableRows(element)).toHaveLength(5);
    expect(teamLines(element)).toEqual([null, null]);
    // Audience 5, adopters 2, 40 %, target 45, active 4: each figure lands in its own place.
    await emitRollups(ROLLUPS_FIVE);
    expect(teamLines(element)).toEqual([
      'At Involvement or Commitment: 2 of your 5 direct reports (40 %; the tipping point is 45 %).',
      'Active in the week (an open deal or an activity logged): 4 of 5.'
    ]);
    await expect(element).toBeAccessible();
  });

  it('leaves out the active line when the stored row has no count, and both lines without a tipping point', async () => {
    const element = await mount();
    await emitTeam(FIVE);
    await emitRollups(withFirstRow(ROLLUPS_FIVE, 'Active_Users__c', null));
    expect(teamLines(element)).toEqual([
      'At Involvement or Commitment: 2 of your 5 direct reports (40 %; the tipping point is 45 %).',
      null
    ]);
    // asOf moves: everything is read again, and this row has no tipping point.
    element.asOf = '2026-11-23';
    await flush();
    await emitTeam(FIVE);
    await emitRollups(withFirstRow(ROLLUPS_FIVE, 'Tipping_Point__c', null));
    expect(teamLines(element)).toEqual([
      null,
      'Active in the week (an open deal or an activity logged): 4 of 5.'
    ]);
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
    // Dana's team row: 1 user, 1 adopter (100 %), 1 active.
    let row = withFirstRow(ROLLUPS_FIVE, 'Audience_Size__c', 1);
    row = withFirstRow(row, 'Adopters__c', 1);
    row = withFirstRow(row, 'Active_Users__c', 1);
    await emitRollups(withFirstRow(row, 'Tipping_Point__c', 100));
    expect(element.shadowRoot.querySelector('[data-id="summary"]').textContent).toBe(
      '1 rep · latest week starting 2026-11-16'
    );
    expect(teamLines(element)).toEqual([
      'At Involvement or Commitment: 1 of your 1 direct report (100 %; the tipping point is 45 %).',
      'Active in the week (an open deal or an activity logged): 1 of 1.'
    ]);
    expect(element.shadowRoot.querySelector('[data-id="table-caption"]').textContent).toBe(
      "Your team: 1 rep. Choose a rep's name to open their 1:1 agenda."
    );
  });

  it('shows the error panel when the snapshots cannot be read', async () => {
    const element = await mount();
    graphql.emitErrors([{ message: 'No access to Adoption_Snapshot__c' }], teamQuery);
    await flush();
    const panel = element.shadowRoot
      .querySelector('c-load-state')
      .shadowRoot.querySelector('c-error-panel');
    expect(panel).not.toBeNull();
    expect(panel.errors).toEqual([{ message: 'No access to Adoption_Snapshot__c' }]);
    await expect(element).toBeAccessible();
  });

  it('shows the error panel when the stored rollups cannot be read', async () => {
    const element = await mount();
    await emitTeam(FIVE);
    graphql.emitErrors([{ message: 'No access to Adoption_Rollup__c' }], rollupQuery);
    await flush();
    expect(
      element.shadowRoot.querySelector('c-load-state').shadowRoot.querySelector('c-error-panel')
        .errors
    ).toEqual([{ message: 'No access to Adoption_Rollup__c' }]);
    expect(table(element)).toBeNull();
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
    // The rollups of the teams now listed are read: mine, Chris's (Finn) and Eve's (Gia).
    expect(lastRollupVariables()).toEqual({
      teamManagerIds: [ME, '005SR0000000003AAA', '005SR0000000005AAA'],
      since: '2026-10-26',
      asOf: AS_OF,
      after: null
    });
    await emitRollups(ROLLUPS_HIERARCHY);
    // The line stays my own team's; each rep's recognition is their own team's row: Finn is
    // Chris's most improved, Bea mine, Gia's team (Eve's) names nobody.
    expect(teamLines(element)[0]).toBe(
      'At Involvement or Commitment: 2 of your 5 direct reports (40 %; the tipping point is 45 %).'
    );
    const mostImproved = async (name) => {
      tableRows(element)
        .find((r) => r.repName === name)
        .button.click();
      await flush();
      return element.shadowRoot.querySelector('c-coaching-agenda').mostImproved;
    };
    expect(await mostImproved('Finn Ford')).toBe(true);
    expect(await mostImproved('Gia Gray')).toBe(false);
    expect(await mostImproved('Bea Brown')).toBe(true);
    expect(await mostImproved('Chris Chen')).toBe(false);

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
    expect(lastRollupVariables()).toEqual({
      teamManagerIds: [ME],
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
    await emitRollups(ROLLUPS_50);
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
    // The team's stored rollup of the latest week names rep 6 most improved (the week before's
    // named rep 1, which is not the latest).
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
    // Rep 1, named by the week before only, is not most improved.
    tableRows(element)[0].button.click();
    await flush();
    expect(element.shadowRoot.querySelector('c-coaching-agenda').mostImproved).toBe(false);
  });

  it('names nobody most improved and shows no team line when no rollup is stored', async () => {
    const element = await mount();
    await emitTeam(TEAM_50);
    await emitRollups(ROLLUPS_EMPTY);
    expect(tableRows(element)).toHaveLength(50);
    expect(teamLines(element)).toEqual([null, null]);
    tableRows(element)[5].button.click();
    await flush();
    expect(element.shadowRoot.querySelector('c-coaching-agenda').mostImproved).toBe(false);
  });
});

/**
 * Team coaching (container, manager): the manager's reps from their latest Adoption_Snapshot__c,
 * in a sortable SLDS table (c-rep-table, plain markup: a lightning-datatable of 50 reps × 11
 * columns took most of a second to mount); choosing a rep opens their 1:1 agenda (c-coaching-agenda)
 * on the same page and fires `repselect` ({ repId, repName }) for pages that place it elsewhere.
 *
 * Data: `lightning/graphql` only. Snapshots whose Manager__c is the current user (direct
 * reports), in the last `periods` periods up to `asOf`; each rep's most recent row is shown,
 * and the completeness trend compares it with the rep's previous row in that window.
 *
 * Team figures: read, never computed here. The tipping line (adopters, audience, active users,
 * target) and the most improved rep come from each team's latest Adoption_Rollup__c row in the
 * window, which the sync stores from the engine's rollupTeam: the manager's own team for the
 * line, and each rep's own team (their Manager__c) for the agenda's recognition. The rollups
 * are read alongside the snapshots, one row per team and week.
 *
 * Whole hierarchy: the toggle walks Manager__c level by level (the reps of my reps, and so on,
 * at most MAX_LEVELS deep) instead of taking every snapshot the user can see. Sharing already
 * lets a manager see every snapshot below them, but a user with wider access (a sponsor or an
 * admin who also manages a team) would then get the whole company, and the walk also keeps out
 * reps who have since left the manager's line.
 */
import { wire } from 'lwc';
import { gql, graphql } from 'lightning/graphql';
import { PERIOD_WINDOW, ROLLUP_NODE, SNAPSHOT_MEMBER_NODE } from 'c/coachQueries';
import USER_ID from '@salesforce/user/Id';
import CURRENCY from '@salesforce/i18n/currency';
import FORM_FACTOR from '@salesforce/client/formFactor';
import { COACHING_CONFIG, decodeRollup } from 'c/coachEngine';
import { formatCount, formatLabel } from 'c/coachLabels';
import { WindowedView } from 'c/datedView';
import { flattenNode } from 'c/ldsUtils';
import {
  pagedRead,
  readPage,
  resolveAsOf,
  snapshotFromNode,
  snapshotsByUser,
  sortRows,
  windowStart
} from 'c/managerData';
import { repCards, repColumns, repRow } from './repRows';

import TITLE from '@salesforce/label/c.Team_Title';
import LOADING from '@salesforce/label/c.Team_Loading';
import HIERARCHY_TOGGLE from '@salesforce/label/c.Team_Hierarchy_Toggle';
import HIERARCHY_ON from '@salesforce/label/c.Team_Hierarchy_On';
import HIERARCHY_OFF from '@salesforce/label/c.Team_Hierarchy_Off';
import EMPTY_TITLE from '@salesforce/label/c.Team_Empty_Title';
import EMPTY_BODY from '@salesforce/label/c.Team_Empty_Body';
import EMPTY_HIERARCHY_BODY from '@salesforce/label/c.Team_Empty_Hierarchy_Body';
import ERROR_TITLE from '@salesforce/label/c.Team_Error_Title';
import SUMMARY_ONE from '@salesforce/label/c.Team_Summary_One';
import SUMMARY_OTHER from '@salesforce/label/c.Team_Summary_Other';
import SUMMARY_TIPPING_ONE from '@salesforce/label/c.Team_Summary_Tipping_One';
import SUMMARY_TIPPING_OTHER from '@salesforce/label/c.Team_Summary_Tipping_Other';
import SUMMARY_ACTIVE from '@salesforce/label/c.Team_Summary_Active';
import TRUNCATED from '@salesforce/label/c.Team_Truncated';
import TABLE_CAPTION_ONE from '@salesforce/label/c.Team_Table_Caption_One';
import TABLE_CAPTION_OTHER from '@salesforce/label/c.Team_Table_Caption_Other';
import AGENDA_HEADING from '@salesforce/label/c.Team_Agenda_Heading';
import CLOSE_AGENDA from '@salesforce/label/c.Team_Close_Agenda';
import SORT_BY from '@salesforce/label/c.Team_Sort_By';
import SORT_ASC from '@salesforce/label/c.Team_Sort_Asc';
import SORT_DESC from '@salesforce/label/c.Team_Sort_Desc';

/** Periods of snapshots read: enough for the latest row and the one before it. */
const DEFAULT_PERIODS = 4;
/** Levels of Manager__c walked for the whole hierarchy. */
export const MAX_LEVELS = 8;

const TEAM_SNAPSHOTS = gql`
  query teamSnapshots($managerIds: [ID], $since: Date, $asOf: Date, $after: String) {
    uiapi {
      query {
        Adoption_Snapshot__c(
          where: { and: [{ Manager__c: { in: $managerIds } }, ${PERIOD_WINDOW}] }
          orderBy: { Period_Start__c: { order: DESC }, Id: { order: ASC } }
          first: 2000, after: $after, upperBound: 20001
        ) {
          edges {
            node {
              ${SNAPSHOT_MEMBER_NODE}
              User__r {
                Name {
                  value
                }
              }
              Adoption_Stage__c {
                value
                displayValue
              }
              Completeness_Score__c {
                value
              }
              Open_Pipeline__c {
                value
              }
              Win_Rate__c {
                value
              }
              Stale_Opportunities__c {
                value
              }
              Past_Due_Opportunities__c {
                value
              }
              Missing_Next_Step__c {
                value
              }
              Pushed_Opportunities__c {
                value
              }
              Activities_Logged__c {
                value
              }
            }
          }
          pageInfo { hasNextPage endCursor }
        }
      }
    }
  }
`;

/**
 * The teams' stored rollups in the window (one row per team and week, latest week first): the
 * figures the sync's rollupTeam computed, decoded by the engine's decodeRollup.
 */
const TEAM_ROLLUPS = gql`
  query teamRollups($teamManagerIds: [ID], $since: Date, $asOf: Date, $after: String) {
    uiapi {
      query {
        Adoption_Rollup__c(
          where: {
            and: [
              { Scope__c: { eq: "Team" } }
              { Manager__c: { in: $teamManagerIds } }
              ${PERIOD_WINDOW}
            ]
          }
          orderBy: { Period_Start__c: { order: DESC }, Id: { order: ASC } }
          first: 2000, after: $after, upperBound: 20001
        ) {
          edges { node { ${ROLLUP_NODE} } }
          pageInfo { hasNextPage endCursor }
        }
      }
    }
  }
`;

/** Datatable field used to sort a column when it is not the displayed one. */
const SORT_FIELD = { stage: 'stageRank' };

/** `asOf`: the date the view is computed for; `periods`: the snapshot periods read (the latest
 * and the trend need at least 2). */
export default class TeamCoaching extends WindowedView {
  _periods = DEFAULT_PERIODS;

  labels = {
    TITLE,
    LOADING,
    HIERARCHY_TOGGLE,
    HIERARCHY_ON,
    HIERARCHY_OFF,
    EMPTY_TITLE,
    ERROR_TITLE,
    TRUNCATED,
    AGENDA_HEADING,
    CLOSE_AGENDA,
    SORT_BY
  };

  /** On a phone the team is a list of cards rather than an eleven-column table. */
  isSmall = FORM_FACTOR === 'Small';
  currency = CURRENCY;

  wholeHierarchy = false;
  /** Manager ids of the level being read and the cursor of the page being read. */
  levelManagerIds = [USER_ID];
  cursor = null;
  /** Index of the level being read (0: direct reports), null while no read is under way. */
  walking = 0;
  /** Snapshot rows of each level read so far. */
  levels = [];
  /** Reps found on the deepest level read: the managers of the next level. */
  nextManagerIds = [];
  loaded = false;
  errors;
  rows = [];
  truncated = false;
  /** Managers whose teams' rollups are read: the user, and the managers the hierarchy lists. */
  teamManagerIds = [USER_ID];
  rollupCursor = null;
  rollupRead = pagedRead();
  /** Each team's latest stored rollup in the window (decodeRollup), by manager id. */
  teamRollups = new Map();
  sortedBy = 'repName';
  sortedDirection = 'asc';
  selectedRepId = null;
  selectedRepName = null;
  focusAgenda = false;
  teamReps = [];

  paged = pagedRead();
  seenUsers = new Set([USER_ID]);

  /** Forgets what was read: the query starts again from the direct reports. */
  reset() {
    this.levelManagerIds = [USER_ID];
    this.cursor = null;
    this.walking = 0;
    this.levels = [];
    this.nextManagerIds = [];
    this.loaded = false;
    this.errors = undefined;
    this.rows = [];
    this.truncated = false;
    this.paged = pagedRead();
    this.seenUsers = new Set([USER_ID]);
    this.teamManagerIds = [USER_ID];
    this.rollupCursor = null;
    this.rollupRead = pagedRead();
    this.teamRollups = new Map();
  }

  get asOfDate() {
    return resolveAsOf(this.asOf);
  }

  get since() {
    const periods = Math.max(2, Number(this.periods) || DEFAULT_PERIODS);
    return windowStart(this.asOfDate, periods * COACHING_CONFIG.periodDays);
  }

  get variables() {
    return {
      managerIds: this.levelManagerIds,
      since: this.since,
      asOf: this.asOfDate,
      after: this.cursor
    };
  }

  get rollupVariables() {
    return {
      teamManagerIds: this.teamManagerIds,
      since: this.since,
      asOf: this.asOfDate,
      after: this.rollupCursor
    };
  }

  @wire(graphql, { query: TEAM_ROLLUPS, variables: '$rollupVariables' })
  wiredRollups(result) {
    const before = this.rollupRead;
    this.rollupRead = readPage(before, result, 'Adoption_Rollup__c', (node) =>
      decodeRollup(flattenNode(node))
    );
    // The same read: the adapter's empty answer, or its cache answering again.
    if (this.rollupRead === before) return;
    this.rollupCursor = this.rollupRead.cursor;
    if (this.rollupRead.errors) this.errors = this.rollupRead.errors;
    if (!this.rollupRead.rows) return;
    // Latest week first: a team's first row is its latest.
    const latest = new Map(this.teamRollups);
    const seen = new Set();
    for (const r of this.rollupRead.rows) {
      if (seen.has(r.managerId)) continue;
      seen.add(r.managerId);
      latest.set(r.managerId, r);
    }
    this.teamRollups = latest;
  }

  @wire(graphql, { query: TEAM_SNAPSHOTS, variables: '$variables' })
  wiredSnapshots(result) {
    // The adapter may emit again from its cache when no read is under way: that changes
    // nothing that was collected.
    if (!result.errors && this.walking === null) return;
    this.paged = readPage(this.paged, result, 'Adoption_Snapshot__c', snapshotFromNode);
    this.cursor = this.paged.cursor;
    if (this.paged.errors) this.errors = this.paged.errors;
    if (this.paged.truncated) this.truncated = true;
    if (this.paged.errors || !this.paged.rows) return;
    const levelRows = this.paged.rows;
    this.levels.push(levelRows);
    this.walking = null;
    this.nextManagerIds = [];
    for (const r of levelRows) {
      if (r.User__c && !this.seenUsers.has(r.User__c)) {
        this.seenUsers.add(r.User__c);
        this.nextManagerIds.push(r.User__c);
      }
    }
    if (this.wholeHierarchy && this.readNextLevel()) return;
    this.finish();
  }

  /** Starts reading the level below the deepest one read; false when there is none. */
  readNextLevel() {
    if (this.nextManagerIds.length === 0 || this.levels.length >= MAX_LEVELS) return false;
    this.walking = this.levels.length;
    this.paged = pagedRead();
    this.cursor = null;
    this.levelManagerIds = this.nextManagerIds;
    this.loaded = false;
    return true;
  }

  finish() {
    const read = this.wholeHierarchy ? this.levels.flat() : this.levels[0] || [];
    const byUser = snapshotsByUser(read.filter((r) => r.User__c !== USER_ID));
    const rows = [];
    for (const [, [now, before]] of byUser) rows.push(repRow(now, before));
    this.rows = sortRows(rows, this.sortKey(this.sortedBy), this.sortedDirection);
    // The reps listed, for the agenda's coaching cadence.
    this.teamReps = rows.map((r) => ({ repId: r.repId, repName: r.repName }));
    this.readTeamsOf(rows);
    this.loaded = true;
  }

  /** Adds the managers of the rows listed to the teams whose rollups are read (read again). */
  readTeamsOf(rows) {
    const known = new Set(this.teamManagerIds);
    const added = [...new Set(rows.map((r) => r.managerId))].filter((id) => id && !known.has(id));
    if (added.length === 0) return;
    this.teamManagerIds = [...this.teamManagerIds, ...added.sort()];
    this.rollupCursor = null;
    this.rollupRead = pagedRead();
  }

  get columns() {
    return repColumns(this.wholeHierarchy);
  }

  /** Phone: a card per rep, and the sortable columns as choices. */
  get cards() {
    return repCards(this.rows, this.columns);
  }

  get sortOptions() {
    return this.columns.map((c) => ({ label: c.label, value: c.fieldName }));
  }

  get sortDirectionLabel() {
    return this.sortedDirection === 'asc' ? SORT_ASC : SORT_DESC;
  }

  get sortDirectionIcon() {
    return this.sortedDirection === 'asc' ? 'utility:arrowup' : 'utility:arrowdown';
  }

  handleSortField(event) {
    this.applySort(event.detail.value, this.sortedDirection);
  }

  handleSortDirection() {
    this.applySort(this.sortedBy, this.sortedDirection === 'asc' ? 'desc' : 'asc');
  }

  handleRowSelect(event) {
    this.openAgendaOf(event.detail.repId);
  }

  openAgendaOf(repId) {
    const row = this.rows.find((r) => r.repId === repId);
    if (row) this.openAgenda(row.repId, row.repName);
  }

  /** The table's header: the same column again flips the direction, another sorts ascending. */
  handleSort(event) {
    const fieldName = event.detail.fieldName;
    const same = fieldName === this.sortedBy;
    this.applySort(fieldName, same && this.sortedDirection === 'asc' ? 'desc' : 'asc');
  }

  sortKey(fieldName) {
    return SORT_FIELD[fieldName] ?? fieldName;
  }

  applySort(fieldName, sortDirection) {
    this.sortedBy = fieldName;
    this.sortedDirection = sortDirection;
    this.rows = sortRows(this.rows, this.sortKey(fieldName), sortDirection);
  }

  openAgenda(repId, repName) {
    this.selectedRepId = repId;
    this.selectedRepName = repName;
    this.focusAgenda = true;
    this.dispatchEvent(new CustomEvent('repselect', { detail: { repId, repName } }));
  }

  handleCloseAgenda() {
    this.selectedRepId = null;
    this.selectedRepName = null;
  }

  renderedCallback() {
    if (this.focusAgenda) {
      const heading = this.template.querySelector('[data-id="agenda-heading"]');
      if (heading) {
        heading.focus();
        this.focusAgenda = false;
      }
    }
  }

  handleHierarchyToggle(event) {
    this.wholeHierarchy = event.target.checked;
    // A read under way carries on (and walks further when the toggle is on).
    if (this.walking !== null) return;
    if (this.wholeHierarchy && this.readNextLevel()) return;
    this.finish();
  }

  get isLoading() {
    return !this.loaded && !this.errors;
  }

  get hasError() {
    return Boolean(this.errors);
  }

  get isEmpty() {
    return this.loaded && !this.errors && this.rows.length === 0;
  }

  get hasRows() {
    return this.loaded && !this.errors && this.rows.length > 0;
  }

  get emptyBody() {
    return this.wholeHierarchy ? EMPTY_HIERARCHY_BODY : EMPTY_BODY;
  }

  get summary() {
    return formatCount(this.rows.length, SUMMARY_ONE, SUMMARY_OTHER, [
      this.rows[0] ? this.latestPeriod : ''
    ]);
  }

  get latestPeriod() {
    let latest = '';
    for (const r of this.rows) if (r.periodStart > latest) latest = r.periodStart;
    return latest;
  }

  /** The latest stored rollup of the user's own team (direct reports), or null. */
  get myTeam() {
    return this.teamRollups.get(USER_ID) ?? null;
  }

  get tippingSummary() {
    const t = this.myTeam;
    if (!t || t.tippingPointPct === null) return null;
    return formatCount(t.users, SUMMARY_TIPPING_ONE, SUMMARY_TIPPING_OTHER, [
      t.adoptedUsers,
      t.tippingPointPct,
      t.targetPct
    ]);
  }

  /** Active users of the team's week; none when the row holds no count (an older sync's). */
  get activeSummary() {
    const t = this.myTeam;
    if (!t || t.activeUsers === null || t.users === 0) return null;
    return formatLabel(SUMMARY_ACTIVE, [t.activeUsers, t.users]);
  }

  get tableCaption() {
    return formatCount(this.rows.length, TABLE_CAPTION_ONE, TABLE_CAPTION_OTHER);
  }

  get showAgenda() {
    return Boolean(this.selectedRepId);
  }

  get agendaHeading() {
    return formatLabel(AGENDA_HEADING, [this.selectedRepName]);
  }

  /** Whether the chosen rep is the one their own team's stored rollup names most improved. */
  get selectedMostImproved() {
    const row = this.rows.find((r) => r.repId === this.selectedRepId);
    const team = row ? this.teamRollups.get(row.managerId) : undefined;
    return Boolean(team && team.mostImprovedUserId === this.selectedRepId);
  }
}

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
 * Whole hierarchy: the toggle walks Manager__c level by level (the reps of my reps, and so on,
 * at most MAX_LEVELS deep) instead of taking every snapshot the user can see. Sharing already
 * lets a manager see every snapshot below them, but a user with wider access (a sponsor or an
 * admin who also manages a team) would then get the whole company, and the walk also keeps out
 * reps who have since left the manager's line.
 */
import { LightningElement, api, wire } from 'lwc';
import { gql, graphql } from 'lightning/graphql';
import USER_ID from '@salesforce/user/Id';
import CURRENCY from '@salesforce/i18n/currency';
import FORM_FACTOR from '@salesforce/client/formFactor';
import { COACHING_CONFIG, rollupTeam, stageIndex } from 'c/coachEngine';
import { formatCount, formatLabel } from 'c/coachLabels';
import {
  MAX_PAGES,
  PAGE_SIZE,
  pagedRead,
  readPage,
  resolveAsOf,
  snapshotFromNode,
  snapshotsByUser,
  sortRows,
  toRepSnapshot,
  windowStart
} from 'c/managerData';

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
import SUMMARY_TIPPING from '@salesforce/label/c.Team_Summary_Tipping';
import TRUNCATED from '@salesforce/label/c.Team_Truncated';
import TABLE_CAPTION_ONE from '@salesforce/label/c.Team_Table_Caption_One';
import TABLE_CAPTION_OTHER from '@salesforce/label/c.Team_Table_Caption_Other';
import COL_REP from '@salesforce/label/c.Team_Col_Rep';
import COL_MANAGER from '@salesforce/label/c.Team_Col_Manager';
import COL_STAGE from '@salesforce/label/c.Team_Col_Stage';
import COL_COMPLETENESS from '@salesforce/label/c.Team_Col_Completeness';
import COL_TREND from '@salesforce/label/c.Team_Col_Trend';
import COL_PIPELINE from '@salesforce/label/c.Team_Col_Pipeline';
import COL_STALE from '@salesforce/label/c.Team_Col_Stale';
import COL_PAST_DUE from '@salesforce/label/c.Team_Col_PastDue';
import COL_PUSHED from '@salesforce/label/c.Team_Col_Pushed';
import COL_NO_NEXT_STEP from '@salesforce/label/c.Team_Col_NoNextStep';
import COL_WIN_RATE from '@salesforce/label/c.Team_Col_WinRate';
import COL_ACTIVITIES from '@salesforce/label/c.Team_Col_Activities';
import OPEN_AGENDA from '@salesforce/label/c.Team_Open_Agenda';
import TREND_UP_ONE from '@salesforce/label/c.Team_Trend_Up_One';
import TREND_UP_OTHER from '@salesforce/label/c.Team_Trend_Up_Other';
import TREND_DOWN_ONE from '@salesforce/label/c.Team_Trend_Down_One';
import TREND_DOWN_OTHER from '@salesforce/label/c.Team_Trend_Down_Other';
import TREND_SAME from '@salesforce/label/c.Team_Trend_Same';
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
          where: {
            and: [
              { Manager__c: { in: $managerIds } }
              { Period_Start__c: { gte: { value: $since } } }
              { Period_Start__c: { lte: { value: $asOf } } }
            ]
          }
          orderBy: { Period_Start__c: { order: DESC }, Id: { order: ASC } }
          first: 2000
          after: $after
          upperBound: 20001
        ) {
          edges {
            node {
              Id
              User__c {
                value
              }
              User__r {
                Name {
                  value
                }
              }
              Manager__c {
                value
              }
              Manager__r {
                Name {
                  value
                }
              }
              Period_Start__c {
                value
              }
              Adoption_Stage__c {
                value
                displayValue
              }
              Completeness_Score__c {
                value
              }
              Open_Opportunities__c {
                value
              }
              Open_Pipeline__c {
                value
              }
              Won_Opportunities__c {
                value
              }
              Lost_Opportunities__c {
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
          pageInfo {
            hasNextPage
            endCursor
          }
        }
      }
    }
  }
`;

/** Datatable field used to sort a column when it is not the displayed one. */
const SORT_FIELD = { stage: 'stageRank' };
/** The number format of a card's figure, by its column's type. */
const METRIC_STYLE = { number: 'decimal', percent: 'percent', currency: 'currency' };

export default class TeamCoaching extends LightningElement {
  _asOf;
  _periods = DEFAULT_PERIODS;

  /** Date the view is computed for ('YYYY-MM-DD'); default today. */
  @api
  get asOf() {
    return this._asOf;
  }
  set asOf(value) {
    if (value !== this._asOf) {
      this._asOf = value;
      this.reset();
    }
  }

  /** Snapshot periods read (the latest and the trend need at least 2). */
  @api
  get periods() {
    return this._periods;
  }
  set periods(value) {
    if (value !== this._periods) {
      this._periods = value;
      this.reset();
    }
  }

  labels = {
    TITLE,
    LOADING,
    HIERARCHY_TOGGLE,
    HIERARCHY_ON,
    HIERARCHY_OFF,
    EMPTY_TITLE,
    ERROR_TITLE,
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
  team;
  truncated = false;
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
    this.team = undefined;
    this.truncated = false;
    this.paged = pagedRead();
    this.seenUsers = new Set([USER_ID]);
  }

  get asOfDate() {
    return resolveAsOf(this.asOf);
  }

  get variables() {
    const periods = Math.max(2, Number(this.periods) || DEFAULT_PERIODS);
    return {
      managerIds: this.levelManagerIds,
      since: windowStart(this.asOfDate, periods * COACHING_CONFIG.periodDays),
      asOf: this.asOfDate,
      after: this.cursor
    };
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
    const latest = [];
    const previousByUser = {};
    const rows = [];
    for (const [userId, list] of byUser) {
      const [now, before] = list;
      latest.push(toRepSnapshot(now));
      if (before) previousByUser[userId] = before;
      rows.push(this.toRow(now, before));
    }
    this.team = rollupTeam(COACHING_CONFIG, {
      managerId: USER_ID,
      snapshots: latest,
      previousByUser
    });
    this.rows = sortRows(rows, this.sortKey(this.sortedBy), this.sortedDirection);
    // The reps listed, for the agenda's coaching cadence.
    this.teamReps = rows.map((r) => ({ repId: r.repId, repName: r.repName }));
    this.loaded = true;
  }

  toRow(now, before) {
    const completeness = now.Completeness_Score__c;
    const prior = before ? before.Completeness_Score__c : null;
    const trend = completeness !== null && prior !== null ? completeness - prior : null;
    let trendIcon = null;
    let trendLabel = null;
    if (trend !== null) {
      trendIcon = trend > 0 ? 'utility:arrowup' : trend < 0 ? 'utility:arrowdown' : null;
      const points = Math.abs(trend);
      trendLabel =
        trend > 0
          ? formatCount(points, TREND_UP_ONE, TREND_UP_OTHER)
          : trend < 0
            ? formatCount(points, TREND_DOWN_ONE, TREND_DOWN_OTHER)
            : formatLabel(TREND_SAME, [points]);
    }
    return {
      repId: now.User__c,
      repName: now.UserName ?? now.User__c,
      agendaTitle: formatLabel(OPEN_AGENDA, [now.UserName ?? now.User__c]),
      managerName: now.ManagerName,
      stage: now.StageLabel,
      // Unknown rungs rank blank: the sort puts them last in both directions.
      stageRank: stageIndex(now.Adoption_Stage__c) < 0 ? null : stageIndex(now.Adoption_Stage__c),
      completeness: completeness === null ? null : completeness / 100,
      trend,
      trendIcon,
      trendLabel,
      pipeline: now.Open_Pipeline__c,
      stale: now.Stale_Opportunities__c,
      pastDue: now.Past_Due_Opportunities__c,
      pushed: now.Pushed_Opportunities__c,
      noNextStep: now.Missing_Next_Step__c,
      winRate: now.Win_Rate__c === null ? null : now.Win_Rate__c / 100,
      activities: now.Activities_Logged__c,
      periodStart: now.Period_Start__c
    };
  }

  get columns() {
    const number = (label, fieldName) => ({
      label,
      fieldName,
      type: 'number',
      sortable: true,
      cellAttributes: { alignment: 'right' }
    });
    const cols = [
      {
        label: COL_REP,
        fieldName: 'repName',
        type: 'button',
        sortable: true,
        typeAttributes: {
          label: { fieldName: 'repName' },
          title: { fieldName: 'agendaTitle' },
          name: 'agenda',
          variant: 'base'
        }
      }
    ];
    if (this.wholeHierarchy) {
      cols.push({ label: COL_MANAGER, fieldName: 'managerName', sortable: true });
    }
    cols.push(
      { label: COL_STAGE, fieldName: 'stage', sortable: true },
      {
        label: COL_COMPLETENESS,
        fieldName: 'completeness',
        type: 'percent',
        sortable: true,
        typeAttributes: { maximumFractionDigits: 0 }
      },
      {
        label: COL_TREND,
        fieldName: 'trend',
        type: 'number',
        sortable: true,
        cellAttributes: {
          alignment: 'right',
          iconName: { fieldName: 'trendIcon' },
          iconAlternativeText: { fieldName: 'trendLabel' }
        }
      },
      {
        label: COL_PIPELINE,
        fieldName: 'pipeline',
        type: 'currency',
        sortable: true,
        typeAttributes: { currencyCode: CURRENCY, maximumFractionDigits: 0 }
      },
      number(COL_STALE, 'stale'),
      number(COL_PAST_DUE, 'pastDue'),
      number(COL_PUSHED, 'pushed'),
      number(COL_NO_NEXT_STEP, 'noNextStep'),
      {
        label: COL_WIN_RATE,
        fieldName: 'winRate',
        type: 'percent',
        sortable: true,
        typeAttributes: { maximumFractionDigits: 1 }
      },
      number(COL_ACTIVITIES, 'activities')
    );
    return cols;
  }

  /** Phone: the sortable columns as choices, and the cards' figures. */
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

  /** A card per rep: the figures of the table's number columns but the trend (on the stage line). */
  get cards() {
    const metrics = this.columns.filter((c) => METRIC_STYLE[c.type] && c.fieldName !== 'trend');
    return this.rows.map((r) => ({
      ...r,
      metrics: metrics.map((c, i) => ({
        key: `${r.repId}-${i}`,
        label: c.label,
        value: r[c.fieldName],
        style: METRIC_STYLE[c.type],
        digits: c.typeAttributes?.maximumFractionDigits ?? 0
      }))
    }));
  }

  handleCardClick(event) {
    this.openAgendaOf(event.target.dataset.rep);
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

  get tippingSummary() {
    const t = this.team;
    if (!t || t.tippingPointPct === null) return null;
    return formatLabel(SUMMARY_TIPPING, [
      t.adoptedUsers,
      t.activeUsers,
      t.tippingPointPct,
      t.targetPct
    ]);
  }

  get truncatedMessage() {
    return this.truncated ? formatLabel(TRUNCATED, [PAGE_SIZE * MAX_PAGES]) : null;
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

  get selectedMostImproved() {
    return Boolean(this.team && this.team.mostImprovedUserId === this.selectedRepId);
  }
}

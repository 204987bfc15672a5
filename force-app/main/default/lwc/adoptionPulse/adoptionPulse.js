/**
 * Adoption pulse (container, executive sponsor and admin): is adoption reaching the tipping
 * point, company-wide and team by team?
 *
 * - Users over the five rungs, period by period (stacked bars).
 * - The tipping point (users at Involvement or Commitment ÷ the whole audience, every user scored) against the
 *   configured target, overall, over time and for each team.
 * - The completeness trend (each period's completeness).
 * - Nudge conversion: of the nudges reps answered in the window, the share they fixed rather
 *   than snoozed or dismissed.
 *
 * Every figure above comes from the rollups the sync stores (Adoption_Rollup__c: one row per
 * team and period, one per org and period, decoded by the engine's decodeRollup); nothing is
 * aggregated here, and the page issues one query. The org's row of each period is read, the
 * teams' rows of the latest period only (51 teams over 8 weeks: 59 rows instead of 416). The
 * latest org row also gives the users active in the period (an open deal or an activity) and
 * the users who logged an activity.
 * - The people / process / technology scorecard of the latest period (tipping point,
 *   completeness, share of users who logged an activity; weighted 50 / 30 / 20 by the config),
 *   scored by the engine's scorecardScore.
 *
 * Charts: c-pulse-chart (plain SVG with SLDS; see its doc comment for why no chart library),
 * each with a table alternative. Data: `lightning/graphql` only, paged.
 */
import { wire } from 'lwc';
import { gql, graphql } from 'lightning/graphql';
import { PERIOD_WINDOW, ROLLUP_NODE } from 'c/coachQueries';
import { ADOPTION_STAGES, COACHING_CONFIG, decodeRollup, scorecardScore } from 'c/coachEngine';
import { STAGE_LABELS, formatCount, formatLabel } from 'c/coachLabels';
import { WindowedView } from 'c/datedView';
import { flattenNode } from 'c/ldsUtils';
import { pagedRead, readPage, resolveAsOf, windowStart } from 'c/managerData';

import TITLE from '@salesforce/label/c.Pulse_Title';
import LOADING from '@salesforce/label/c.Pulse_Loading';
import ERROR_TITLE from '@salesforce/label/c.Pulse_Error_Title';
import EMPTY_TITLE from '@salesforce/label/c.Pulse_Empty_Title';
import EMPTY_BODY from '@salesforce/label/c.Pulse_Empty_Body';
import PERIOD_LINE_ONE from '@salesforce/label/c.Pulse_Period_Line_One';
import PERIOD_LINE_OTHER from '@salesforce/label/c.Pulse_Period_Line_Other';
import TRUNCATED from '@salesforce/label/c.Pulse_Truncated';
import GAUGE_TITLE from '@salesforce/label/c.Pulse_Gauge_Title';
import GAUGE_SUMMARY from '@salesforce/label/c.Pulse_Gauge_Summary';
import GAUGE_REACHED from '@salesforce/label/c.Pulse_Gauge_Reached';
import GAUGE_NOT_REACHED from '@salesforce/label/c.Pulse_Gauge_Not_Reached';
import GAUGE_NO_ACTIVE from '@salesforce/label/c.Pulse_Gauge_No_Active';
import TEAMS_TITLE from '@salesforce/label/c.Pulse_Teams_Title';
import TEAM_SUMMARY_ONE from '@salesforce/label/c.Pulse_Team_Summary_One';
import TEAM_SUMMARY_OTHER from '@salesforce/label/c.Pulse_Team_Summary_Other';
import NO_MANAGER from '@salesforce/label/c.Pulse_No_Manager';
import RUNGS_TITLE from '@salesforce/label/c.Pulse_Rungs_Title';
import RUNGS_SUMMARY from '@salesforce/label/c.Pulse_Rungs_Summary';
import PERIOD_HEADER from '@salesforce/label/c.Pulse_Period_Header';
import TIPPING_TREND_TITLE from '@salesforce/label/c.Pulse_Tipping_Trend_Title';
import TIPPING_SERIES from '@salesforce/label/c.Pulse_Tipping_Series';
import COMPLETENESS_TITLE from '@salesforce/label/c.Pulse_Completeness_Title';
import COMPLETENESS_SERIES from '@salesforce/label/c.Pulse_Completeness_Series';
import TREND_SUMMARY_ONE from '@salesforce/label/c.Pulse_Trend_Summary_One';
import TREND_SUMMARY_OTHER from '@salesforce/label/c.Pulse_Trend_Summary_Other';
import NUDGES_TITLE from '@salesforce/label/c.Pulse_Nudges_Title';
import NUDGES_SUMMARY from '@salesforce/label/c.Pulse_Nudges_Summary';
import NUDGES_EMPTY from '@salesforce/label/c.Pulse_Nudges_Empty';
import ACTION_FIXED from '@salesforce/label/c.Pulse_Action_Fixed';
import ACTION_SNOOZED from '@salesforce/label/c.Pulse_Action_Snoozed';
import ACTION_DISMISSED from '@salesforce/label/c.Pulse_Action_Dismissed';
import SCORE_TITLE from '@salesforce/label/c.Pulse_Score_Title';
import SCORE_PART from '@salesforce/label/c.Pulse_Score_Part';
import SCORE_WEIGHT from '@salesforce/label/c.Pulse_Score_Weight';
import SCORE_VALUE from '@salesforce/label/c.Pulse_Score_Value';
import SCORE_MEASURES from '@salesforce/label/c.Pulse_Score_Measures';
import SCORE_PEOPLE from '@salesforce/label/c.Pulse_Score_People';
import SCORE_PROCESS from '@salesforce/label/c.Pulse_Score_Process';
import SCORE_TECHNOLOGY from '@salesforce/label/c.Pulse_Score_Technology';
import SCORE_OVERALL from '@salesforce/label/c.Pulse_Score_Overall';
import SCORE_PEOPLE_HELP from '@salesforce/label/c.Pulse_Score_People_Help';
import SCORE_PROCESS_HELP from '@salesforce/label/c.Pulse_Score_Process_Help';
import SCORE_TECHNOLOGY_HELP from '@salesforce/label/c.Pulse_Score_Technology_Help';
import SCORE_OVERALL_HELP from '@salesforce/label/c.Pulse_Score_Overall_Help';
import NO_VALUE from '@salesforce/label/c.Chart_No_Value';

const DEFAULT_PERIODS = 8;

/** The window's stored rollups: the org's row of every week, the teams' from `teamsFrom` on. */
const ROLLUPS = gql`
  query pulseRollups($since: Date, $asOf: Date, $teamsFrom: Date, $after: String) {
    uiapi {
      query {
        Adoption_Rollup__c(
          where: {
            and: [
              ${PERIOD_WINDOW}
              {
                or: [
                  { Scope__c: { eq: "Org" } }
                  { Period_Start__c: { gte: { value: $teamsFrom } } }
                ]
              }
            ]
          }
          orderBy: { Period_Start__c: { order: ASC }, Id: { order: ASC } }
          first: 2000, after: $after, upperBound: 20001
        ) {
          edges { node { ${ROLLUP_NODE} } }
          pageInfo { hasNextPage endCursor }
        }
      }
    }
  }
`;

function round1(x) {
  return Math.round(x * 10) / 10;
}

/** Per period with an org rollup (oldest first): { period, rollup, teams }. */
function periodsOf(rows) {
  const periods = new Map();
  const entry = (period) => {
    if (!periods.has(period)) periods.set(period, { period, rollup: null, teams: [] });
    return periods.get(period);
  };
  for (const r of rows) {
    if (!r.periodStart) continue;
    if (r.scope === 'Org') entry(r.periodStart).rollup = r;
    else entry(r.periodStart).teams.push(r);
  }
  return [...periods.keys()]
    .sort()
    .map((p) => periods.get(p))
    .filter((p) => p.rollup !== null);
}

/** `asOf`: the date the pulse is computed for; `periods`: the weeks shown. */
export default class AdoptionPulse extends WindowedView {
  _periods = DEFAULT_PERIODS;

  labels = {
    TITLE,
    LOADING,
    ERROR_TITLE,
    EMPTY_TITLE,
    EMPTY_BODY,
    TRUNCATED,
    GAUGE_TITLE,
    TEAMS_TITLE,
    PERIOD_HEADER,
    NUDGES_TITLE,
    NUDGES_EMPTY,
    SCORE_TITLE
  };

  scoreColumns = [
    { key: 'name', label: SCORE_PART },
    { key: 'weight', label: SCORE_WEIGHT },
    { key: 'value', label: SCORE_VALUE },
    { key: 'help', label: SCORE_MEASURES, wrap: true }
  ];

  _teamsFrom;
  rollupCursor = null;
  _rollups = pagedRead();
  /** The rollups read so far, by period (periodsOf): grouped once whenever they change. */
  byPeriod = [];

  get rollups() {
    return this._rollups;
  }
  set rollups(value) {
    this._rollups = value;
    this.byPeriod = periodsOf(value.rows || []);
  }

  /** Forgets what was read: a new window is read from its first page. */
  reset() {
    this._teamsFrom = undefined;
    this.rollupCursor = null;
    this.rollups = pagedRead();
  }

  get asOfDate() {
    return resolveAsOf(this.asOf);
  }

  get periodCount() {
    return Math.max(1, Number(this.periods) || DEFAULT_PERIODS);
  }

  get since() {
    return windowStart(this.asOfDate, this.periodCount * COACHING_CONFIG.periodDays);
  }

  /**
   * The first week whose team rows are read: the last `periodDays` days up to `asOf` hold the
   * current week's start (weeks start `periodDays` apart); once the rows are in, the latest org
   * week when it is older (no sync stored the current week), read again from there.
   */
  get teamsFrom() {
    return this._teamsFrom ?? windowStart(this.asOfDate, COACHING_CONFIG.periodDays);
  }

  get rollupVariables() {
    const { since, asOfDate: asOf, teamsFrom, rollupCursor: after } = this;
    return { since, asOf, teamsFrom, after };
  }

  @wire(graphql, { query: ROLLUPS, variables: '$rollupVariables' })
  wiredRollups(result) {
    this.rollups = readPage(this.rollups, result, 'Adoption_Rollup__c', (node) => {
      const row = flattenNode(node);
      return { ...decodeRollup(row), managerName: row['Manager__r.Name'] ?? null };
    });
    this.rollupCursor = this.rollups.cursor;
    const l = this.rollups.rows ? this.latest : null;
    if (l && l.period < this.teamsFrom) {
      this._teamsFrom = l.period;
      this.rollupCursor = null;
      this.rollups = pagedRead();
    }
  }

  // ---------------------------------------------------------------- states

  get isLoading() {
    return !this.rollups.errors && this.rollups.rows === undefined;
  }

  get hasError() {
    return Boolean(this.rollups.errors);
  }

  get isEmpty() {
    return Boolean(this.rollups.rows) && this.byPeriod.length === 0;
  }

  get hasData() {
    return this.byPeriod.length > 0;
  }

  /**
   * The programme's cards below the pulse (messages, quick wins, rule feedback) mount once the
   * rollups are read (or failed), so their larger reads do not hold up the pulse's own.
   */
  get programmeShown() {
    return !this.isLoading;
  }

  // ---------------------------------------------------------------- figures

  get latest() {
    const all = this.byPeriod;
    return all.length > 0 ? all[all.length - 1] : null;
  }

  get categories() {
    return this.byPeriod.map((p) => p.period);
  }

  /** The latest period's users and its active users (blank on a row stored without them). */
  get periodLine() {
    const l = this.latest;
    const active = l?.rollup.activeUsers;
    return l
      ? formatCount(l.rollup.users, PERIOD_LINE_ONE, PERIOD_LINE_OTHER, [
          l.period,
          active === null || active === undefined ? NO_VALUE : active
        ])
      : '';
  }

  get target() {
    return COACHING_CONFIG.tippingPointTargetPct;
  }

  gaugeSentence(rollup) {
    if (rollup.tippingPointPct === null) return GAUGE_NO_ACTIVE;
    return formatLabel(GAUGE_SUMMARY, [
      rollup.tippingPointPct,
      rollup.targetPct ?? this.target,
      rollup.adoptedUsers,
      rollup.users,
      rollup.reached ? GAUGE_REACHED : GAUGE_NOT_REACHED
    ]);
  }

  get overall() {
    const l = this.latest;
    return l ? { value: l.rollup.tippingPointPct, summary: this.gaugeSentence(l.rollup) } : null;
  }

  /**
   * Teams of the latest period as the team gauges' entries, closest to the tipping point first
   * (no value last).
   */
  get teams() {
    const l = this.latest;
    if (!l) return [];
    const teams = l.teams.map((rollup) => {
      const name = rollup.managerName ?? rollup.managerId ?? NO_MANAGER;
      return {
        key: rollup.managerId || 'none',
        title: name,
        value: rollup.tippingPointPct,
        pct: rollup.tippingPointPct,
        summary: `${formatCount(rollup.users, TEAM_SUMMARY_ONE, TEAM_SUMMARY_OTHER)} ${this.gaugeSentence(rollup)}`
      };
    });
    return teams.sort((a, b) => {
      if (a.pct === null || b.pct === null) {
        return a.pct === null && b.pct === null
          ? a.title.localeCompare(b.title)
          : a.pct === null
            ? 1
            : -1;
      }
      return b.pct - a.pct || a.title.localeCompare(b.title);
    });
  }

  get rungSeries() {
    return ADOPTION_STAGES.map((stage) => ({
      name: STAGE_LABELS[stage],
      values: this.byPeriod.map((p) => p.rollup.stageCounts[stage])
    }));
  }

  get rungSummary() {
    const l = this.latest;
    if (!l) return '';
    const c = l.rollup.stageCounts;
    return formatLabel(RUNGS_SUMMARY, [l.period, ...ADOPTION_STAGES.map((s) => c[s])]);
  }

  get tippingSeries() {
    return [{ name: TIPPING_SERIES, values: this.byPeriod.map((p) => p.rollup.tippingPointPct) }];
  }

  get completenessSeries() {
    return [
      {
        name: COMPLETENESS_SERIES,
        values: this.byPeriod.map((p) => p.rollup.completenessScore)
      }
    ];
  }

  /** The charts over the periods: users on each rung, the tipping point, completeness. */
  get trendCharts() {
    const chart = (key, type, title, summary, series, target = null, unit = '') => ({
      key,
      type,
      title,
      summary,
      series,
      target,
      unit
    });
    return [
      chart('rungs', 'stacked', RUNGS_TITLE, this.rungSummary, this.rungSeries),
      chart(
        'tipping-trend',
        'line',
        TIPPING_TREND_TITLE,
        this.tippingTrendSummary,
        this.tippingSeries,
        this.target,
        ' %'
      ),
      chart(
        'completeness',
        'line',
        COMPLETENESS_TITLE,
        this.completenessSummary,
        this.completenessSeries
      )
    ];
  }

  trendSentence(values) {
    const known = values.filter((v) => v !== null && v !== undefined);
    if (known.length === 0) return NO_VALUE;
    return formatCount(this.categories.length, TREND_SUMMARY_ONE, TREND_SUMMARY_OTHER, [
      known[0],
      known[known.length - 1]
    ]);
  }

  get tippingTrendSummary() {
    return this.trendSentence(this.tippingSeries[0].values);
  }

  get completenessSummary() {
    return this.trendSentence(this.completenessSeries[0].values);
  }

  // ---------------------------------------------------------------- nudges

  get nudgesLoaded() {
    return this.hasData;
  }

  /** Answers in the window: the sum of the org rollups' counts by action. */
  get nudgeCounts() {
    const counts = { Fixed: 0, Snoozed: 0, Dismissed: 0 };
    for (const p of this.byPeriod)
      for (const a of Object.keys(counts)) counts[a] += p.rollup.nudges[a];
    return counts;
  }

  get hasNudges() {
    const c = this.nudgeCounts;
    return c.Fixed + c.Snoozed + c.Dismissed > 0;
  }

  get nudgeSummary() {
    const c = this.nudgeCounts;
    const answered = c.Fixed + c.Snoozed + c.Dismissed;
    return formatLabel(NUDGES_SUMMARY, [
      c.Fixed,
      answered,
      answered === 0 ? 0 : round1((100 * c.Fixed) / answered),
      this.periodCount * COACHING_CONFIG.periodDays
    ]);
  }

  get nudgeRows() {
    const c = this.nudgeCounts;
    return [
      { key: 'Fixed', label: ACTION_FIXED, count: c.Fixed },
      { key: 'Snoozed', label: ACTION_SNOOZED, count: c.Snoozed },
      { key: 'Dismissed', label: ACTION_DISMISSED, count: c.Dismissed }
    ];
  }

  // ---------------------------------------------------------------- scorecard

  get scoreParts() {
    const l = this.latest;
    if (!l) return { people: null, process: null, technology: null };
    const users = l.rollup.users;
    const logging = l.rollup.loggingUsers;
    return {
      people: l.rollup.tippingPointPct,
      process: l.rollup.completenessScore,
      technology:
        users === 0 || logging === null || logging === undefined
          ? null
          : round1((100 * logging) / users)
    };
  }

  /** The three parts, then in bold their weighted score. */
  get scorecard() {
    const parts = this.scoreParts;
    const text = (v) => (v === null || v === undefined ? NO_VALUE : String(v));
    return [
      {
        key: 'people',
        name: SCORE_PEOPLE,
        weight: `${COACHING_CONFIG.scorecardWeights.people} %`,
        value: text(parts.people),
        help: SCORE_PEOPLE_HELP
      },
      {
        key: 'process',
        name: SCORE_PROCESS,
        weight: `${COACHING_CONFIG.scorecardWeights.process} %`,
        value: text(parts.process),
        help: SCORE_PROCESS_HELP
      },
      {
        key: 'technology',
        name: SCORE_TECHNOLOGY,
        weight: `${COACHING_CONFIG.scorecardWeights.technology} %`,
        value: text(parts.technology),
        help: SCORE_TECHNOLOGY_HELP
      },
      {
        key: 'overall',
        name: SCORE_OVERALL,
        value: text(scorecardScore(COACHING_CONFIG, parts)),
        help: SCORE_OVERALL_HELP,
        bold: true
      }
    ];
  }
}

import { LightningElement, api, wire } from 'lwc';
import { NavigationMixin } from 'lightning/navigation';
import { gql, graphql } from 'lightning/graphql';
import { NUDGE_RESPONSE_NODE, SNAPSHOTS_OF_USER, SNAPSHOT_TREND_NODE } from 'c/coachQueries';
import USER_ID from '@salesforce/user/Id';
import {
  COACHING_CONFIG,
  ADOPTION_STAGES,
  scoreCompleteness,
  nudgeCandidates,
  selectNudges,
  buildCoachingAgenda,
  decodeSnapshotInsights,
  nextRungNeeds
} from 'c/coachEngine';
import { STAGE_LABELS, formatCount, formatLabel, getLabel, recognitionLines } from 'c/coachLabels';
import { keepResult, nodesOf, todayIso } from 'c/ldsUtils';
import { shownElsewhere, markShown } from 'c/nudgeLedger';
import { engagementKey, recordEngagement } from 'c/coachEngagement';
import TITLE from '@salesforce/label/c.My_Adoption_Title';
import LADDER from '@salesforce/label/c.My_Adoption_Ladder';
import YOUR_RUNG from '@salesforce/label/c.My_Adoption_Your_Rung';
import NEXT_RUNG from '@salesforce/label/c.My_Adoption_Next_Rung';
import NEED_LOGIN from '@salesforce/label/c.My_Adoption_Need_Login';
import NEED_ENGAGEMENTS_ONE from '@salesforce/label/c.My_Adoption_Need_Engagements_One';
import NEED_ENGAGEMENTS_OTHER from '@salesforce/label/c.My_Adoption_Need_Engagements_Other';
import NEED_ACTIVITIES_ONE from '@salesforce/label/c.My_Adoption_Need_Activities_One';
import NEED_ACTIVITIES_OTHER from '@salesforce/label/c.My_Adoption_Need_Activities_Other';
import NEED_COMPLETENESS from '@salesforce/label/c.My_Adoption_Need_Completeness';
import NEED_FRESH from '@salesforce/label/c.My_Adoption_Need_Fresh';
import NEED_COACHING_ONE from '@salesforce/label/c.My_Adoption_Need_Coaching_One';
import NEED_COACHING_OTHER from '@salesforce/label/c.My_Adoption_Need_Coaching_Other';
import NEED_STEADY_ONE from '@salesforce/label/c.My_Adoption_Need_Steady_One';
import NEED_STEADY_OTHER from '@salesforce/label/c.My_Adoption_Need_Steady_Other';
import TOP_RUNG from '@salesforce/label/c.My_Adoption_Top_Rung';
import TREND from '@salesforce/label/c.My_Adoption_Trend';
import TREND_ROW_ONE from '@salesforce/label/c.My_Adoption_Trend_Row_One';
import TREND_ROW_OTHER from '@salesforce/label/c.My_Adoption_Trend_Row_Other';
import PERIOD from '@salesforce/label/c.My_Adoption_Period';
import COMPLETENESS from '@salesforce/label/c.My_Adoption_Completeness';
import WIIFM from '@salesforce/label/c.My_Adoption_Wiifm';
import NO_WIIFM from '@salesforce/label/c.My_Adoption_No_Wiifm';
import FIX_NEXT from '@salesforce/label/c.My_Adoption_Fix_Next';
import NOTHING_TO_FIX from '@salesforce/label/c.My_Adoption_Nothing_To_Fix';
import RECOGNITION from '@salesforce/label/c.My_Adoption_Recognition';
import NO_SNAPSHOT from '@salesforce/label/c.My_Adoption_No_Snapshot';
import LOAD_ERROR from '@salesforce/label/c.My_Adoption_Load_Error';
import WIIFM_SCOPE from '@salesforce/label/c.Record_Coach_Wiifm_Scope';
import LOADING from '@salesforce/label/c.Coach_Loading';
/** The sentence for each criterion the next rung still asks (engine nextRungNeeds). */
const NEED_TEXT = {
  login: () => NEED_LOGIN,
  engagements: (n) => formatCount(n, NEED_ENGAGEMENTS_ONE, NEED_ENGAGEMENTS_OTHER),
  activities: (n) => formatCount(n, NEED_ACTIVITIES_ONE, NEED_ACTIVITIES_OTHER),
  completeness: (n) => formatLabel(NEED_COMPLETENESS, [n]),
  freshPct: (n) => formatLabel(NEED_FRESH, [n]),
  coachingActs: (n) => formatCount(n, NEED_COACHING_ONE, NEED_COACHING_OTHER),
  steadyPeriods: (n) => formatCount(n, NEED_STEADY_ONE, NEED_STEADY_OTHER)
};
const TREND_PERIODS = 8;
const CHART = { width: 240, height: 60, pad: 4 };

// Field-level security: in one UI API GraphQL query, a field the user cannot read fails the
// whole query, unless it is marked `@optional`; then the query succeeds and the field (with its
// subfields) is left out of the node. ("Query Objects Examples" and "Query Objects", GraphQL API
// Developer Guide: https://developer.salesforce.com/docs/platform/graphql/guide/query-record-examples.html
// and https://developer.salesforce.com/docs/platform/graphql/guide/query-record-objects.html.)
// Every Opportunity field an admin can hide is optional here, and the engine leaves a field that
// is missing from the node out of the score (never counts it as blank). Filters and ordering
// use only fields every user who can read opportunities can read (Name, StageName, CloseDate,
// IsClosed), since a filter or an order on a hidden field fails the query just the same.
const QUERY = gql`
  query myAdoption($userId: ID, $viewKey: String) {
    uiapi {
      query {
        Adoption_Snapshot__c(${SNAPSHOTS_OF_USER}, first: 8) {
          edges { node { ${SNAPSHOT_TREND_NODE} Open_Opportunities__c { value } Stale_Opportunities__c { value } Logged_In__c { value } Engagements__c { value } Coaching_Acts__c { value } Periods_At_Standard__c { value } Insights__c { value } } }
        }
        Opportunity(
          where: { and: [{ OwnerId: { eq: $userId } }, { IsClosed: { eq: false } }] }
          orderBy: { CloseDate: { order: ASC } }
          first: 200
        ) {
          edges {
            node {
              Id
              Name {
                value
              }
              StageName {
                value
              }
              IsClosed {
                value
              }
              IsWon {
                value
              }
              NextStep @optional {
                value
              }
              LastActivityDate @optional {
                value
              }
              CloseDate {
                value
              }
              Amount @optional {
                value
              }
              LeadSource @optional {
                value
              }
              Type @optional {
                value
              }
              Description @optional {
                value
              }
            }
          }
        }
        Coach_Engagement__c(where: { Engagement_Key__c: { eq: $viewKey } }, first: 1) {
          edges {
            node {
              Id
            }
          }
        }
        Nudge_Response__c(
          where: { OwnerId: { eq: $userId } }, orderBy: { CreatedDate: { order: DESC } }, first: 1000
        ) {
          edges { node { ${NUDGE_RESPONSE_NODE} } }
        }
      }
    }
  }
`;

/**
 * Container component for the rep's Home page and the app's rep page: the rep's rung on the
 * adoption ladder and what the next one takes, the completeness trend, what's in it for them
 * (their org's own figures with sample sizes), the next fixes across their open deals within
 * the daily nudge budget, and recognition. Data through lightning/graphql; rules from
 * c/coachEngine.
 */
export default class MyAdoption extends NavigationMixin(LightningElement) {
  /** The day to compute as, 'YYYY-MM-DD' (default today). */
  @api asOf;

  labels = {
    TITLE,
    LADDER,
    TREND,
    WIIFM,
    NO_WIIFM,
    FIX_NEXT,
    NOTHING_TO_FIX,
    RECOGNITION,
    NO_SNAPSHOT,
    ERROR_TITLE: LOAD_ERROR,
    LOADING,
    PERIOD,
    COMPLETENESS
  };
  chart = CHART;

  snapshots = [];
  opportunities = [];
  responses = [];
  error;
  loaded = false;
  urls = {};

  /** The user, and the key of today's view of their adoption (Coach_Engagement__c). */
  get variables() {
    return { userId: USER_ID, viewKey: engagementKey(USER_ID, 'Viewed_Adoption', null, this.day) };
  }

  @wire(graphql, { query: QUERY, variables: '$variables' })
  wired(result) {
    const data = keepResult(this, result, 'error');
    if (!data) return;
    const query = data.uiapi.query;
    this.snapshots = nodesOf(query.Adoption_Snapshot__c);
    this.opportunities = nodesOf(query.Opportunity);
    this.responses = nodesOf(query.Nudge_Response__c);
    this.loaded = true;
    this.generateUrls();
    // Opening their own adoption view is Understanding evidence: recorded once a day. The page
    // works the same if the row cannot be written, so a refusal is left unshown.
    recordEngagement({
      userId: USER_ID,
      kind: 'Viewed_Adoption',
      subject: null,
      day: this.day,
      exists: nodesOf(query.Coach_Engagement__c).length > 0
    });
  }

  get day() {
    return this.asOf || todayIso();
  }

  get isLoading() {
    return !this.loaded && !this.error;
  }

  get hasSnapshot() {
    return this.snapshots.length > 0;
  }

  get latest() {
    return this.snapshots[0];
  }

  get stage() {
    const stage = this.latest && this.latest.Adoption_Stage__c;
    return ADOPTION_STAGES.includes(stage) ? stage : ADOPTION_STAGES[0];
  }

  get rungs() {
    const at = ADOPTION_STAGES.indexOf(this.stage);
    return ADOPTION_STAGES.map((name, index) => ({
      name,
      label: STAGE_LABELS[name],
      current: index === at ? 'step' : null,
      className: [
        'slds-path__item',
        index < at ? 'slds-is-complete' : '',
        index === at ? 'slds-is-current slds-is-active' : '',
        index > at ? 'slds-is-incomplete' : ''
      ]
        .filter((c) => c)
        .join(' ')
    }));
  }

  get rungText() {
    return formatLabel(YOUR_RUNG, [STAGE_LABELS[this.stage]]);
  }

  /**
   * What the next rung still takes, in the rep's words: only the criteria that ask something
   * and that the latest week did not already meet (engine nextRungNeeds).
   */
  get nextRungText() {
    const s = this.latest || {};
    const open = s.Open_Opportunities__c;
    const signals = {
      loggedIn: s.Logged_In__c === true,
      engagements: s.Engagements__c,
      activitiesLogged: s.Activities_Logged__c,
      completenessScore: s.Completeness_Score__c,
      freshPct: open > 0 ? (100 * (open - (s.Stale_Opportunities__c || 0))) / open : null,
      coachingActs: s.Coaching_Acts__c,
      periodsAtStandard: s.Periods_At_Standard__c
    };
    let { stage, needs } = nextRungNeeds(COACHING_CONFIG, this.stage, signals);
    if (!stage) {
      return TOP_RUNG;
    }
    if (needs.length === 0) {
      // Met in the latest week, not yet held long enough to climb: name the rung's bar.
      needs = nextRungNeeds(COACHING_CONFIG, this.stage).needs;
    }
    return [
      formatLabel(NEXT_RUNG, [STAGE_LABELS[stage]]),
      ...needs.map((n) => NEED_TEXT[n.criterion](n.target))
    ].join(' ');
  }

  /** The tip for the rep's rung, written to the rep (managers read theirs in the agenda). */
  get tip() {
    return getLabel(COACHING_CONFIG.ladder.repTips[this.stage]);
  }

  /** The last 8 periods, oldest first, with a sparkline and a table alternative. */
  get trend() {
    const points = this.snapshots
      .slice(0, TREND_PERIODS)
      .filter((s) => s.Completeness_Score__c !== null && s.Completeness_Score__c !== undefined)
      .reverse();
    const { width, height, pad } = CHART;
    const step = points.length > 1 ? (width - 2 * pad) / (points.length - 1) : 0;
    const coords = points.map((s, i) => {
      const x = pad + i * step;
      const y = pad + (height - 2 * pad) * (1 - Number(s.Completeness_Score__c) / 100);
      return { x: Math.round(x * 10) / 10, y: Math.round(y * 10) / 10 };
    });
    return {
      hasPoints: points.length > 0,
      polyline: coords.map((c) => `${c.x},${c.y}`).join(' '),
      dots: coords.map((c, i) => ({ key: `p${i}`, cx: c.x, cy: c.y })),
      rows: points.map((s) => ({
        key: s.Period_Start__c,
        period: s.Period_Start__c,
        score: s.Completeness_Score__c
      })),
      summary: points.length
        ? formatCount(points.length, TREND_ROW_ONE, TREND_ROW_OTHER, [
            points[0].Completeness_Score__c,
            points[points.length - 1].Completeness_Score__c
          ])
        : ''
    };
  }

  get viewBox() {
    return `0 0 ${CHART.width} ${CHART.height}`;
  }

  /** WIIFM statements of the latest snapshot, with figures and sample sizes. */
  get statements() {
    const insights = this.latest ? decodeSnapshotInsights(this.latest.Insights__c) : null;
    if (!insights || !Array.isArray(insights.statements)) {
      return [];
    }
    return insights.statements.map((s) => ({
      key: s.id,
      text: formatLabel(WIIFM_SCOPE, [
        getLabel(s.scopeLabel),
        formatLabel(getLabel(s.label), s.params)
      ])
    }));
  }

  /** Records the nudges on screen in the day's ledger, once per change (never while rendering). */
  renderedCallback() {
    const keys = [...this.template.querySelectorAll('li[data-key]')].map((li) => li.dataset.key);
    const signature = `${this.day}|${keys.join('|')}`;
    if (signature !== this.markedSignature) {
      this.markedSignature = signature;
      markShown(USER_ID, this.day, keys);
    }
  }

  /** The top nudges across the rep's open deals, chosen by the engine within the daily budget. */
  get fixNext() {
    const candidates = [];
    const names = {};
    this.opportunities.forEach((opp) => {
      names[opp.Id] = opp.Name;
      const completeness = scoreCompleteness(COACHING_CONFIG, 'Opportunity', opp, {
        asOf: this.day
      });
      candidates.push(...nudgeCandidates(COACHING_CONFIG, 'Opportunity', opp.Id, { completeness }));
    });
    const keys = candidates.map((c) => c.responseKey);
    const selection = selectNudges(COACHING_CONFIG, {
      candidates,
      responses: this.responses,
      shownToday: shownElsewhere(USER_ID, this.day, keys),
      asOf: this.day
    });
    return selection.show.map((c) => ({
      key: c.responseKey,
      recordId: c.recordId,
      name: names[c.recordId],
      text: getLabel(c.label),
      url: this.urls[c.recordId] || '#'
    }));
  }

  get hasFixNext() {
    return this.fixNext.length > 0;
  }

  /** Streaks, completeness gains, rungs climbed: the engine's recognition rules. */
  get recognition() {
    const agenda = buildCoachingAgenda(COACHING_CONFIG, { deals: [], snapshots: this.snapshots });
    return recognitionLines(agenda.recognition);
  }

  get hasRecognition() {
    return this.recognition.length > 0;
  }

  async generateUrls() {
    const urls = {};
    await Promise.all(
      this.opportunities.map(async (opp) => {
        urls[opp.Id] = await this[NavigationMixin.GenerateUrl](this.recordPage(opp.Id));
      })
    );
    this.urls = urls;
  }

  recordPage(recordId) {
    return {
      type: 'standard__recordPage',
      attributes: { recordId, objectApiName: 'Opportunity', actionName: 'view' }
    };
  }

  handleOpen(event) {
    event.preventDefault();
    this[NavigationMixin.Navigate](this.recordPage(event.currentTarget.dataset.id));
  }
}

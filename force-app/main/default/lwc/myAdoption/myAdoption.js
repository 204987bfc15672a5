import { LightningElement, api, wire } from 'lwc';
import { NavigationMixin } from 'lightning/navigation';
import { gql, graphql } from 'lightning/graphql';
import USER_ID from '@salesforce/user/Id';
import {
  COACHING_CONFIG,
  ADOPTION_STAGES,
  scoreCompleteness,
  nudgeCandidates,
  selectNudges,
  buildCoachingAgenda,
  decodeSnapshotInsights
} from 'c/coachEngine';
import { getLabel, formatCount, formatLabel } from 'c/coachLabels';
import { nodesOf, todayIso } from 'c/ldsUtils';
import { shownElsewhere, markShown } from 'c/nudgeLedger';
import TITLE from '@salesforce/label/c.My_Adoption_Title';
import LADDER from '@salesforce/label/c.My_Adoption_Ladder';
import YOUR_RUNG from '@salesforce/label/c.My_Adoption_Your_Rung';
import NEXT_RUNG from '@salesforce/label/c.My_Adoption_Next_Rung';
import NEXT_CRITERIA from '@salesforce/label/c.My_Adoption_Next_Criteria';
import TOP_RUNG from '@salesforce/label/c.My_Adoption_Top_Rung';
import TREND from '@salesforce/label/c.My_Adoption_Trend';
import TREND_ROW_ONE from '@salesforce/label/c.My_Adoption_Trend_Row_One';
import TREND_ROW_OTHER from '@salesforce/label/c.My_Adoption_Trend_Row_Other';
import ACTIVITIES_ONE from '@salesforce/label/c.My_Adoption_Activities_One';
import ACTIVITIES_OTHER from '@salesforce/label/c.My_Adoption_Activities_Other';
import TIPS_ONE from '@salesforce/label/c.My_Adoption_Tips_One';
import TIPS_OTHER from '@salesforce/label/c.My_Adoption_Tips_Other';
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
import STAGE_AWARENESS from '@salesforce/label/c.Stage_Awareness';
import STAGE_UNDERSTANDING from '@salesforce/label/c.Stage_Understanding';
import STAGE_ACCEPTANCE from '@salesforce/label/c.Stage_Acceptance';
import STAGE_INVOLVEMENT from '@salesforce/label/c.Stage_Involvement';
import STAGE_COMMITMENT from '@salesforce/label/c.Stage_Commitment';

const STAGE_LABELS = {
  Awareness: STAGE_AWARENESS,
  Understanding: STAGE_UNDERSTANDING,
  Acceptance: STAGE_ACCEPTANCE,
  Involvement: STAGE_INVOLVEMENT,
  Commitment: STAGE_COMMITMENT
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
  query myAdoption($userId: ID) {
    uiapi {
      query {
        Adoption_Snapshot__c(
          where: { User__c: { eq: $userId } }
          orderBy: { Period_Start__c: { order: DESC } }
          first: 8
        ) {
          edges {
            node {
              Id
              Period_Start__c {
                value
              }
              Adoption_Stage__c {
                value
              }
              Completeness_Score__c {
                value
              }
              Activities_Logged__c {
                value
              }
              Win_Rate__c {
                value
              }
              Insights__c {
                value
              }
            }
          }
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
        Nudge_Response__c(
          where: { OwnerId: { eq: $userId } }
          orderBy: { CreatedDate: { order: DESC } }
          first: 1000
        ) {
          edges {
            node {
              Id
              Nudge_Key__c {
                value
              }
              Record_Id__c {
                value
              }
              Action__c {
                value
              }
              Reason__c {
                value
              }
              Snooze_Until__c {
                value
              }
              CreatedDate {
                value
              }
            }
          }
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
    LOAD_ERROR,
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

  variables = { userId: USER_ID };

  @wire(graphql, { query: QUERY, variables: '$variables' })
  wired({ data, errors }) {
    if (errors) {
      this.error = errors;
      return;
    }
    if (!data) {
      return;
    }
    const query = data.uiapi.query;
    this.error = undefined;
    this.snapshots = nodesOf(query.Adoption_Snapshot__c);
    this.opportunities = nodesOf(query.Opportunity);
    this.responses = nodesOf(query.Nudge_Response__c);
    this.loaded = true;
    this.generateUrls();
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

  /** What the next rung takes, in plain words, from the config's ladder criteria. */
  get nextRungText() {
    const at = ADOPTION_STAGES.indexOf(this.stage);
    const next = ADOPTION_STAGES[at + 1];
    if (!next) {
      return TOP_RUNG;
    }
    const c = COACHING_CONFIG.ladder.criteria[next];
    return `${formatLabel(NEXT_RUNG, [STAGE_LABELS[next]])} ${formatLabel(NEXT_CRITERIA, [
      formatCount(c.minActivities, ACTIVITIES_ONE, ACTIVITIES_OTHER),
      c.minCompleteness,
      c.minFreshPct,
      formatCount(c.minNudgesActed, TIPS_ONE, TIPS_OTHER)
    ])}`;
  }

  get tip() {
    return getLabel(COACHING_CONFIG.ladder.tips[this.stage]);
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

  get hasStatements() {
    return this.statements.length > 0;
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
    return agenda.recognition.map((r) => ({
      key: r.kind,
      text: formatLabel(getLabel(r.label), r.params)
    }));
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

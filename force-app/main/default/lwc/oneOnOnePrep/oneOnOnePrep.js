/**
 * The rep prepares their next 1:1 on Home: the deals their manager will ask about, in the order
 * and with the questions of the manager's agenda (the engine's buildCoachingAgenda over the rep's
 * own Deal_Insight__c rows, written by the sync), each question to have an answer ready for.
 * Opening it records a Coach_Engagement__c of kind Prepared_Agenda, once a day, which the
 * manager's 1:1 agenda shows and the ladder counts as Involvement evidence.
 *
 * The rep reads only their own deals' insights (Deal_Insight__c is controlled by its
 * opportunity) and never the manager's Coaching_Session__c rows.
 * Data: one `lightning/graphql` read, `createRecord` (through c/coachEngagement) for the row.
 */
import { LightningElement, api, wire } from 'lwc';
import { gql, graphql } from 'lightning/graphql';
import { AGENDA_DEAL_NODE, OPEN_DEALS_OF_REP } from 'c/coachQueries';
import USER_ID from '@salesforce/user/Id';
import { COACHING_CONFIG, agendaDealFromInsight, buildCoachingAgenda } from 'c/coachEngine';
import { engagementKey, recordEngagement } from 'c/coachEngagement';
import { formatCount } from 'c/coachLabels';
import { nodesOf } from 'c/ldsUtils';
import { connectionOf, resolveAsOf } from 'c/managerData';

import TITLE from '@salesforce/label/c.Prep_Title';
import OPEN from '@salesforce/label/c.Prep_Open';
import HIDE from '@salesforce/label/c.Prep_Hide';
import LOADING from '@salesforce/label/c.Prep_Loading';
import ERROR_TITLE from '@salesforce/label/c.Prep_Error';
import SUMMARY_ONE from '@salesforce/label/c.Prep_Summary_One';
import SUMMARY_OTHER from '@salesforce/label/c.Prep_Summary_Other';
import EMPTY from '@salesforce/label/c.Prep_Empty';
import PREPARED from '@salesforce/label/c.Prep_Prepared';

const KIND = 'Prepared_Agenda';

// The rep's own open deals, as the manager's agenda reads them (c/coachingAgenda); Amount may be
// hidden by field-level security, so it is `@optional` (GraphQL API Developer Guide, "Query
// Objects Examples",
// https://developer.salesforce.com/docs/platform/graphql/guide/query-record-examples.html).
const QUERY = gql`
  query oneOnOnePrep($repId: ID, $prepKey: String) {
    uiapi {
      query {
        Deal_Insight__c(where: { and: [${OPEN_DEALS_OF_REP}] }, first: 2000) {
          edges { node { ${AGENDA_DEAL_NODE} } }
        }
        Coach_Engagement__c(where: { Engagement_Key__c: { eq: $prepKey } }, first: 1) {
          edges {
            node {
              Id
            }
          }
        }
      }
    }
  }
`;

export default class OneOnOnePrep extends LightningElement {
  /** Date the preparation is recorded for ('YYYY-MM-DD'); default today. */
  @api asOf;

  labels = { TITLE, LOADING, ERROR_TITLE, EMPTY, PREPARED };
  insightNodes;
  /** The deals of the manager's agenda: the same ranking, the same questions, the same limit. */
  deals = [];
  preparedToday = false;
  errors;
  open = false;

  get day() {
    return resolveAsOf(this.asOf);
  }

  get variables() {
    return { repId: USER_ID, prepKey: engagementKey(USER_ID, KIND, null, this.day) };
  }

  @wire(graphql, { query: QUERY, variables: '$variables' })
  wired({ data, errors }) {
    if (errors) this.errors = errors;
    else if (data) {
      this.errors = undefined;
      this.insightNodes = nodesOf(connectionOf(data, 'Deal_Insight__c'));
      this.deals = buildCoachingAgenda(COACHING_CONFIG, {
        deals: this.insightNodes.map((n) => agendaDealFromInsight(COACHING_CONFIG, n)),
        snapshots: [],
        mostImproved: false
      }).deals;
      this.preparedToday =
        this.preparedToday || nodesOf(connectionOf(data, 'Coach_Engagement__c')).length > 0;
    }
  }

  get isLoading() {
    return this.insightNodes === undefined && !this.errors;
  }

  get toggleLabel() {
    return this.open ? HIDE : OPEN;
  }

  get expanded() {
    return String(this.open);
  }

  get hasDeals() {
    return this.deals.length > 0;
  }

  get summary() {
    return formatCount(this.deals.length, SUMMARY_ONE, SUMMARY_OTHER);
  }

  /** Opening it is the preparation: recorded once a day (a refusal leaves the page as it is). */
  async handleToggle() {
    this.open = !this.open;
    if (!this.open || this.errors || this.insightNodes === undefined) return;
    const { recorded } = await recordEngagement({
      userId: USER_ID,
      kind: KIND,
      subject: null,
      day: this.day,
      exists: this.preparedToday
    });
    if (recorded) this.preparedToday = true;
  }
}

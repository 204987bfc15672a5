import { LightningElement, api, wire } from 'lwc';
import { gql, graphql } from 'lightning/graphql';
import { REP_TEAM } from 'c/coachQueries';
import USER_ID from '@salesforce/user/Id';
import { COACHING_CONFIG, addDays } from 'c/coachEngine';
import { nodesOf } from 'c/ldsUtils';
import { dayOf, publishMessage, takeQuery } from 'c/messageData';
import TITLE from '@salesforce/label/c.Quick_Wins_Title';
import NONE from '@salesforce/label/c.Quick_Wins_None';
import APPROVE_EVERYONE from '@salesforce/label/c.Quick_Wins_Approve_Everyone';
import APPROVE_TEAM from '@salesforce/label/c.Quick_Wins_Approve_Team';
import APPROVED from '@salesforce/label/c.Quick_Wins_Approved';
import LOAD_ERROR from '@salesforce/label/c.Quick_Wins_Load_Error';
import SAVE_ERROR from '@salesforce/label/c.Quick_Wins_Save_Error';
import LOADING from '@salesforce/label/c.Coach_Loading';

const QUERY = gql`
  query quickWinApprovals {
    uiapi {
      query {
        Quick_Win__c(orderBy: { CreatedDate: { order: DESC } }, first: 200) {
          edges {
            node {
              Id
              Name {
                value
              }
              Body__c {
                value
              }
              Opportunity__c {
                value
              }
              ${REP_TEAM}
            }
          }
        }
        Adoption_Message__c(where: { Kind__c: { eq: "Quick_Win" } }, first: 200) {
          edges {
            node {
              Id
              Win_Opportunity__c {
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
 * Container component: the quick wins the sync proposed (Quick_Win__c) and nobody has shared
 * yet. Proposals are private to those who approve them: the sponsor reads all of them and shares
 * one with everyone; a manager (scope "team") reads their reps' (shared by the sync) and shares
 * one with their team. Sharing publishes a programme message with one click; nothing is
 * broadcast without it. Data: lightning/graphql reads, createRecord writes.
 */
export default class QuickWinApprovals extends LightningElement {
  /** 'everyone' (the sponsor) or 'team' (a manager: their reps' wins, for their team). */
  @api scope = 'everyone';
  /** The day to publish from, 'YYYY-MM-DD' (default today). */
  @api asOf;

  labels = { TITLE, NONE, APPROVED, ERROR_TITLE: LOAD_ERROR, SAVE_ERROR, LOADING };
  wiredResult;
  query;
  rows;
  sharedDeals = new Set();
  error;
  saveError;
  approved = false;
  saving = false;

  // The wire runs once its variables are set, even when the query takes none.
  variables = {};

  @wire(graphql, { query: QUERY, variables: '$variables' })
  wired(result) {
    takeQuery(this, result);
    if (this.query) {
      this.rows = nodesOf(this.query.Quick_Win__c);
      this.sharedDeals = new Set(
        nodesOf(this.query.Adoption_Message__c).map((m) => m.Win_Opportunity__c)
      );
    }
  }

  get isLoading() {
    return !this.rows && !this.error;
  }

  get forTeam() {
    return this.scope === 'team';
  }

  /** Proposals not yet shared: no quick-win message names the same deal. */
  get proposals() {
    return (this.rows || [])
      .filter((r) => !this.sharedDeals.has(r.Opportunity__c))
      .filter((r) => !this.forTeam || r['Rep__r.ManagerId'] === USER_ID)
      .map((r) => ({
        id: r.Id,
        headline: r.Name,
        body: r.Body__c,
        approveLabel: this.forTeam ? APPROVE_TEAM : APPROVE_EVERYONE
      }));
  }

  get hasProposals() {
    return this.proposals.length > 0;
  }

  async handleApprove(event) {
    const proposal = (this.rows || []).find((r) => r.Id === event.currentTarget.dataset.id);
    if (!proposal) {
      return;
    }
    const day = dayOf(this.asOf);
    this.approved = false;
    this.approved = await publishMessage(this, {
      Name: proposal.Name,
      Body__c: proposal.Body__c,
      Kind__c: 'Quick_Win',
      Audience_Type__c: this.forTeam ? 'Team' : 'Everyone',
      Audience_Value__c: this.forTeam ? USER_ID : null,
      Win_Opportunity__c: proposal.Opportunity__c,
      Win_Rep__c: proposal.Rep__c,
      Start_Date__c: day,
      End_Date__c: addDays(day, COACHING_CONFIG.periodDays)
    });
  }
}

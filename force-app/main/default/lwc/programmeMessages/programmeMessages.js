import { wire } from 'lwc';
import { gql, graphql } from 'lightning/graphql';
import {
  AUDIENCE_SNAPSHOT_NODE,
  FEEDBACK_NODE,
  MESSAGE_NODE,
  RECEIPT_NODE,
  RECENT_SNAPSHOTS
} from 'c/coachQueries';
import { audienceMembers, messageReach } from 'c/coachEngine';
import { nodesOf } from 'c/ldsUtils';
import { dayOf, publishMessage, RecentWindowView, takeQuery } from 'c/messageData';
import LOAD_ERROR from '@salesforce/label/c.Programme_Messages_Load_Error';
import SAVE_ERROR from '@salesforce/label/c.Programme_Messages_Save_Error';
import PUBLISHED from '@salesforce/label/c.Programme_Messages_Published';
import LOADING from '@salesforce/label/c.Coach_Loading';

const QUERY = gql`
  query programmeMessages($since: Date) {
    uiapi {
      query {
        Adoption_Snapshot__c(${RECENT_SNAPSHOTS}) {
          edges { node { ${AUDIENCE_SNAPSHOT_NODE} } }
        }
        Adoption_Message__c(
          where: { Status__c: { eq: "Published" } }
          orderBy: { CreatedDate: { order: DESC } }
          first: 50
        ) {
          edges { node { ${MESSAGE_NODE} } }
        }
        Message_Receipt__c(first: 2000) {
          edges { node { ${RECEIPT_NODE} } }
        }
        Nudge_Response__c(where: { Action__c: { eq: "Dismissed" } }, first: 2000) {
          edges { node { ${FEEDBACK_NODE} } }
        }
      }
    }
  }
`;

/**
 * Container component for the sponsor's page: the message composer and each published
 * message's reach (seen and acknowledged as a share of its audience, by team). The audience is
 * the rollout's users with a snapshot in the last two periods (one row each, the latest), read
 * in one page of up to 2,000 snapshots. Data: lightning/graphql reads, createRecord writes.
 */
export default class ProgrammeMessages extends RecentWindowView {
  labels = { ERROR_TITLE: LOAD_ERROR, SAVE_ERROR, PUBLISHED, LOADING };
  published = false;

  get day() {
    return dayOf(this.asOf);
  }

  @wire(graphql, { query: QUERY, variables: '$variables' })
  wired(result) {
    takeQuery(this, result);
  }

  /** One member per user (their latest snapshot), with the feedback they gave. */
  get members() {
    return audienceMembers(
      nodesOf(this.query && this.query.Adoption_Snapshot__c),
      nodesOf(this.query && this.query.Nudge_Response__c)
    );
  }

  /** Teams (managers) for the composer, by name. */
  get teams() {
    const names = new Map();
    nodesOf(this.query && this.query.Adoption_Snapshot__c).forEach((s) => {
      if (s.Manager__c && !names.has(s.Manager__c)) {
        names.set(s.Manager__c, s['Manager__r.Name'] || s.Manager__c);
      }
    });
    return [...names.entries()]
      .map(([value, label]) => ({ value, label }))
      .sort((a, b) => a.label.localeCompare(b.label));
  }

  get reach() {
    const members = this.members;
    const receipts = nodesOf(this.query && this.query.Message_Receipt__c);
    const teamNames = Object.fromEntries(this.teams.map((t) => [t.value, t.label]));
    return nodesOf(this.query && this.query.Adoption_Message__c).map((m) => {
      const r = messageReach(m, members, receipts);
      return {
        id: m.Id,
        name: m.Name,
        kind: m.Kind__c,
        audienceType: m.Audience_Type__c,
        audienceValue: teamNames[m.Audience_Value__c] || m.Audience_Value__c,
        audience: r.audience,
        seen: r.seen,
        acknowledged: r.acknowledged,
        byTeam: r.byTeam.map((t) => ({ ...t, name: teamNames[t.managerId] || null }))
      };
    });
  }

  async handlePublish(event) {
    this.published = false;
    if (await publishMessage(this, event.detail)) {
      this.published = true;
      this.template.querySelector('c-message-composer').reset();
    }
  }
}

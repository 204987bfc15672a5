/**
 * What a rep did with the coaching, for their manager's 1:1 agenda: the 1:1 agendas they
 * prepared (opened before the session) and the training paths they marked done, in the last
 * `days` days (Coach_Engagement__c of kinds Prepared_Agenda and Training_Done, read through the
 * role hierarchy). Nothing shows when there is nothing to show.
 */
import { LightningElement, api, wire } from 'lwc';
import { gql, graphql } from 'lightning/graphql';
import { COACHING_CONFIG, addDays } from 'c/coachEngine';
import { formatLabel, getLabel } from 'c/coachLabels';
import { resolveAsOf, rowsOf } from 'c/managerData';

import TITLE from '@salesforce/label/c.Engagement_Title';
import PREPARED from '@salesforce/label/c.Engagement_Prepared';
import TRAINING_DONE from '@salesforce/label/c.Engagement_Training_Done';

const ENGAGEMENTS = gql`
  query repEngagements($repId: ID, $since: DateTime) {
    uiapi {
      query {
        Coach_Engagement__c(
          where: {
            and: [
              { User__c: { eq: $repId } }
              { Kind__c: { in: ["Prepared_Agenda", "Training_Done"] } }
              { Occurred_At__c: { gte: { value: $since } } }
            ]
          }
          orderBy: { Occurred_At__c: { order: DESC } }
          first: 50
        ) {
          edges {
            node {
              Id
              Kind__c {
                value
              }
              Subject__c {
                value
              }
              Occurred_At__c {
                value
              }
            }
          }
        }
      }
    }
  }
`;

export default class RepEngagement extends LightningElement {
  /** The rep whose agenda is shown. */
  @api repId;
  /** Date the agenda is for ('YYYY-MM-DD'); default today. */
  @api asOf;
  /** How many days back to look. */
  @api days = 30;

  rows = [];

  get title() {
    return formatLabel(TITLE, [this.days]);
  }

  get variables() {
    if (!this.repId) return undefined;
    const since = addDays(resolveAsOf(this.asOf), -(Number(this.days) - 1));
    return { repId: this.repId, since: `${since}T00:00:00.000Z` };
  }

  @wire(graphql, { query: ENGAGEMENTS, variables: '$variables' })
  wired({ data, errors }) {
    // The agenda goes on without this line when it cannot be read.
    if (errors || !data) {
      this.rows = [];
      return;
    }
    const paths = new Map(
      ((COACHING_CONFIG.governance && COACHING_CONFIG.governance.training.paths) || []).map((p) => [
        p.key,
        p
      ])
    );
    this.rows = rowsOf(data, 'Coach_Engagement__c').map((r) => {
      const day = String(r.Occurred_At__c || '').slice(0, 10);
      const path = paths.get(r.Subject__c);
      return {
        key: r.Id,
        kind: r.Kind__c,
        text:
          r.Kind__c === 'Training_Done'
            ? formatLabel(TRAINING_DONE, [path ? getLabel(path.label) : r.Subject__c, day])
            : formatLabel(PREPARED, [day])
      };
    });
  }

  get hasRows() {
    return this.rows.length > 0;
  }
}

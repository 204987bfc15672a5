/**
 * Training for the rep on Home: the remedial path of a rung they dropped from, the path of a tip
 * they answered "I don't know how", and the new-hire path in their first weeks (engine
 * trainingOffers, paths from the config). "Mark as done" records a Coach_Engagement__c of kind
 * Training_Done, which the manager's 1:1 agenda shows. Nothing shows when nothing is offered.
 * Data: one `lightning/graphql` read, `createRecord` for the engagement.
 */
import { LightningElement, api, wire } from 'lwc';
import { gql, graphql } from 'lightning/graphql';
import { SNAPSHOTS_OF_USER } from 'c/coachQueries';
import { createRecord } from 'lightning/uiRecordApi';
import USER_ID from '@salesforce/user/Id';
import {
  COACHING_CONFIG,
  DONT_KNOW_REASON,
  parseNudgeResponseKey,
  trainingOffers
} from 'c/coachEngine';
import { STAGE_LABELS, formatLabel, getLabel } from 'c/coachLabels';
import { saveWithToast } from 'c/ldsUtils';
import { resolveAsOf, rowsOf } from 'c/managerData';

import TITLE from '@salesforce/label/c.Training_Title';
import OPEN from '@salesforce/label/c.Training_Open';
import MARK_DONE from '@salesforce/label/c.Training_Mark_Done';
import DONE from '@salesforce/label/c.Training_Done';
import REASON_REMEDIAL from '@salesforce/label/c.Training_Reason_Remedial';
import REASON_DONT_KNOW from '@salesforce/label/c.Training_Reason_Dont_Know';
import REASON_NEW_HIRE from '@salesforce/label/c.Training_Reason_New_Hire';
import SAVED from '@salesforce/label/c.Training_Saved';
import SAVE_ERROR from '@salesforce/label/c.Training_Save_Error';

const TRAINING = gql`
  query trainingPaths($userId: ID, $reason: Picklist) {
    uiapi {
      query {
        User(where: { Id: { eq: $userId } }, first: 1) {
          edges {
            node {
              Id
              CreatedDate {
                value
              }
            }
          }
        }
        Adoption_Snapshot__c(${SNAPSHOTS_OF_USER}, first: 2) {
          edges {
            node {
              Id
              Period_Start__c {
                value
              }
              Adoption_Stage__c {
                value
              }
            }
          }
        }
        Nudge_Response__c(
          where: {
            and: [
              { OwnerId: { eq: $userId } }
              { Action__c: { eq: "Dismissed" } }
              { Reason__c: { eq: $reason } }
            ]
          }
          orderBy: { CreatedDate: { order: DESC } }
          first: 50
        ) {
          edges {
            node {
              Id
              Nudge_Key__c {
                value
              }
            }
          }
        }
        Coach_Engagement__c(
          where: { and: [{ User__c: { eq: $userId } }, { Kind__c: { eq: "Training_Done" } }] }
          first: 200
        ) {
          edges {
            node {
              Id
              Subject__c {
                value
              }
            }
          }
        }
      }
    }
  }
`;

export default class TrainingPaths extends LightningElement {
  /** Date the offers are for ('YYYY-MM-DD'); default today. */
  @api asOf;

  labels = { TITLE, OPEN, MARK_DONE, DONE };
  variables = { userId: USER_ID, reason: DONT_KNOW_REASON };
  result;
  data;
  saving = null;

  @wire(graphql, { query: TRAINING, variables: '$variables' })
  wired(result) {
    this.result = result;
    // A read that fails offers nothing: training is a suggestion, never in the way.
    this.data = result.errors ? undefined : result.data;
  }

  get offers() {
    if (!this.data) return [];
    const [user] = rowsOf(this.data, 'User');
    const [now, before] = rowsOf(this.data, 'Adoption_Snapshot__c');
    const dontKnow = rowsOf(this.data, 'Nudge_Response__c')
      .map((r) => (r.Nudge_Key__c ? parseNudgeResponseKey(r.Nudge_Key__c).nudgeKey : null))
      .filter(Boolean);
    const done = rowsOf(this.data, 'Coach_Engagement__c').map((r) => r.Subject__c);
    const nudges = new Map(COACHING_CONFIG.nudges.catalogue.map((n) => [n.key, n]));
    return trainingOffers(COACHING_CONFIG, {
      asOf: resolveAsOf(this.asOf),
      userCreated: user ? user.CreatedDate : null,
      stage: now ? now.Adoption_Stage__c : null,
      previousStage: before ? before.Adoption_Stage__c : null,
      dontKnowNudges: [...new Set(dontKnow)],
      done
    }).map((o) => {
      let reason = REASON_NEW_HIRE;
      if (o.reason === 'remedial') reason = formatLabel(REASON_REMEDIAL, [STAGE_LABELS[o.because]]);
      else if (o.reason === 'dontKnow') {
        const nudge = nudges.get(o.because);
        reason = formatLabel(REASON_DONT_KNOW, [nudge ? getLabel(nudge.label) : o.because]);
      }
      const title = getLabel(o.label);
      return {
        key: o.key,
        title,
        url: o.url,
        reason,
        done: o.done,
        saving: this.saving === o.key,
        markLabel: `${MARK_DONE}: ${title}`
      };
    });
  }

  get hasOffers() {
    return this.offers.length > 0;
  }

  async handleDone(event) {
    const key = event.currentTarget.dataset.path;
    if (!key || this.saving) return;
    this.saving = key;
    const day = resolveAsOf(this.asOf);
    const fields = {
      Engagement_Key__c: `${USER_ID}:Training_Done:${key}:${day}`,
      User__c: USER_ID,
      Kind__c: 'Training_Done',
      Subject__c: key,
      Occurred_At__c: new Date().toISOString()
    };
    await saveWithToast(this, () => createRecord({ apiName: 'Coach_Engagement__c', fields }), {
      saved: SAVED,
      failed: SAVE_ERROR,
      after: () => this.result?.refresh?.()
    });
    this.saving = null;
  }
}

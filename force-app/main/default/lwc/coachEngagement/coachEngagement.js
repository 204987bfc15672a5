/**
 * Records what a user did with the coaching itself as a Coach_Engagement__c row (non-UI module):
 * one row per user, kind, subject and day, the ladder's evidence of Understanding (a view of their
 * adoption, a WIIFM line read) and Involvement (an agenda prepared, feedback given).
 *
 * LDS has no upsert by external id, so a component first reads the day's key through GraphQL
 * (`engagementKey`) and calls `recordEngagement` only when the row is absent; a key already
 * recorded by this page is not sent twice. A duplicate from another tab is refused by the
 * unique key and changes nothing.
 */
import { createRecord } from 'lightning/uiRecordApi';
import ENGAGEMENT from '@salesforce/schema/Coach_Engagement__c';
import KEY from '@salesforce/schema/Coach_Engagement__c.Engagement_Key__c';
import USER from '@salesforce/schema/Coach_Engagement__c.User__c';
import KIND from '@salesforce/schema/Coach_Engagement__c.Kind__c';
import SUBJECT from '@salesforce/schema/Coach_Engagement__c.Subject__c';
import OCCURRED_AT from '@salesforce/schema/Coach_Engagement__c.Occurred_At__c';

const sent = new Set();

/**
 * `<UserId>:<Kind>:<Subject or ->:<YYYY-MM-DD>`, the row's Engagement_Key__c.
 * @param {string} userId
 * @param {string} kind Viewed_Adoption, Read_Wiifm, Prepared_Agenda, Training_Done or Feedback
 * @param {string|null} subject
 * @param {string} day YYYY-MM-DD
 * @returns {string}
 */
export function engagementKey(userId, kind, subject, day) {
  return `${userId}:${kind}:${subject || '-'}:${day}`;
}

/**
 * Creates the day's row unless it exists (`exists`, from the caller's GraphQL read) or this page
 * sent it already.
 * @returns {Promise<{ recorded: boolean, error?: unknown }>} the error of a refused create, for
 *   the caller to ignore or show: the coaching works the same without the row.
 */
export async function recordEngagement({ userId, kind, subject, day, exists }) {
  const key = engagementKey(userId, kind, subject, day);
  if (exists || sent.has(key)) return { recorded: false };
  sent.add(key);
  try {
    await createRecord({
      apiName: ENGAGEMENT.objectApiName,
      fields: {
        [KEY.fieldApiName]: key,
        [USER.fieldApiName]: userId,
        [KIND.fieldApiName]: kind,
        [SUBJECT.fieldApiName]: subject || null,
        [OCCURRED_AT.fieldApiName]: new Date().toISOString()
      }
    });
    return { recorded: true };
  } catch (error) {
    sent.delete(key);
    return { recorded: false, error };
  }
}

/**
 * Shared non-UI helpers of the programme-message components (programmeMessages, ruleFeedback,
 * quickWinApprovals): the window of snapshots an audience is read from, taking a
 * `lightning/graphql` result, and publishing an Adoption_Message__c. No rule lives here: who is
 * in an audience, reach and feedback totals are in c/coachEngine.
 */
import { refreshGraphQL } from 'lightning/graphql';
import { createRecord } from 'lightning/uiRecordApi';
import MESSAGE from '@salesforce/schema/Adoption_Message__c';
import { COACHING_CONFIG, addDays } from 'c/coachEngine';
import { todayIso } from 'c/ldsUtils';

/** The component's day ('YYYY-MM-DD'): its `asOf`, else today. */
export function dayOf(asOf) {
  return asOf || todayIso();
}

/** The query's variables: snapshots from two periods back, so everyone's latest one is read. */
export function recentWindow(asOf) {
  return { since: addDays(dayOf(asOf), -2 * COACHING_CONFIG.periodDays) };
}

/** Keeps a wired GraphQL result on the component: `wiredResult`, `error`, `query`. */
export function takeQuery(component, result) {
  component.wiredResult = result;
  if (result.errors) {
    component.error = result.errors;
  } else if (result.data) {
    component.error = undefined;
    component.query = result.data.uiapi.query;
  }
}

/**
 * Creates a published Adoption_Message__c with `fields`, then refreshes the component's query.
 * Sets `saving` while it runs and `saveError` when it fails; resolves true when it was created.
 */
export async function publishMessage(component, fields) {
  component.saving = true;
  component.saveError = undefined;
  try {
    await createRecord({
      apiName: MESSAGE.objectApiName,
      fields: { ...fields, Status__c: 'Published' }
    });
    await refreshGraphQL(component.wiredResult);
    return true;
  } catch (e) {
    component.saveError = e;
    return false;
  } finally {
    component.saving = false;
  }
}

/**
 * Shared non-UI helpers of the programme-message components (programmeMessages, ruleFeedback,
 * quickWinApprovals): the window of snapshots an audience is read from, taking a
 * `lightning/graphql` result, publishing an Adoption_Message__c, the message's headline and body
 * as c-form-fields fields, and the base class of the views that read the recent window. No rule
 * lives here: who is in an audience, reach and feedback totals are in c/coachEngine.
 */
import { LightningElement, api } from 'lwc';
import { refreshGraphQL } from 'lightning/graphql';
import { createRecord } from 'lightning/uiRecordApi';
import MESSAGE from '@salesforce/schema/Adoption_Message__c';
import { COACHING_CONFIG, addDays } from 'c/coachEngine';
import { keepResult, todayIso } from 'c/ldsUtils';

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
  const data = keepResult(component, result, 'error', 'wiredResult');
  if (data) component.query = data.uiapi.query;
}

/**
 * A view of the programme's recent window (`asOf`, default today): `variables` for its query,
 * the result its wire keeps with takeQuery (`wiredResult`, `query`, `error`), and what
 * publishMessage sets (`saving`, `saveError`). Each view wires its own query:
 * `@wire(graphql, { query: QUERY, variables: '$variables' }) wired(result) { takeQuery(this, result); }`.
 */
export class RecentWindowView extends LightningElement {
  /** The day to compute as, 'YYYY-MM-DD' (default today). */
  @api asOf;

  wiredResult;
  query;
  error;
  saveError;
  saving = false;

  get variables() {
    return recentWindow(this.asOf);
  }

  get isLoading() {
    return !this.query && !this.error;
  }
}

/** A message's headline (Name) and body (Body__c) as c-form-fields fields, with these labels. */
export function messageTextFields(headline, body) {
  return [
    { name: 'Name', kind: 'input', attributes: { label: headline, maxLength: 80, required: true } },
    {
      name: 'Body__c',
      kind: 'textarea',
      attributes: { label: body, maxLength: 4000, required: true }
    }
  ];
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

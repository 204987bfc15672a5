import { LightningElement, api } from 'lwc';

/**
 * Presentation component: a component's loading state, a small spinner in a status region whose
 * text (the component's own "Loading …" label) screen readers announce.
 */
export default class LoadingStatus extends LightningElement {
  /** What is loading, as the user reads it, e.g. "Loading your team…". */
  @api label;
}

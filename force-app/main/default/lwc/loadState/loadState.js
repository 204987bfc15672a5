import { LightningElement, api } from 'lwc';

/**
 * Presentation component: what a container shows while its data is not there. The error panel
 * when the load failed, else the loading status while it loads, else the container's own markup
 * (the default slot).
 */
export default class LoadState extends LightningElement {
  /** The container's labels; this reads ERROR_TITLE (the error's sentence) and LOADING. */
  @api labels = {};
  /** The load's errors, one or a list, as LDS, GraphQL or fetch give them; none: not failed. */
  @api errors;
  /** Whether the data is still on its way. */
  @api loading = false;

  get failed() {
    return Array.isArray(this.errors) ? this.errors.length > 0 : Boolean(this.errors);
  }
}
